"""The report and the dashboard in a real browser: Playwright driving Debian's chromium.

Screenshots go to out/screenshots/ (report.png, report-evidence.png, dashboard.png,
dashboard-evidence.png) for people to look at.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from attrition.check import run_checks
from attrition.documents import read_manifest
from attrition.estimate import estimate
from attrition.model import Document, document_id
from attrition.report import write_report
from attrition.report.data import gather
from attrition.store.ledger import Ledger
from attrition.workflow import ingest_documents
from tests.conftest import EXAMPLES

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "out" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
XSS = (
    "Kyiv, March 3, 2025\n\n"
    "A hostile page said Russia had lost 123,456 soldiers since the invasion began, the General Staff said. "
    "<script>document.body.dataset.pwned = 'script'; alert(1)</script> "
    "<img src=x onerror=\"document.body.dataset.pwned = 'img'\">"
)


@pytest.fixture(scope="module")
def ledger_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("browser") / "l.db"
    with Ledger(db) as led:
        docs = [
            *read_manifest(EXAMPLES / "manifest.jsonl"),
            Document(document_id(XSS), XSS, date(2025, 3, 3), title="<b>hostile</b> page"),
        ]
        ingest_documents(led, docs)
        claims = [r.claim for r in led.claims()]
        led.replace_findings(run_checks(claims, led.published_dates()))
        for metric in ("casualties", "killed"):
            led.save_estimate(
                estimate(
                    claims,
                    subject="russia",
                    metric=metric,
                    published=led.published_dates(),
                    parties=led.parties(),
                )
            )
    return db


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed: `make test` installs it (apt-get install chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is in the dev extra: `make test` installs it"
    )
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _number(text: str) -> float:
    return float(re.sub(r"[^\d.]", "", text))


def _check_page(page: Any, expected: dict[tuple[str, str], dict[str, int]], shots: str) -> None:
    alerts: list[str] = []
    page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
    page.wait_for_selector("body[data-ready='1']", timeout=15_000)
    # Each chart draws the expected number of marks in each panel.
    boxes = page.locator("section.chartbox")
    assert boxes.count() == len(expected)
    for k in range(boxes.count()):
        box = boxes.nth(k)
        key = (box.get_attribute("data-subject"), box.get_attribute("data-metric"))
        figs = box.locator("figure")
        assert figs.nth(0).locator(".mark").count() == expected[key]["cumulative"], key
        assert figs.nth(1).locator(".mark").count() == expected[key]["rate"], key
    assert page.locator("svg .estimate").count() >= 2  # the fused line where there is an estimate
    page.screenshot(path=str(SHOTS / f"{shots}.png"), full_page=True)
    # A claim opens its evidence with the figure highlighted.
    row = page.locator("#claims-table tbody tr").first
    claim_id = row.get_attribute("data-claim")
    row.click()
    page.wait_for_selector("dialog[open] mark.figure")
    fig = page.locator("dialog mark.figure").text_content() or ""
    shown = page.locator("dialog h3").text_content() or ""
    assert (_number(fig) > 0 and fig.strip()[:1].isdigit()) or fig.strip()[:1].isalpha()
    assert claim_id and claim_id in (page.locator("dialog dl").text_content() or "")
    assert page.locator("dialog mark.evidence").count() == 1 and shown
    page.keyboard.press("Escape")
    # So does a mark in a chart.
    mark = page.locator("svg .mark").first
    mark_claim = mark.get_attribute("data-claim")
    mark.dispatch_event("click")
    page.wait_for_selector("dialog[open] mark.figure")
    assert mark_claim in (page.locator("dialog dl").text_content() or "")
    page.keyboard.press("Escape")
    # The hostile article shows as text: its script never runs.
    page.fill("#q", "123,456")
    page.wait_for_function("document.querySelectorAll('#claims-table tbody tr').length === 1")
    page.locator("#claims-table tbody tr").first.click()
    page.wait_for_selector("dialog[open] mark.figure")
    assert _number(page.locator("dialog mark.figure").text_content() or "") == 123456
    context = page.locator("dialog .context").text_content() or ""
    assert "<script>" in context and "onerror" in context
    assert page.evaluate("document.body.dataset.pwned") is None
    assert page.locator("dialog script, dialog img, table script").count() == 0
    page.screenshot(path=str(SHOTS / f"{shots}-evidence.png"))
    assert alerts == []


def test_report_in_a_browser(browser: Any, ledger_path: Path, tmp_path: Path) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with Ledger(ledger_path) as led:
        out = write_report(led, tmp_path / "report.html")
        expected = {(c["subject"], c["metric"]): c["marks"] for c in gather(led)["charts"]}
    html = out.read_text(encoding="utf-8")
    assert "<script>document.body" not in html  # the hostile text is escaped in the file itself
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=[\"']?https?://", html)  # nothing fetched
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.route(
        "**/*",
        lambda route: route.abort() if not route.request.url.startswith("file:") else route.continue_(),
    )
    page.goto(out.as_uri())
    _check_page(page, expected, "report")
    page.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_dashboard_in_a_browser(browser: Any, ledger_path: Path) -> None:
    uvicorn = pytest.importorskip("uvicorn")
    from attrition.web import create_app

    SHOTS.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(ledger_path), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        with Ledger(ledger_path) as led:
            expected = {(c["subject"], c["metric"]): c["marks"] for c in gather(led, embed=False)["charts"]}
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.goto(f"http://127.0.0.1:{port}/")
        _check_page(page, expected, "dashboard")
        page.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
