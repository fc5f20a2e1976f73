"""python -m cxdash digest: the e-mail sent to a local SMTP server, written as a file, or refused in a sentence."""

from __future__ import annotations

import email
import io
import socket
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from pptx import Presentation
from typer.testing import CliRunner, Result

from cxdash.__main__ import app
from cxdash.boardpack.sections import SECTIONS


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    """A local SMTP server (no TLS, no login) for this test, and the port it listens on."""
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def _digest(url: str, *args: str, **env: str) -> Result:
    return CliRunner().invoke(app, ["digest", *args], env={"DATABASE_URL": url, **env})


def _parts(message: EmailMessage) -> dict[str, list[EmailMessage]]:
    found: dict[str, list[EmailMessage]] = {}
    for part in message.walk():
        found.setdefault(part.get_content_type(), []).append(part)  # type: ignore[arg-type]
    return found


def test_the_digest_is_sent_with_scorecard_summary_charts_and_deck(sample_url: str, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    env = {"CXDASH_SMTP_HOST": "127.0.0.1", "CXDASH_SMTP_PORT": str(port), "CXDASH_SMTP_STARTTLS": "false",
           "CXDASH_SMTP_FROM": "cxdash@example.com"}  # fmt: skip
    result = _digest(sample_url, "--month", "2026-10", "--to", "cco@example.com", **env)
    assert result.exit_code == 0, result.output
    assert f"Sent the digest for October 2026 to cco@example.com through 127.0.0.1:{port}." in result.output
    ((recipients, message),) = inbox.messages
    assert recipients == ["cco@example.com"] and message["From"] == "cxdash@example.com"
    assert message["Subject"] == "Customer experience board pack, October 2026"
    parts = _parts(message)
    html = parts["text/html"][0].get_content()
    assert "Executive summary" in html and "DACH: NPS fell 19.9" in html
    assert "KPI scorecard" in html and "At risk" in html and "On target" in html
    images = parts["image/png"]
    assert len(images) == 5
    for image in images:
        assert f'src="cid:{image["Content-ID"][1:-1]}"' in html
    (deck,) = parts["application/vnd.openxmlformats-officedocument.presentationml.presentation"]
    assert deck.get_filename() == "cxdash-board-pack-2026-10.pptx"
    assert len(Presentation(io.BytesIO(deck.get_content())).slides) == len(SECTIONS) + 1
    assert "DACH: NPS fell 19.9" in parts["text/plain"][0].get_content()
    # Each owner's overdue actions (the sample's CEO offsite action was due on 31 October 2026).
    assert "Overdue actions" in html and "Agree one named CX owner at the leadership offsite" in html
    assert "Chief Executive Officer:" in parts["text/plain"][0].get_content()


def test_a_dry_run_writes_the_message_and_sends_nothing(sample_url: str, tmp_path: Path) -> None:
    out = tmp_path / "digest.eml"
    result = _digest(sample_url, "--to", "cco@example.com", "--dry-run", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"Wrote the digest for October 2026 to {out}; nothing was sent." in result.output
    message = email.message_from_bytes(out.read_bytes(), policy=policy.default)
    assert message["To"] == "cco@example.com" and message.is_multipart()


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        ([], {}, "No SMTP server is configured: set CXDASH_SMTP_HOST"),
        ([], {"CXDASH_SMTP_HOST": "127.0.0.1", "CXDASH_SMTP_PORT": "nope"}, "The SMTP port must be a number"),
        (["--dry-run"], {}, "With --dry-run, name the file to write with --out"),
        (["--to", "not-an-address"], {}, "not-an-address is not an e-mail address"),
    ],
)
def test_bad_input_is_refused_in_one_sentence(
    sample_url: str, args: list[str], env: dict[str, str], message: str
) -> None:
    result = _digest(sample_url, "--to", "cco@example.com", *args, **env)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_an_unreachable_smtp_server_is_named_and_nothing_is_sent(sample_url: str) -> None:
    port = _free_port()  # nothing listens there
    env = {"CXDASH_SMTP_HOST": "127.0.0.1", "CXDASH_SMTP_PORT": str(port), "CXDASH_SMTP_STARTTLS": "false"}
    result = _digest(sample_url, "--to", "cco@example.com", **env)
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"cxdash cannot reach the SMTP server 127.0.0.1:{port} (Connection refused); check the SMTP host and port."
    )


def test_a_server_without_starttls_is_named_when_starttls_is_asked(sample_url: str, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    env = {"CXDASH_SMTP_HOST": "127.0.0.1", "CXDASH_SMTP_PORT": str(port), "CXDASH_SMTP_STARTTLS": "true"}
    result = _digest(sample_url, "--to", "cco@example.com", **env)
    assert result.exit_code == 1 and "does not offer STARTTLS" in result.output
    assert inbox.messages == []
