"""Report and dashboard benchmark on a large ledger (target: report under 10 s, dashboard's first
view under 1 s with about 100,000 claims).

    python benchmarks/bench_report.py            # a readable report
    python benchmarks/bench_report.py --json     # one JSON object
    python benchmarks/bench_report.py --docs 2000   # a smaller ledger, for a quick look

The ledger is built the way a user builds one: generated articles (``bench_ingest.generate``,
about 10 claims each) ingested through the pipeline, checked, and estimated for every subject.
Then: the time to write the report file and its size; the dashboard served by uvicorn on
127.0.0.1, the time of its first page (uncached, then cached) over HTTP, and, where Debian's
chromium is installed, the time until the page is ready in a real browser (Playwright).
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from attrition.check import run_checks  # noqa: E402
from attrition.estimate import FAMILY, estimate  # noqa: E402
from attrition.ingest import iter_documents  # noqa: E402
from attrition.report import write_report  # noqa: E402
from attrition.store.ledger import Ledger  # noqa: E402
from attrition.workflow import ingest_documents  # noqa: E402
from bench_ingest import generate  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
_WARM_S = 3  # seconds between the server's start and the first visit


def build(folder: Path, db: Path, docs: int) -> dict[str, Any]:
    generate(docs, folder)
    t0 = time.perf_counter()
    with Ledger(db) as led:
        ingest_documents(led, iter_documents([str(folder)]))
        t_ingest = time.perf_counter() - t0
        claims = [r.claim for r in led.claims()]
        t0 = time.perf_counter()
        led.replace_findings(run_checks(claims, led.published_dates()))
        t_check = time.perf_counter() - t0
        t0 = time.perf_counter()
        subjects = sorted({c.subject for c in claims if c.subject and c.metric in FAMILY})
        for s in subjects:
            for m in FAMILY:
                if any(c.subject == s and c.metric == m for c in claims):
                    led.save_estimate(
                        estimate(
                            claims,
                            subject=s,
                            metric=m,
                            published=led.published_dates(),
                            parties=led.parties(),
                        )
                    )
        t_estimate = time.perf_counter() - t0
        counts = led.counts()
    return {
        "counts": counts,
        "ingest_s": round(t_ingest, 1),
        "check_s": round(t_check, 1),
        "estimate_s": round(t_estimate, 1),
    }


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def dashboard(db: Path) -> dict[str, Any]:
    import uvicorn

    from attrition.web import create_app

    port = _port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    out: dict[str, Any] = {}
    try:
        while not server.started:
            time.sleep(0.02)
        time.sleep(float(_WARM_S))  # as a user would arrive: the server prepares the page as it starts
        url = f"http://127.0.0.1:{port}/"
        for label in ("first_view_s", "cached_view_s"):
            t0 = time.perf_counter()
            with urllib.request.urlopen(url, timeout=60) as r:
                body = r.read()
            out[label] = round(time.perf_counter() - t0, 3)
        out["page_kb"] = round(len(body) / 1024)
        t0 = time.perf_counter()
        with urllib.request.urlopen(url + "api/claims?limit=100&search=soldiers", timeout=60) as r:
            json.loads(r.read())
        out["api_search_s"] = round(time.perf_counter() - t0, 3)
        if CHROMIUM.exists():
            try:
                from playwright.sync_api import sync_playwright
            except ImportError:
                return out
            with sync_playwright() as p:
                b = p.chromium.launch(
                    executable_path=str(CHROMIUM),
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
                )
                page = b.new_page()
                t0 = time.perf_counter()
                page.goto(url)
                page.wait_for_selector("body[data-ready='1']", timeout=60_000)
                out["browser_ready_s"] = round(time.perf_counter() - t0, 3)
                b.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000, help="generated articles (about 10 claims each)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="attrition-report-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        db = Path(tmp) / "l.db"
        r: dict[str, Any] = {"ledger": build(folder, db, args.docs)}
        t0 = time.perf_counter()
        with Ledger(db) as led:
            path = write_report(led, Path(tmp) / "report.html")
        r["report_s"] = round(time.perf_counter() - t0, 2)
        r["report_mb"] = round(path.stat().st_size / 1e6, 1)
        r["dashboard"] = dashboard(db)
    if args.json:
        print(json.dumps(r))
        return 0
    c = r["ledger"]["counts"]
    d = r["dashboard"]
    print(f"ledger: {c['documents']:,} documents, {c['claims']:,} claims (ingest {r['ledger']['ingest_s']} s,"
          f" checks {r['ledger']['check_s']} s, estimates {r['ledger']['estimate_s']} s)")  # fmt: skip
    ok = "PASS" if r["report_s"] < 10 else "FAIL"
    print(f"report: {r['report_s']} s, {r['report_mb']} MB [{ok}: target < 10 s]")
    first = d.get("browser_ready_s", d["first_view_s"])
    ok = "PASS" if first < 1 else "FAIL"
    http = f"first view {d['first_view_s']} s over HTTP (cached {d['cached_view_s']} s, {d['page_kb']} KB)"
    browser = f"ready in a browser {d.get('browser_ready_s', 'n/a')} s"
    print(f"dashboard: {http}, {browser} [{ok}: target < 1 s]; API search {d['api_search_s']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
