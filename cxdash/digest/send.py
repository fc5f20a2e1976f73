"""Delivering the digest over SMTP, with every failure told as one sentence."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from cxdash.digest.settings import DigestError, SmtpSettings

TIMEOUT = 30


def send(message: EmailMessage, smtp: SmtpSettings) -> None:
    """Send through the configured server: STARTTLS when asked (certificate checked), login when a user is set."""
    where = f"{smtp.host}:{smtp.port}"
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT) as server:
            if smtp.starttls:
                server.starttls(context=ssl.create_default_context())
            if smtp.user:
                server.login(smtp.user, smtp.password or "")
            server.send_message(message)
    except smtplib.SMTPAuthenticationError:
        raise DigestError(
            f"The SMTP server {where} refused the user name or password; check the SMTP user and password."
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise DigestError(
            f"The SMTP server {where} does not offer STARTTLS; set starttls to false or use its TLS port."
        ) from None
    except smtplib.SMTPRecipientsRefused as exc:
        refused = ", ".join(exc.recipients)
        raise DigestError(f"The SMTP server {where} refused the recipient(s) {refused}; nothing was sent.") from None
    except (smtplib.SMTPException, ssl.SSLError) as exc:
        raise DigestError(f"The SMTP server {where} did not accept the digest ({exc}); nothing was sent.") from None
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise DigestError(
            f"cxdash cannot reach the SMTP server {where} ({reason}); check the SMTP host and port."
        ) from None
