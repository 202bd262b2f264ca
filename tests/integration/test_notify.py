"""The notify job step against a real local HTTP receiver and a real local SMTP server."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import socket
import threading
import uuid
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner

from graphmodel.analysis import analyze
from graphmodel.cli import cli
from graphmodel.fission import fission_summary
from graphmodel.generate import PROBLEMS, GeneratorOptions, generate_community
from graphmodel.jobs import JobLog, Workspace, run_job
from graphmodel.jobs.spec import JobSpec, StepSpec
from graphmodel.loaders import load_directory

KEY = "SECRET-KEY-7f3a"  # the secret part of the webhook URL: never in a log, a record or an error
REPLIES = {"json": (204, b""), "wecom": (200, b'{"errcode":0,"errmsg":"ok"}'),
           "feishu": (200, b'{"code":0,"msg":"success","data":{}}'), "slack": (200, b"ok")}
SALT = "a salt for the notify tests, long enough"


@pytest.fixture(scope="module")
def analysed(connection, tmp_path_factory):
    """A generated community analysed twice (so there is a previous run) and through fission."""
    community = f"test-notify-{uuid.uuid4().hex[:8]}"
    directory = tmp_path_factory.mktemp("notify")
    generate_community(directory, GeneratorOptions(members=500, seed=7, problems=PROBLEMS))
    load_directory(connection, directory, community, name="通知测试", reject_path=directory / "r.csv")
    analyze(connection, community, as_of="2024-09-30")
    analyze(connection, community)
    fission_summary(connection, community)
    yield SimpleNamespace(community=community, directory=directory)
    connection.run_auto("community_delete", community=community)


@pytest.fixture()
def receiver():
    """An HTTP server on 127.0.0.1 that records each POST and answers what ``reply`` says."""
    received: list[dict] = []
    state = {"reply": (200, b"ok")}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append({"path": self.path, "type": self.headers["Content-Type"], "body": body})
            status, reply = state["reply"]
            self.send_response(status)
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *_args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield SimpleNamespace(url=f"http://127.0.0.1:{server.server_port}/hook/send?key={KEY}", received=received,
                          state=state)
    server.shutdown()
    server.server_close()
    thread.join(5)


class Mailroom:
    """An aiosmtpd handler keeping every mail; recipients at refused.example are refused."""

    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 (aiosmtpd's name)
        if address.endswith("@refused.example"):
            return "550 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture()
def smtp():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    room = Mailroom()
    controller = Controller(room, hostname="127.0.0.1", port=port)
    controller.start()
    yield SimpleNamespace(port=port, room=room)
    controller.stop()


def notify_job(community: str, **params) -> JobSpec:
    return JobSpec("digest", community, (StepSpec("notify", params),), base_dir=None)


def run(connection, spec: JobSpec, tmp_path):
    lines: list[str] = []
    result = run_job(Workspace(connection, home=tmp_path), spec, log=JobLog(lines.append))
    [record] = connection.read_text("MATCH (r:JobRun {id: $id}) RETURN r.steps AS steps, r.error AS error",
                                    {"id": result.run_id})[1]
    return result, "\n".join(lines) + json.dumps(record)


@pytest.mark.parametrize("fmt", ["json", "wecom", "feishu", "slack"])
def test_a_job_with_a_notify_step_delivers_to_the_receiver(connection, analysed, receiver, monkeypatch, tmp_path,
                                                           fmt):
    monkeypatch.setenv("TEST_HOOK_URL", receiver.url)
    monkeypatch.setenv("TEST_HOOK_SECRET", "feishu-signing-secret")
    receiver.state["reply"] = REPLIES[fmt]
    params = {"format": fmt, "lang": "zh", "url_env": "TEST_HOOK_URL"}
    if fmt == "feishu":
        params["secret_env"] = "TEST_HOOK_SECRET"
    result, logged = run(connection, notify_job(analysed.community, **params), tmp_path)
    assert result.status == "ok" and result.exit_code == 0, result.error
    assert KEY not in logged and "feishu-signing-secret" not in logged and "127.0.0.1" in logged
    [request] = receiver.received
    assert request["path"] == f"/hook/send?key={KEY}" and request["type"].startswith("application/json")
    message = json.loads(request["body"])
    text = json.dumps(message, ensure_ascii=False)
    assert "健康度" in text and "通知测试" in text
    if fmt == "json":
        assert message["kind"] == "graphmodel.digest" and message["community"] == analysed.community
        assert message["previous_run"] and message["top_findings"] and message["health"] == "attention"
    elif fmt == "wecom":
        assert message["msgtype"] == "markdown" and len(message["markdown"]["content"].encode()) <= 4096
        assert "与上次分析相比" in message["markdown"]["content"]
    elif fmt == "feishu":
        assert message["msg_type"] == "interactive" and message["card"]["header"]["template"] == "red"
        key = f"{message['timestamp']}\nfeishu-signing-secret".encode()
        assert message["sign"] == base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
    else:
        assert message["blocks"][0]["type"] == "header" and "主要发现" in text


@pytest.mark.parametrize(("reply", "fmt", "expected"), [
    ((500, b"internal error"), "json", "refused the digest: HTTP 500: internal error"),
    ((200, b'{"errcode":93000,"errmsg":"invalid webhook url"}'), "wecom", "errcode 93000: invalid webhook url"),
    ((200, b'{"code":19021,"msg":"sign match fail"}'), "feishu", "code 19021: sign match fail"),
    ((404, b"no_service"), "slack", "HTTP 404: no_service"),
    ((302, b""), "json", "HTTP 302"),
])
def test_a_refused_delivery_fails_the_step_and_the_job(connection, analysed, receiver, monkeypatch, tmp_path,
                                                       reply, fmt, expected):
    monkeypatch.setenv("TEST_HOOK_URL", receiver.url)
    receiver.state["reply"] = reply
    result, logged = run(connection, notify_job(analysed.community, format=fmt, url_env="TEST_HOOK_URL"), tmp_path)
    assert result.status == "failed" and result.exit_code == 2
    assert expected in result.error and "http://127.0.0.1:" in result.error
    assert KEY not in logged and KEY not in result.error


def test_an_unreachable_or_unset_webhook_fails_the_job(connection, analysed, monkeypatch, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    monkeypatch.setenv("TEST_HOOK_URL", f"http://127.0.0.1:{closed}/hook?key={KEY}")
    result, logged = run(connection, notify_job(analysed.community, url_env="TEST_HOOK_URL", timeout=3), tmp_path)
    assert result.exit_code == 2 and "could not deliver the digest to the JSON webhook" in result.error
    assert KEY not in logged
    monkeypatch.delenv("TEST_HOOK_URL")
    result, _ = run(connection, notify_job(analysed.community, url_env="TEST_HOOK_URL"), tmp_path)
    assert result.exit_code == 2 and "TEST_HOOK_URL, which is not set" in result.error


def test_notify_by_mail_attaches_the_pseudonymised_report(connection, analysed, smtp, monkeypatch, tmp_path):
    monkeypatch.setenv("GRAPHMODEL_PSEUDONYM_SALT", SALT)
    spec = notify_job(analysed.community, format="email", lang="en", pseudonymise=True, smtp_host="127.0.0.1",
                      smtp_port=smtp.port, smtp_security="none", mail_from="graphmodel@ops.example",
                      mail_to=["lead@ops.example", "client@partner.example"])
    result, logged = run(connection, spec, tmp_path)
    assert result.status == "ok", result.error
    assert "mail to 2 recipient(s)" in logged
    [envelope] = smtp.room.envelopes
    assert envelope.rcpt_tos == ["lead@ops.example", "client@partner.example"]
    mail = message_from_bytes(envelope.content, policy=policy.default)
    assert mail["Subject"].startswith(f"[graphmodel] {analysed.community} — Health: ")
    assert "Top findings" in mail.get_body(("plain",)).get_content()
    [report] = list(mail.iter_attachments())
    html = report.get_content()
    assert report.get_filename() == f"{analysed.community}-report.html" and html.startswith("<!DOCTYPE html>")
    whole = envelope.content.decode("utf-8", "replace") + html
    with open(analysed.directory / "members.csv", encoding="utf-8") as handle:
        names = {line.split(",")[1] for line in list(handle)[1:]} - {""}
    assert "M-" in html and not [n for n in names if n in whole] and "m0000001" not in whole

    spec = notify_job(analysed.community, format="email", smtp_host="127.0.0.1", smtp_port=smtp.port,
                      smtp_security="none", mail_from="graphmodel@ops.example",
                      mail_to=["lead@ops.example", "nobody@refused.example"])
    result, _ = run(connection, spec, tmp_path)
    assert result.exit_code == 2 and "refused 1 of 2 recipients: nobody@refused.example" in result.error


def test_a_job_file_with_a_notify_step_through_the_cli(connection, analysed, receiver, cli_env, tmp_path):
    job = tmp_path / "nightly.toml"
    job.write_text(f"""
[job]
name = "nightly"
community = "{analysed.community}"

[[steps]]
kind = "notify"
format = "slack"
url_env = "TEST_HOOK_URL"
""", encoding="utf-8")
    env = {**cli_env, "TEST_HOOK_URL": receiver.url}
    receiver.state["reply"] = REPLIES["slack"]
    result = CliRunner().invoke(cli, ["job", "run", str(job), "--log-json"], env=env)
    assert result.exit_code == 0, result.output
    assert "digest sent: Slack webhook at http://127.0.0.1:" in result.output and KEY not in result.output
    assert len(receiver.received) == 1
    receiver.state["reply"] = (500, b"down")
    failed = CliRunner().invoke(cli, ["job", "run", str(job), "--log-json"], env=env)
    assert failed.exit_code == 2 and "refused the digest: HTTP 500" in failed.output and KEY not in failed.output
    job.write_text(job.read_text(encoding="utf-8") + f'url = "{receiver.url}"\n', encoding="utf-8")
    inline = CliRunner().invoke(cli, ["job", "run", str(job)], env=env)
    assert inline.exit_code == 2 and "unknown parameter(s) url" in inline.output
