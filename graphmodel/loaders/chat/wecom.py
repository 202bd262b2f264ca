"""WeCom (企业微信) customer groups from the official API's output and callback events.

* ``externalcontact/groupchat/get`` responses (``{"errcode": 0, "group_chat": {...}}``, one per
  file, a JSON list of them, or JSON lines): each member's ``join_time`` is a join, with a
  share from ``invitor.userid`` when WeCom gives one (``join_scene`` 1 ``invite``, 2 ``link``,
  3 ``qrcode``); staff (``type`` 1) get the declared role manager when they own or administer the
  group (``owner``, ``admin_list``), executor otherwise; customers (``type`` 2) keep their
  ``unionid``.
* ``groupchat/list`` pages (``group_chat_list``): a listed group whose ``groupchat/get`` is not
  in the source is counted.
* ``change_external_chat`` callback events (the decrypted XML, one ``<xml>`` after another, or
  the same fields as JSON): ``add_member`` is a join (``JoinScene`` 0 invitation or link, 3 QR
  code; the event does not say who invited), ``del_member`` a departure (``QuitScene`` 0
  left, 1 removed by the owner or an admin), at ``CreateTime``.

A person is keyed by ``unionid`` when WeCom gives one (the same customer in every group and
every corp), else by ``userid``; a callback's userid is mapped to the unionid a
``groupchat/get`` of the same source shows for it. Several groups make one community;
``--talker`` picks one (its ``chat_id`` or name).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphmodel.core.errors import InputError
from graphmodel.loaders.chat.clock import from_unix
from graphmodel.loaders.chat.common import ChatConversion
from graphmodel.loaders.chat.options import ExportOptions
from graphmodel.loaders.chat.presence import Presence

JOIN_SCENES = {1: "invite", 2: "link", 3: "qrcode"}           # groupchat/get join_scene
QUIT_SCENES = {0: "left", 1: "removed"}
_XML_EVENT = re.compile(r"<xml>.*?</xml>", re.DOTALL)


@dataclass
class _Source:
    groups: list[tuple[str, dict]] = field(default_factory=list)  # (file, group_chat)
    listed: dict[str, str] = field(default_factory=dict)        # chat_id -> file
    events: list[tuple[str, dict]] = field(default_factory=list)  # (file, callback fields)


def convert(source: Path, options: ExportOptions) -> ChatConversion:
    files = sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else [source]
    out = ChatConversion(str(source))
    found = _Source()
    for path in files:
        if path.suffix.lower() in (".json", ".jsonl", ".xml", ".txt", ".log"):
            _read(path, found, out)
    if not (found.groups or found.events or found.listed):
        raise InputError(f"{source}: no WeCom groupchat/get response, groupchat/list page or "
                         f"change_external_chat event found")
    chosen = _chosen(found, options.talker, source)
    ids = {m["userid"]: m.get("unionid") or m["userid"] for _f, g in found.groups for m in _members(g)
           if m.get("userid")}
    got = {g.get("chat_id") for _f, g in found.groups}
    presence = Presence("group")
    for _file, group in found.groups:
        if group.get("chat_id") in chosen:
            _group(group, out, ids, presence)
    out.skip("groups listed by groupchat/list without their groupchat/get response",
             sum(1 for chat in found.listed if chat not in got and (options.talker is None or chat in chosen)))
    for _file, event in found.events:
        if event.get("ChatId") in chosen or not chosen:
            _event(event, out, ids, presence)
    presence.apply(out)
    if len(chosen) > 1:
        out.note(f"{len(chosen)} WeCom groups read into one community")
    return out


def _chosen(found: _Source, talker: str | None, source: Path) -> set[str]:
    chats = {g.get("chat_id"): g.get("name") for _f, g in found.groups} | \
        {e.get("ChatId"): None for _f, e in found.events if e.get("ChatId") not in
         {g.get("chat_id") for _f, g in found.groups}}
    if talker is None:
        return {str(c) for c in chats if c}
    chosen = {str(c) for c, name in chats.items() if c and talker in (c, name)}
    if not chosen:
        listing = "; ".join(f"{c} ({n or 'no name'})" for c, n in chats.items())
        raise InputError(f"{source}: no group {talker!r} in the export; it holds: {listing}")
    return chosen


def _read(path: Path, found: _Source, out: ChatConversion) -> None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not readable as UTF-8 text ({error})") from error
    if text.lstrip().startswith("<"):
        _read_xml(path, text, found, out)
        return
    documents: list[tuple[int, Any]] = []
    try:
        documents.append((1, json.loads(text)))
    except ValueError:  # JSON lines: one document per line
        for number, raw in enumerate(text.splitlines(), 1):
            if raw.strip():
                try:
                    documents.append((number, json.loads(raw)))
                except ValueError as error:
                    out.reject(path, number, "(json)", f"not JSON: {error}", raw)
    for number, document in documents:
        for item in document if isinstance(document, list) else [document]:
            _take(path, number, item, found, out)


def _take(path: Path, line: int, item: Any, found: _Source, out: ChatConversion) -> None:
    if not isinstance(item, dict):
        return
    out.records += 1
    if item.get("errcode") not in (None, 0):
        out.reject(path, line, "errcode", f"the API answered {item.get('errcode')} {item.get('errmsg', '')}".strip())
    elif isinstance(item.get("group_chat"), dict):
        found.groups.append((str(path), item["group_chat"]))
    elif isinstance(item.get("member_list"), list) and item.get("chat_id"):
        found.groups.append((str(path), item))
    elif isinstance(item.get("group_chat_list"), list):
        for entry in item["group_chat_list"]:
            if isinstance(entry, dict) and entry.get("chat_id"):
                found.listed.setdefault(entry["chat_id"], str(path))
    elif item.get("Event") or item.get("MsgType"):
        found.events.append((str(path), item))
    else:
        out.skip("JSON documents that are none of groupchat/get, groupchat/list or a callback event")


def _read_xml(path: Path, text: str, found: _Source, out: ChatConversion) -> None:
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise InputError(f"{path}: callback events with a DOCTYPE or entities are not read")
    for number, block in enumerate(_XML_EVENT.findall(text), 1):
        out.records += 1
        line = text.count("\n", 0, text.find(block)) + 1
        try:
            root = ElementTree.fromstring(block)
        except ElementTree.ParseError as error:
            out.reject(path, line, "(xml)", f"event {number} is not well-formed XML: {error}", block)
            continue
        event: dict[str, Any] = {child.tag: (child.text or "").strip() for child in root}
        items = root.find("MemChangeList")
        if items is not None:
            event["MemChangeList"] = [(i.text or "").strip() for i in items if (i.text or "").strip()]
        found.events.append((str(path), event))


def _members(group: dict) -> list[dict]:
    return [m for m in group.get("member_list") or [] if isinstance(m, dict)]


def _group(group: dict, out: ChatConversion, ids: dict[str, str], presence: Presence) -> None:
    chat = str(group.get("chat_id"))
    admins = {a.get("userid") for a in group.get("admin_list") or [] if isinstance(a, dict)}
    for m in _members(group):
        userid = str(m.get("userid") or "")
        person = out.member(ids.get(userid, userid), m.get("group_nickname") or m.get("name"))
        if person is None:
            out.skip("group members without a userid")
            continue
        if str(m.get("type")) == "1":
            out.declare(person, "manager" if userid in admins or userid == group.get("owner") else "executor")
        channel = JOIN_SCENES.get(_int(m.get("join_scene")))
        invitor = (m.get("invitor") or {}).get("userid") if isinstance(m.get("invitor"), dict) else None
        presence.join(person, chat, from_unix(m.get("join_time")),
                      by=out.member(ids.get(invitor, invitor)) if invitor else None, channel=channel)
    owner = group.get("owner")
    if owner and not any(m.get("userid") == owner for m in _members(group)):
        out.declare(out.member(owner), "manager")


def _event(event: dict, out: ChatConversion, ids: dict[str, str], presence: Presence) -> None:
    if event.get("Event") != "change_external_chat":
        out.skip("callback events other than change_external_chat")
        return
    detail = event.get("UpdateDetail")
    if event.get("ChangeType") != "update" or detail not in ("add_member", "del_member"):
        out.skip("change_external_chat events other than members joining or leaving")
        return
    at = from_unix(event.get("CreateTime"))
    members = event.get("MemChangeList")
    if isinstance(members, dict):
        members = members.get("Item")
    if isinstance(members, str):
        members = [members]
    if not members:
        out.skip("member changes whose event lists no members (MemChangeList)", max(_int(event.get("MemChangeCnt")), 1))
        return
    for userid in members:
        if userid not in ids and str(userid).startswith(("wm", "wo")):
            out.skip("callback members no groupchat/get of the source shows (kept by userid)")
        person = out.member(ids.get(userid, userid))
        if detail == "add_member":  # the event does not say who invited: a join without a share
            presence.join(person, str(event.get("ChatId")), at)
        else:
            presence.leave(person, str(event.get("ChatId")), at, QUIT_SCENES.get(_int(event.get("QuitScene"))))


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1
