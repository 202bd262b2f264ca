"""The digest, its message formats and the notify settings, without a server or a network."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest

from graphmodel.analysis.results import RoleImbalance
from graphmodel.core.errors import ConfigurationError
from graphmodel.report import bots
from graphmodel.report.delivery import Mailbox, NotifySettings, destination, mail, mailbox, webhook
from graphmodel.report.digest import build_digest, sections

HOSTILE = "<@all> [win](http://evil.example) `x` & <!channel>"


def finding(rule, severity, members=(), message="m"):
    return {"rule": rule, "severity": severity, "members": list(members), "message": f"{message} ({rule})",
            "lever": f"lever for {rule}", "observed": 1, "expected": "e"}


def document(lang="en", previous_run="c/a-1", **extra):
    imbalances = [finding("layering_depth", "high", ["m1", "m2", "m3"], "deep chain"),
                  finding("leaderless_novices", "high", ["m7", "m8"], "novices only"),
                  finding("circles_without_leader", "medium", [], "circles without a leader")]
    return {
        "community": "c", "name": HOSTILE, "lang": lang, "generated_at": "2024-10-01T00:00:00+00:00",
        "analysis_run": {"id": "c/a-2"}, "size": {"members": 1234, "circles": 7},
        "summary": {"health": "attention", "active_share": 0.052,
                    "top_gaps": [{k: f[k] for k in ("rule", "severity", "message", "lever")} for f in imbalances]},
        "leaders": [{"member_id": "m1", "name": "Bea"}, {"member_id": "m9", "name": HOSTILE}],
        "imbalances": imbalances,
        "changes": {"runs": ["c/a-1", "c/a-2"], "previous_run": previous_run,
                    "leaders_gained": ["m9"], "leaders_lost": ["m4"],
                    "transitions": [{"from_role": "participant", "to_role": "lurker", "members": 12, "examples": []},
                                    {"from_role": "lurker", "to_role": "participant", "members": 3, "examples": []}]},
        **extra}


PREVIOUS = [RoleImbalance("layering_depth", 4, "e", "high", ("m1", "m2", "m5"), "", "", "", ""),
            RoleImbalance("leaderless_novices", 1, "e", "medium", ("m7", "m8"), "", "", "", "")]
AT_RISK = [{"member_id": "m1", "name": "Bea", "score": 0.9,
            "reasons": [{"kind": "went_quiet", "evidence": "silent for 40 days", "evidence_zh": "40 天未发言"}]},
           {"member_id": "m20", "name": "Newcomer", "score": 0.8, "reasons": [{"kind": "no_tie_to_leader"}]},
           {"member_id": "m21", "name": None, "score": 0.5, "reasons": [{"kind": "manager_quiet",
                                                                        "evidence": "manager silent"}]}]


def test_the_digest_tells_what_is_new_and_who_is_at_risk():
    digest = build_digest(document(at_risk=AT_RISK), PREVIOUS, link="https://intranet.example/r.html")
    assert digest.health == "attention" and digest.members == 1234
    assert len(digest.top_findings) == 3
    # layering_depth was high before with mostly the same members; the novices' finding became high now
    assert [f.rule for f in digest.new_high] == ["leaderless_novices"]
    assert [m.label for m in digest.leaders_gained] == [HOSTILE] and [m.member_id for m in digest.leaders_lost] == ["m4"]
    assert [(m.member_id, m.detail) for m in digest.at_risk_leaders] == [("m1", "silent for 40 days"),
                                                                        ("m21", "manager silent")]
    assert digest.to_json()["kind"] == "graphmodel.digest"
    titles = [s.title for s in sections(digest)]
    assert titles == ["Top findings", "New high-severity findings", "Since the previous run", "At-risk leaders"]
    zh = build_digest(document(lang="zh", at_risk=AT_RISK), PREVIOUS)
    text = "\n".join(line for s in sections(zh) for line in s.lines)
    assert "40 天未发言" in text and "新增领袖" in text and "参与者" in text  # role names in the report's language


def test_a_first_run_has_nothing_to_compare():
    digest = build_digest(document(previous_run=None), [])
    assert digest.new_high == ()
    changes = next(s for s in sections(digest) if s.title == "Since the previous run")
    assert changes.lines == ("This is the first analysis run: nothing to compare yet.",)


@pytest.mark.parametrize("fmt", bots.WEBHOOK_FORMATS)
def test_each_format_neutralises_markup_from_the_data(fmt):
    digest = build_digest(document(at_risk=AT_RISK), PREVIOUS, link="https://intranet.example/a b.html")
    message = bots.payload(fmt, digest, secret="s3cret" if fmt == "feishu" else None, now=lambda: 1_700_000_000)
    text = json.dumps(message, ensure_ascii=False)
    if fmt == "json":
        assert message["name"] == HOSTILE  # data, for a machine to escape as it needs
        return
    assert "<@all>" not in text and "<!channel>" not in text
    assert fmt == "slack" or "[win](" not in text  # Slack's links are <url|text>: brackets are only text there
    if fmt == "wecom":
        content = message["markdown"]["content"]
        assert message["msgtype"] == "markdown" and content.startswith("## ")
        assert '<font color="warning">' in content and "(https://intranet.example/a%20b.html)" in content
    elif fmt == "feishu":
        assert message["msg_type"] == "interactive" and message["card"]["header"]["template"] == "red"
        key = f"{message['timestamp']}\ns3cret".encode()
        assert message["sign"] == base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
        assert message["timestamp"] == "1700000000"
    else:
        assert message["blocks"][0]["type"] == "header" and message["blocks"][-1]["type"] == "context"
        assert "&lt;@all&gt;" in text and "<https://intranet.example/a%20b.html|Full report>" in text


def test_the_wecom_message_fits_its_limit():
    long = document()
    long["summary"]["top_gaps"] = [{"rule": f"r{i}", "severity": "high", "message": "很长的发现" * 150, "lever": "对策"}
                                   for i in range(3)]
    content = bots.wecom(build_digest(long, []))["markdown"]["content"]
    assert len(content.encode("utf-8")) <= bots.WECOM_LIMIT and content.endswith("</font>")


@pytest.mark.parametrize(("fmt", "status", "body", "refused"), [
    ("json", 204, "", None),
    ("json", 500, "<h1>oops</h1>", "HTTP 500: <h1>oops</h1>"),
    ("wecom", 200, '{"errcode":0,"errmsg":"ok"}', None),
    ("wecom", 200, '{"errcode":93000,"errmsg":"invalid webhook url"}', "errcode 93000: invalid webhook url"),
    ("wecom", 200, "not json", "HTTP 200 with a reply that is not JSON: not json"),
    ("feishu", 200, '{"code":0,"msg":"success","data":{}}', None),
    ("feishu", 200, '{"code":19021,"msg":"sign match fail"}', "code 19021: sign match fail"),
    ("feishu", 200, '{"StatusCode":0,"StatusMessage":"success"}', None),
    ("slack", 200, "ok", None),
    ("slack", 404, "no_service", "HTTP 404: no_service"),
])
def test_refusals_are_read_as_each_destination_says_them(fmt, status, body, refused):
    assert bots.refusal(fmt, status, body) == refused


def test_settings_are_checked():
    assert NotifySettings.from_params({"format": "wecom", "lang": "zh"}).format == "wecom"
    mail_settings = NotifySettings.from_params({"format": "email", "smtp_host": "smtp.example", "mail_from": "a@x",
                                                "mail_to": "b@x"})
    assert mail_settings.mail_to == ("b@x",) and mailbox(mail_settings, {}).port == 587
    for params, complaint in [({"format": "teams"}, "format must be one of"),
                              ({"url": "https://x"}, "has no key 'url'"),
                              ({"timeout": "10"}, "timeout must be a number"),
                              ({"format": "email", "smtp_host": "h"}, "needs smtp_host, mail_from and mail_to"),
                              ({"format": "email", "smtp_host": "h", "mail_from": "a", "mail_to": ["b"],
                                "smtp_user": "u", "smtp_security": "none"}, "never sent unencrypted"),
                              ({"format": "slack", "secret_env": "X"}, "Feishu"),
                              ({"format": "email", "mail_to": [1]}, "mail_to")]:
        with pytest.raises(ConfigurationError, match=complaint):
            NotifySettings.from_params(params)


def test_secrets_come_from_the_environment_and_are_never_shown():
    settings = NotifySettings(format="wecom", url_env="HOOK")
    with pytest.raises(ConfigurationError, match="HOOK, which is not set"):
        webhook(settings, {})
    url = "https://user:pw@qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=SECRET-KEY"
    target = webhook(settings, {"HOOK": url})
    assert target.where == "https://qyapi.weixin.qq.com:8443" and "SECRET" not in repr(target)
    with pytest.raises(ConfigurationError, match="must be https") as plain:
        webhook(settings, {"HOOK": "http://hooks.example/send?key=SECRET-KEY"})
    assert "SECRET-KEY" not in str(plain.value)
    assert webhook(settings, {"HOOK": "http://127.0.0.1:8080/x"}).url.startswith("http://127.0.0.1")
    assert destination("http://[::1]:9/a?b") == "http://::1:9"
    box = mailbox(NotifySettings(format="email", smtp_host="h", mail_from="a", mail_to=("b",), smtp_user="u",
                                 password_env="PW"), {"PW": "hunter2"})
    assert box.password == "hunter2" and "hunter2" not in repr(box)


def test_the_mail_carries_the_digest_and_the_report():
    digest = build_digest(document(at_risk=AT_RISK), PREVIOUS)
    box = Mailbox("smtp.example", 587, "starttls", "ops@example.com", ("a@example.com", "b@example.com"))
    message = mail(digest, box, "<!DOCTYPE html><p>report</p>")
    assert message["To"] == "a@example.com, b@example.com" and "needs attention" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Top findings" in body and "&lt;@all&gt;" in html and "<@all>" not in html
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "c-report.html" and "report" in attachment.get_content()
