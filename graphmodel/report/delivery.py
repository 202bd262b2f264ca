"""Delivering the digest: to a webhook (JSON, WeCom, Feishu, Slack) or by mail (SMTP) with
the HTML report attached.

    notify(connection, "camp-7", NotifySettings(format="wecom", url_env="WECOM_BOT_URL"))

Secrets never come from the job file: the webhook URL (its key or token is the secret),
Feishu's signing secret and the SMTP password are read from environment variables the job
file names (``url_env``, ``secret_env``, ``password_env``). They are never logged: a
destination is named by its scheme, host and port only. A delivery that fails (the host
cannot be reached, an HTTP error, a bot's error code, a refused recipient) raises
``DeliveryFailed`` with what went wrong.
"""

from __future__ import annotations

import json
import os
import smtplib
import ssl
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from html import escape
from ipaddress import ip_address
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from graphmodel import __version__
from graphmodel.core.config import checked_table
from graphmodel.core.errors import ConfigurationError, DeliveryFailed
from graphmodel.report import LANGUAGES, bots
from graphmodel.report.data import gather
from graphmodel.report.digest import Digest, build_digest, footer, headline, say, sections, size_line
from graphmodel.report.document import build_document
from graphmodel.report.pseudonyms import load_salt
from graphmodel.report.render import render

FORMATS = (*bots.WEBHOOK_FORMATS, "email")
LABELS = {"json": "JSON webhook", "wecom": "WeCom group bot", "feishu": "Feishu bot", "slack": "Slack webhook"}
SECURITIES = ("starttls", "ssl", "none")
STANDARD_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


@dataclass(frozen=True)
class NotifySettings:
    """What the ``notify`` job step takes (docs/delivery.md); secrets only by the name of
    the environment variable that holds them."""

    format: str = "json"            # json | wecom | feishu | slack | email
    lang: str = "en"
    pseudonymise: bool = False      # pseudonyms in place of member ids and names
    link: str = ""                  # where the full report can be read, shown in the digest
    timeout: float = 10.0           # seconds per connection attempt
    url_env: str = "GRAPHMODEL_NOTIFY_URL"   # the variable holding the webhook URL
    secret_env: str = ""            # the variable holding a Feishu bot's signing secret
    smtp_host: str = ""
    smtp_port: int = 0              # 0: 587 with starttls, 465 with ssl, 25 with none
    smtp_security: str = "starttls"
    smtp_user: str = ""
    password_env: str = "GRAPHMODEL_SMTP_PASSWORD"  # the variable holding the SMTP password
    mail_from: str = ""
    mail_to: tuple[str, ...] = ()
    attach: bool = True             # attach the HTML report to the mail

    @classmethod
    def from_params(cls, params: Mapping[str, Any], where: str = "the notify step") -> NotifySettings:
        values = dict(params)
        recipients = values.pop("mail_to", ())
        if isinstance(recipients, str):
            recipients = (recipients,)
        if not isinstance(recipients, (list, tuple)) or not all(isinstance(r, str) and r for r in recipients):
            raise ConfigurationError(f"{where}: mail_to must be an address or a list of addresses")
        settings = cls(**checked_table(values, cls(), "notify", None, exclude=("mail_to",)),
                       mail_to=tuple(recipients))
        settings.check(where)
        return settings

    def check(self, where: str) -> None:
        if self.format not in FORMATS:
            raise ConfigurationError(f"{where}: format must be one of {', '.join(FORMATS)}, not {self.format!r}")
        if self.lang not in LANGUAGES:
            raise ConfigurationError(f"{where}: lang must be one of {', '.join(LANGUAGES)}, not {self.lang!r}")
        if not 0 < self.timeout <= 300:
            raise ConfigurationError(f"{where}: timeout must be from 0 to 300 seconds")
        if self.format == "email":
            if not (self.smtp_host and self.mail_from and self.mail_to):
                raise ConfigurationError(f"{where}: email needs smtp_host, mail_from and mail_to")
            if self.smtp_security not in SECURITIES:
                raise ConfigurationError(f"{where}: smtp_security must be one of {', '.join(SECURITIES)}")
            if self.smtp_user and self.smtp_security == "none":
                raise ConfigurationError(f"{where}: a password is never sent unencrypted; with smtp_user, "
                                         f"smtp_security must be starttls or ssl")
        elif self.secret_env and self.format != "feishu":
            raise ConfigurationError(f"{where}: secret_env signs Feishu bot messages only")


@dataclass(frozen=True)
class Webhook:
    format: str
    url: str = field(repr=False)
    secret: str | None = field(default=None, repr=False)

    @property
    def where(self) -> str:
        return destination(self.url)


@dataclass(frozen=True)
class Mailbox:
    host: str
    port: int
    security: str
    sender: str
    recipients: tuple[str, ...]
    username: str = ""
    password: str = field(default="", repr=False)

    @property
    def where(self) -> str:
        return f"smtp://{self.host}:{self.port}"


@dataclass(frozen=True)
class Delivery:
    """What was sent where (the destination without its secret parts)."""

    format: str
    destination: str
    bytes: int
    recipients: int = 0


def destination(url: str) -> str:
    """A URL as it may be shown: scheme, host and port (paths and queries hold keys)."""
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname or ''}{port}"


def webhook(settings: NotifySettings, environ: Mapping[str, str] = os.environ) -> Webhook:
    url = _secret(environ, settings.url_env, "the webhook URL").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ConfigurationError(f"${settings.url_env} does not hold an http(s) URL")
    if parts.scheme == "http" and not _loopback(parts.hostname):
        raise ConfigurationError(f"${settings.url_env}: a webhook URL carries its key, so it must be https "
                                 f"(plain http only to this machine); got {destination(url)}")
    secret = _secret(environ, settings.secret_env, "the Feishu signing secret") if settings.secret_env else None
    return Webhook(settings.format, url, secret)


def mailbox(settings: NotifySettings, environ: Mapping[str, str] = os.environ) -> Mailbox:
    password = _secret(environ, settings.password_env, "the SMTP password") if settings.smtp_user else ""
    return Mailbox(settings.smtp_host, settings.smtp_port or STANDARD_PORTS[settings.smtp_security],
                   settings.smtp_security, settings.mail_from, settings.mail_to, settings.smtp_user, password)


def _secret(environ: Mapping[str, str], name: str, what: str) -> str:
    value = environ.get(name, "")
    if not value.strip():
        raise ConfigurationError(f"{what} is read from the environment variable {name}, which is not set")
    return value


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def notify(connection, community: str, settings: NotifySettings, *, home: Path | None = None,
           environ: Mapping[str, str] = os.environ) -> Delivery:
    """Send ``community``'s digest as ``settings`` say; ``home`` holds the pseudonym salt."""
    settings.check("notify")
    target: Webhook | Mailbox = mailbox(settings, environ) if settings.format == "email" else webhook(settings,
                                                                                                     environ)
    pseudonyms = load_salt(home, environ) if settings.pseudonymise else None
    data = gather(connection, community, members=False, pseudonyms=pseudonyms)
    document = build_document(data, settings.lang)
    digest = build_digest(document, data.previous_imbalances, settings.link or None)
    if isinstance(target, Mailbox):
        report = render(document, "html") if settings.attach else None
        return send_mail(target, mail(digest, target, report), settings.timeout)
    return post(target, bots.payload(target.format, digest, target.secret), settings.timeout)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A webhook that redirects is refused, not followed (a POST would turn into a GET)."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def post(target: Webhook, message: dict, timeout: float = 10.0) -> Delivery:
    """POST ``message`` as JSON to the webhook; DeliveryFailed unless it took it."""
    body = json.dumps(message, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(target.url, data=body, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", "User-Agent": f"graphmodel/{__version__}"})
    label = LABELS[target.format]
    try:
        with urllib.request.build_opener(_NoRedirects).open(request, timeout=timeout) as response:
            status, reply = response.status, response.read(65536).decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        status, reply = error.code, error.read(65536).decode("utf-8", "replace")
        error.close()
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise DeliveryFailed(f"could not deliver the digest to the {label} at {target.where}: {reason}") from None
    problem = bots.refusal(target.format, status, reply)
    if problem:
        raise DeliveryFailed(f"the {label} at {target.where} refused the digest: {problem}")
    return Delivery(target.format, target.where, len(body))


def mail(digest: Digest, box: Mailbox, report_html: str | None) -> EmailMessage:
    """The digest as a mail (plain text and HTML), the HTML report attached when given."""
    message = EmailMessage()
    message["Subject"] = f"[graphmodel] {headline(digest)}"
    message["From"] = box.sender
    message["To"] = ", ".join(box.recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid("graphmodel")
    parts = sections(digest)
    text = [headline(digest), size_line(digest), ""]
    for section in parts:
        text += [section.title, *(f"- {line}" for line in section.lines), ""]
    if digest.link:
        text.append(f"{say('report', digest.lang)}: {digest.link}")
    text.append(footer(digest))
    message.set_content("\n".join(text))
    html = [f"<h2>{escape(headline(digest))}</h2>", f"<p>{escape(size_line(digest))}</p>"]
    for section in parts:
        html.append(f"<h3>{escape(section.title)}</h3><ul>"
                    + "".join(f"<li>{escape(line)}</li>" for line in section.lines) + "</ul>")
    if digest.link:
        html.append(f'<p><a href="{escape(digest.link)}">{escape(say("report", digest.lang))}</a></p>')
    html.append(f'<p style="color:#777">{escape(footer(digest))}</p>')
    message.add_alternative(f'<!doctype html><html lang="{digest.lang}"><body>{"".join(html)}</body></html>',
                            subtype="html")
    if report_html is not None:
        message.add_attachment(report_html, subtype="html", filename=f"{digest.community}-report.html")
    return message


def send_mail(box: Mailbox, message: EmailMessage, timeout: float = 10.0) -> Delivery:
    """Send ``message`` through the SMTP server; DeliveryFailed unless every recipient was taken."""
    context = ssl.create_default_context()
    try:
        client = (smtplib.SMTP_SSL(box.host, box.port, timeout=timeout, context=context) if box.security == "ssl"
                  else smtplib.SMTP(box.host, box.port, timeout=timeout))
        with client:
            if box.security == "starttls":
                client.starttls(context=context)
            if box.username:
                client.login(box.username, box.password)
            refused = client.send_message(message)
    except smtplib.SMTPAuthenticationError as error:
        raise DeliveryFailed(f"the mail server at {box.where} refused the user name or password: "
                             f"{error.smtp_code} {_said(error.smtp_error)}") from None
    except smtplib.SMTPRecipientsRefused as error:
        raise DeliveryFailed(f"the mail server at {box.where} refused every recipient "
                             f"({', '.join(error.recipients)})") from None
    except smtplib.SMTPResponseException as error:
        raise DeliveryFailed(f"the mail server at {box.where} refused the mail: "
                             f"{error.smtp_code} {_said(error.smtp_error)}") from None
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryFailed(f"could not send the digest through the mail server at {box.where}: {error}") from None
    if refused:
        raise DeliveryFailed(f"the mail server at {box.where} refused {len(refused)} of {len(box.recipients)} "
                             f"recipients: {', '.join(sorted(refused))}")
    return Delivery("email", box.where, len(message.as_bytes()), len(box.recipients))


def _said(reply: bytes | str) -> str:
    return (reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply))[:200]

