"""Where the digest's SMTP server is: environment variables first, then the [smtp] section of secrets.toml."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SECRETS = Path(".streamlit/secrets.toml")
ENV = {
    "host": "CXDASH_SMTP_HOST",
    "port": "CXDASH_SMTP_PORT",
    "starttls": "CXDASH_SMTP_STARTTLS",
    "user": "CXDASH_SMTP_USER",
    "password": "CXDASH_SMTP_PASSWORD",
    "sender": "CXDASH_SMTP_FROM",
}
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


class DigestError(ValueError):
    """A digest that cannot be built or sent; the message says what to change."""


@dataclass(frozen=True)
class SmtpSettings:
    """An SMTP server to send through: host, port, whether to upgrade with STARTTLS, login, and the sender."""

    host: str
    port: int
    starttls: bool
    user: str | None
    password: str | None
    sender: str


def _secrets(path: Path) -> Mapping[str, Any]:
    if not path.is_file():
        return {}
    try:
        section = tomllib.loads(path.read_text(encoding="utf-8")).get("smtp", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DigestError(f"{path} is not valid TOML ({exc}); fix it or set the CXDASH_SMTP_* variables.") from None
    return section if isinstance(section, dict) else {}


def _flag(value: object) -> bool:
    text = str(value).strip().lower()
    if text in _TRUE or value is True:
        return True
    if text in _FALSE or value is False:
        return False
    raise DigestError(f"Set starttls to true or false (got {value!r}).")


def smtp_settings(environ: Mapping[str, str] | None = None, secrets: Path = SECRETS) -> SmtpSettings:
    """SMTP settings from CXDASH_SMTP_* variables, else from secrets.toml's [smtp] (host, port, starttls, user,
    password, from); STARTTLS is on unless turned off, the port defaults to 587 with it and 25 without."""
    env = os.environ if environ is None else environ
    stored = _secrets(secrets)
    value = {key: env.get(name) or stored.get("from" if key == "sender" else key) for key, name in ENV.items()}
    host = str(value["host"] or "").strip()
    if not host:
        raise DigestError(
            "No SMTP server is configured: set CXDASH_SMTP_HOST (and PORT, STARTTLS, USER, PASSWORD, FROM) or an "
            f"[smtp] section in {secrets}."
        )
    starttls = _flag(value["starttls"]) if value["starttls"] not in (None, "") else True
    try:
        port = int(value["port"]) if value["port"] not in (None, "") else (587 if starttls else 25)
    except (TypeError, ValueError):
        raise DigestError(f"The SMTP port must be a number, like 587 (got {value['port']!r}).") from None
    if not 0 < port < 65536:
        raise DigestError(f"The SMTP port must be between 1 and 65535 (got {port}).")
    user = str(value["user"]) if value["user"] else None
    sender = str(value["sender"] or user or f"cxdash@{host}")
    return SmtpSettings(host, port, starttls, user, str(value["password"]) if value["password"] else None, sender)
