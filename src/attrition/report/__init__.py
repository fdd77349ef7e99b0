"""What people see: a self-contained HTML report of the ledger (charts as inline SVG, no network)."""

from __future__ import annotations

from pathlib import Path

from attrition.report.data import gather
from attrition.report.page import render
from attrition.store.ledger import Ledger

__all__ = ["build_report", "gather", "render", "write_report"]


def build_report(ledger: Ledger, *, title: str = "attrition report") -> str:
    return render(gather(ledger), title=title)


def write_report(ledger: Ledger, path: Path, *, title: str = "attrition report") -> Path:
    path.write_text(build_report(ledger, title=title), encoding="utf-8")
    return path
