"""Headless Chromium driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``:
no network port, no client library): open a page, wait for it to load, evaluate script in
it, take full-page screenshots, and collect what went wrong in it (uncaught errors, console
errors, Content-Security-Policy refusals, dialogs such as ``alert()``, which are dismissed).

Used by the report's browser tests and by ``bench.report_views`` to time opening a report.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--mute-audio")


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


class ChromiumError(RuntimeError):
    pass


@dataclass
class Page:
    browser: Chromium
    session: str
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    loaded: bool = False

    def call(self, method: str, params: dict[str, Any] | None = None, timeout: float = 60) -> dict[str, Any]:
        return self.browser.call(method, params, self.session, timeout)

    def navigate(self, url: str, timeout: float = 60) -> float:
        """Open ``url`` and wait for its load event; the seconds that took."""
        self.loaded = False
        started = time.perf_counter()
        self.call("Page.navigate", {"url": url})
        deadline = time.monotonic() + timeout
        while not self.loaded:
            self.browser.pump(deadline)
        return time.perf_counter() - started

    def evaluate(self, expression: str, timeout: float = 60) -> Any:
        """The value of ``expression`` in the page (a promise is awaited)."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, timeout)
        if "exceptionDetails" in result:
            raise ChromiumError(f"script failed in the page: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path, full_page: bool = True, selector: str | None = None) -> Path:
        """A PNG of the viewport, the whole page, or the element ``selector`` finds."""
        params: dict[str, Any] = {"format": "png"}
        if selector:
            box = self.evaluate(f"""(() => {{ const b = document.querySelector({json.dumps(selector)})
                .getBoundingClientRect(); return {{x: b.x + window.scrollX, y: b.y + window.scrollY,
                width: b.width, height: b.height, scale: 1}}; }})()""")
            params.update(captureBeyondViewport=True, clip=box)
        elif full_page:
            metrics = self.call("Page.getLayoutMetrics")
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1})
        data = self.call("Page.captureScreenshot", params, timeout=120)["data"]
        Path(path).write_bytes(base64.b64decode(data))
        return Path(path)

    def event(self, method: str, params: dict[str, Any]) -> None:
        if method == "Page.loadEventFired":
            self.loaded = True
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(f'{params.get("type")}: {params.get("message")}')
            self.browser.send("Page.handleJavaScriptDialog", {"accept": False}, self.session)
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.errors.append(details.get("exception", {}).get("description") or details.get("text", "error"))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            self.errors.append(params["entry"].get("text", ""))


class Chromium:
    """One headless browser process, with its own fresh profile directory."""

    def __init__(self, binary: str | None = None, extra_flags: tuple[str, ...] = ()) -> None:
        self.binary = binary or find_chromium()
        if not self.binary:
            raise ChromiumError("Chromium not found (Debian: apt-get install chromium)")
        self.extra_flags = extra_flags
        self._next = 0
        self._buffer = b""
        self._replies: dict[int, dict[str, Any]] = {}
        self._pages: dict[str, Page] = {}

    def __enter__(self) -> Chromium:
        self.profile = tempfile.mkdtemp(prefix="graphmodel-chromium-")
        to_browser, self._write = os.pipe()
        self._read, from_browser = os.pipe()

        def pipes() -> None:  # the browser reads commands on fd 3 and writes replies on fd 4
            os.dup2(to_browser, 3)
            os.dup2(from_browser, 4)

        self.process = subprocess.Popen(
            [self.binary, *FLAGS, *self.extra_flags, f"--user-data-dir={self.profile}", "--remote-debugging-pipe",
             "about:blank"], pass_fds=(3, 4), preexec_fn=pipes, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.send("Browser.close")
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            os.close(self._write)
            os.close(self._read)
            shutil.rmtree(self.profile, ignore_errors=True)

    def new_page(self, width: int = 1400, height: int = 1000) -> Page:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = self._pages[session] = Page(self, session)
        for domain in ("Page", "Runtime", "Log"):
            page.call(f"{domain}.enable")
        page.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height,
                                                         "deviceScaleFactor": 1, "mobile": False})
        return page

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> int:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode("utf-8") + b"\0")
        return self._next

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None,
             timeout: float = 60) -> dict[str, Any]:
        ident = self.send(method, params, session)
        deadline = time.monotonic() + timeout
        while ident not in self._replies:
            self.pump(deadline)
        reply = self._replies.pop(ident)
        if "error" in reply:
            raise ChromiumError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def pump(self, deadline: float) -> None:
        """Read what the browser sent (waiting until ``deadline``), dispatching events."""
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._read], [], [], left)[0]:
                raise ChromiumError("Chromium did not answer in time")
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise ChromiumError(f"Chromium exited (code {self.process.poll()})")
            self._buffer += chunk
        while b"\0" in self._buffer:
            raw, _, self._buffer = self._buffer.partition(b"\0")
            message = json.loads(raw)
            if "id" in message:
                self._replies[message["id"]] = message
            elif message.get("sessionId") in self._pages:
                self._pages[message["sessionId"]].event(message["method"], message.get("params", {}))
