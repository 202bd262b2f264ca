"""The digest in each destination's message format, and how each says it refused one.

- ``json``: the digest itself (``Digest.to_json()``) for any webhook, with its words
  (``headline``, ``sections``: title and lines) for a receiver that only shows them.
- ``wecom``: a WeCom (企业微信) group bot's ``markdown`` message; its content is at most
  4096 bytes of UTF-8; the bot answers ``{"errcode": 0, "errmsg": "ok"}`` (HTTP 200 for errors too).
- ``feishu``: a Feishu/Lark custom bot's ``interactive`` card (header coloured by health,
  ``lark_md`` text, a note), signed when the bot has signature verification on (``sign`` =
  base64 of HMAC-SHA256 keyed with ``timestamp + "\\n" + secret`` over nothing); the bot
  answers ``{"code": 0, "msg": "success"}``; a request body is at most 20 KB.
- ``slack``: a Slack incoming webhook's ``text`` (the notification's fallback) with Block Kit
  ``blocks`` (header, ``mrkdwn`` sections, context); Slack answers ``ok`` and refuses with a
  4xx status and a short code (``invalid_payload``, ``no_service``, ...).

Text from the data (names, ids, findings) is neutralised for each format, so that a member
called ``<@all>`` or ``[x](http://...)`` cannot mention everyone or plant a link: Slack's
``&``, ``<`` and ``>`` are escaped as Slack asks; in WeCom and Feishu markdown and in plain-text
titles the characters that make links, tags and mentions become full-width lookalikes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from typing import Any

from graphmodel.report.digest import Digest, footer, headline, say, sections, size_line

WEBHOOK_FORMATS = ("json", "wecom", "feishu", "slack")
WECOM_LIMIT = 4096    # bytes of markdown content
SLACK_SECTION = 3000  # characters of a section's text
SLACK_HEADER = 150    # characters of a header
HEALTH_COLOURS = {"attention": ("warning", "red"), "watch": ("comment", "orange"), "healthy": ("info", "green")}

# lookalikes for the characters that make markup in WeCom and Feishu markdown (links, tags, mentions)
_MARKDOWN_SAFE = str.maketrans({"<": "＜", ">": "＞", "[": "［", "]": "］", "`": "｀", "\n": " ", "\r": " "})


def markdown_safe(text: str) -> str:
    return text.translate(_MARKDOWN_SAFE)


def slack_safe(text: str) -> str:
    """Slack's three control characters, escaped as Slack asks."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def payload(fmt: str, digest: Digest, secret: str | None = None, now: Callable[[], float] = time.time) -> dict:
    if fmt == "json":
        return {**digest.to_json(), "headline": headline(digest),
                "sections": [{"title": x.title, "lines": list(x.lines)} for x in sections(digest)]}
    if fmt == "wecom":
        return wecom(digest)
    if fmt == "feishu":
        return feishu(digest, secret, now)
    if fmt == "slack":
        return slack(digest)
    raise ValueError(f"no webhook format {fmt!r}")


def wecom(digest: Digest) -> dict:
    colour = HEALTH_COLOURS[digest.health][0]
    lines = [f"## {markdown_safe(digest.name)}",
             f'<font color="{colour}">{markdown_safe(headline(digest))}</font>',
             markdown_safe(size_line(digest))]
    for section in sections(digest):
        lines.append(f"**{markdown_safe(section.title)}**")
        lines.extend(f"> {markdown_safe(line)}" for line in section.lines)
    tail = [f'<font color="comment">{markdown_safe(footer(digest))}</font>']
    if digest.link:
        tail.insert(0, f"[{say('report', digest.lang)}]({_link(digest.link)})")
    return {"msgtype": "markdown", "markdown": {"content": _fit("\n".join(lines), "\n".join(tail), WECOM_LIMIT)}}


def feishu(digest: Digest, secret: str | None = None, now: Callable[[], float] = time.time) -> dict:
    body = [markdown_safe(size_line(digest))]
    for section in sections(digest):
        body.append(f"**{markdown_safe(section.title)}**\n" + "\n".join(f"- {markdown_safe(x)}" for x in section.lines))
    if digest.link:
        body.append(f"[{say('report', digest.lang)}]({_link(digest.link)})")
    card = {
        "config": {"wide_screen_mode": True},
        "header": {"title": {"tag": "plain_text", "content": markdown_safe(headline(digest))},
                   "template": HEALTH_COLOURS[digest.health][1]},
        "elements": [{"tag": "div", "text": {"tag": "lark_md", "content": "\n\n".join(body)}},
                     {"tag": "hr"},
                     {"tag": "note", "elements": [{"tag": "plain_text", "content": footer(digest)}]}],
    }
    message: dict[str, Any] = {"msg_type": "interactive", "card": card}
    if secret:
        timestamp = str(int(now()))
        key = f"{timestamp}\n{secret}".encode()
        message = {"timestamp": timestamp,
                   "sign": base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode(), **message}
    return message


def slack(digest: Digest) -> dict:
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": _cut(markdown_safe(headline(digest)), SLACK_HEADER)}},
        {"type": "section", "text": {"type": "mrkdwn", "text": slack_safe(size_line(digest))}}]
    for section in sections(digest):
        text = f"*{slack_safe(section.title)}*\n" + "\n".join(f"• {slack_safe(x)}" for x in section.lines)
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _cut(text, SLACK_SECTION)}})
    context = slack_safe(footer(digest))
    if digest.link:
        context = f"<{_link(digest.link)}|{slack_safe(say('report', digest.lang))}> · {context}"
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": context}]})
    return {"text": slack_safe(headline(digest)), "blocks": blocks}


def refusal(fmt: str, status: int, body: str) -> str | None:
    """Why the destination refused the message, or None when it took it."""
    excerpt = " ".join(body.split())[:200]
    if not 200 <= status < 300:
        return f"HTTP {status}" + (f": {excerpt}" if excerpt else "")
    if fmt not in ("wecom", "feishu"):
        return None
    try:
        reply = json.loads(body)
    except ValueError:
        return f"HTTP {status} with a reply that is not JSON: {excerpt}"
    if not isinstance(reply, dict):
        return f"HTTP {status} with an unexpected reply: {excerpt}"
    if fmt == "wecom":
        code, message = reply.get("errcode"), reply.get("errmsg")
        return None if code == 0 else f"errcode {code}: {message}"
    code = reply.get("code", reply.get("StatusCode"))
    message = reply.get("msg", reply.get("StatusMessage"))
    return None if code == 0 else f"code {code}: {message}"


def _link(url: str) -> str:
    # a link target from the job file: no character that ends the link markup
    escapes: dict[str, str | int | None] = {c: "%" + format(ord(c), "02X") for c in " ()<>[]|"}
    return url.translate(str.maketrans(escapes))


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _fit(body: str, tail: str, limit: int) -> str:
    """``body`` and ``tail`` within ``limit`` UTF-8 bytes, dropping body lines from the end."""
    lines = body.split("\n")
    for keep in range(len(lines), 0, -1):
        text = "\n".join([*lines[:keep], *(["…"] if keep < len(lines) else []), tail])
        if len(text.encode("utf-8")) <= limit:
            return text
    return "\n".join([lines[0], tail]).encode("utf-8")[:limit].decode("utf-8", "ignore")
