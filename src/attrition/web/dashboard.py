"""The dashboard page: the report's page, rendered live from the ledger, reading claims and
documents from the JSON API as the reader asks for them (so it stays light on a large ledger)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from attrition.report.data import gather
from attrition.report.page import render
from attrition.store.ledger import Ledger


class _Cache:
    """The rendered page, kept until the ledger changes (its counts, findings and estimates)."""

    def __init__(self) -> None:
        self.key: tuple[object, ...] | None = None
        self.page = ""
        self.lock = threading.Lock()

    def get(self, key: tuple[object, ...], make: Callable[[], str]) -> str:
        with self.lock:
            if key != self.key:
                self.page, self.key = make(), key
            return self.page


def _state(ledger: Ledger) -> tuple[object, ...]:
    row = ledger.db.execute(
        "SELECT (SELECT max(rowid) FROM claims), (SELECT count(*) FROM claims),"
        " (SELECT max(checked_at) FROM findings), (SELECT count(*) FROM findings),"
        " (SELECT max(id) FROM estimates), (SELECT count(*) FROM documents)"
    ).fetchone()
    return tuple(row)


def add_dashboard(app: FastAPI, db_path: Path, *, title: str = "attrition dashboard") -> None:
    cache = _Cache()

    def page() -> str:
        with Ledger(db_path) as ledger:
            return cache.get(
                _state(ledger),
                lambda: render(gather(ledger, embed=False, max_findings=100), title=title, api="/api"),
            )

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard() -> HTMLResponse:
        return HTMLResponse(page())

    def warm() -> None:
        try:
            page()
        except Exception:  # a page that cannot be made now is made (and its error shown) on request
            return

    # The page is made while the server starts, so the first reader does not wait for it.
    threading.Thread(target=warm, name="attrition-dashboard-warm", daemon=True).start()
