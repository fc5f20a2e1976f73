"""SMTP settings for the digest: environment first, then secrets.toml, and a sentence for each bad value."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cxdash.digest.settings import DigestError, SmtpSettings, smtp_settings

NONE = Path("/nonexistent/secrets.toml")


def test_environment_variables_set_every_field() -> None:
    env = {"CXDASH_SMTP_HOST": "mail.example.com", "CXDASH_SMTP_PORT": "2525", "CXDASH_SMTP_STARTTLS": "false",
           "CXDASH_SMTP_USER": "cx", "CXDASH_SMTP_PASSWORD": "pw", "CXDASH_SMTP_FROM": "cx@example.com"}  # fmt: skip
    assert smtp_settings(env, NONE) == SmtpSettings("mail.example.com", 2525, False, "cx", "pw", "cx@example.com")


def test_secrets_toml_is_read_when_the_environment_is_silent(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[smtp]\nhost = "smtp.example.com"\nuser = "cco@example.com"\npassword = "s"\n')
    assert smtp_settings({}, secrets) == SmtpSettings("smtp.example.com", 587, True, "cco@example.com", "s",
                                                      "cco@example.com")  # fmt: skip


def test_the_environment_wins_over_secrets(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[smtp]\nhost = "smtp.example.com"\nstarttls = false\n')
    found = smtp_settings({"CXDASH_SMTP_HOST": "other.example.com"}, secrets)
    assert (found.host, found.port, found.starttls) == ("other.example.com", 25, False)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "No SMTP server is configured: set CXDASH_SMTP_HOST"),
        (
            {"CXDASH_SMTP_HOST": "h", "CXDASH_SMTP_PORT": "smtp"},
            "The SMTP port must be a number, like 587 (got 'smtp').",
        ),
        ({"CXDASH_SMTP_HOST": "h", "CXDASH_SMTP_PORT": "70000"}, "between 1 and 65535 (got 70000)"),
        ({"CXDASH_SMTP_HOST": "h", "CXDASH_SMTP_STARTTLS": "maybe"}, "Set starttls to true or false (got 'maybe')."),
    ],
)
def test_bad_settings_are_named_in_one_sentence(env: dict[str, str], message: str) -> None:
    with pytest.raises(DigestError, match=re.escape(message)):
        smtp_settings(env, NONE)


def test_a_broken_secrets_file_is_named(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("[smtp\nhost=")
    with pytest.raises(DigestError, match="is not valid TOML"):
        smtp_settings({}, secrets)
