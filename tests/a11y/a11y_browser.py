"""Headless Chromium driven over its DevTools pipe, to run axe-core on a page.

No network port: Chromium reads commands from file descriptor 3 and answers on 4
(--remote-debugging-pipe), each message JSON terminated by a NUL byte.
"""
from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-default-apps", "--mute-audio",
)
# a guard against a hanging browser, not a speed requirement
GUARD_SECONDS = 120


def chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def axe_script() -> Path | None:
    """axe.min.js from tests/a11y/node_modules (installed by .ci/install-system-deps)."""
    candidate = HERE / "node_modules" / "axe-core" / "axe.min.js"
    return candidate if candidate.is_file() else None


class BrowserError(RuntimeError):
    pass


class Chromium:
    def __init__(self, binary: str):
        self.profile = tempfile.mkdtemp(prefix="ka-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire_pipes():  # runs in the child: fd 3 = commands in, fd 4 = answers out
            a, b = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire_pipes, close_fds=False,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.session = ""
        self.events: list[str] = []

    # ---------------------------------------------------------- protocol

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + GUARD_SECONDS
        while True:
            reply = self._read(deadline)
            if "method" in reply:
                self.events.append(reply["method"])
            elif reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def _read(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or self.proc.poll() is not None:
                raise BrowserError("Chromium did not answer")
            ready, _, _ = select.select([self._from_browser], [], [], min(left, 1.0))
            if ready:
                chunk = os.read(self._from_browser, 1 << 16)
                if not chunk:
                    raise BrowserError("Chromium closed the pipe")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    # ---------------------------------------------------------- pages

    def open(self, url: str) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.enable", session=self.session)
        self.events.clear()
        self.send("Page.navigate", {"url": url}, session=self.session)
        deadline = time.monotonic() + GUARD_SECONDS
        while "Page.loadEventFired" not in self.events:
            reply = self._read(deadline)
            if "method" in reply:
                self.events.append(reply["method"])

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                "returnByValue": True}, session=self.session)
        if "exceptionDetails" in result:
            raise BrowserError(json.dumps(result["exceptionDetails"])[:2000])
        return result["result"].get("value")

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (BrowserError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)


def run_axe(browser: Chromium, page: Path, axe: Path) -> list[dict]:
    """axe-core's violations on the page (all rules axe runs by default: WCAG A/AA and best practices)."""
    browser.open(page.resolve().as_uri())
    browser.evaluate(axe.read_text(encoding="utf-8") + "\n;true")
    return browser.evaluate(
        "axe.run(document).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.html.slice(0, 200))})))"
    )
