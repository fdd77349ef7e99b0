"""The report with real data in it: the seeds, the General Staff series and the Economist's table."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from attrition.cli import main

SHARED = Path(__file__).resolve().parents[2] / "shared"
INPUTS = (
    SHARED / "bench" / "seeds.docs.jsonl",
    SHARED / "data" / "general-staff" / "russia_losses_personnel.json",
    SHARED / "data" / "economist" / "estimates.csv",
)


def test_every_section_renders_with_real_data(tmp_path: Path) -> None:
    if not all(p.exists() for p in INPUTS):
        pytest.skip("../shared/bench and ../shared/data are not beside the checkout")
    db = str(tmp_path / "l.db")
    run = CliRunner().invoke
    assert run(main, ["ingest", "--db", db, str(INPUTS[0])]).exit_code == 0
    assert run(main, ["import", "--db", db, "--format", "general-staff-json", str(INPUTS[1])]).exit_code == 0
    assert run(main, ["import", "--db", db, "--format", "economist-csv", str(INPUTS[2])]).exit_code == 0
    assert run(main, ["check", "--db", db]).exit_code == 0
    for subject, metric in (("russia", "casualties"), ("russia", "killed"), ("ukraine", "killed")):
        r = run(main, ["estimate", "--db", db, "--subject", subject, "--metric", metric])
        assert r.exit_code == 0, r.output
    out = tmp_path / "report.html"
    assert run(main, ["report", "--db", db, "-o", str(out)]).exit_code == 0
    html = out.read_text(encoding="utf-8")
    # Estimates: a card per estimate, with its interval.
    assert len(re.findall(r"<div class='card'>", html)) == 3 and "90% interval" in html
    # Timelines: a chart per subject and metric with marks, and the fused line and band where estimated.
    charts = re.findall(r"<section class='chartbox' data-subject='(\w+)' data-metric='(\w+)'>", html)
    assert ("russia", "casualties") in charts and ("russia", "killed") in charts
    assert html.count('class="estimate"') >= 3 and html.count('class="band"') >= 3
    assert html.count('class="mark"') > 500
    # Sources, with the bias the estimate found for them.
    sources = html[
        html.index("<table class='sources'>") : html.index("</table>", html.index("<table class='sources'>"))
    ]
    assert "Ukrainian General Staff" in sources and "russia casualties:" in sources
    # Findings by severity, with their arithmetic.
    assert "Errors (" in html and "Warnings (" in html and "Verified (" in html
    assert "is 343 a day; the same article states 340 a day" in html
    # Claims: all of them embedded for the table, with their documents' text for the evidence.
    marker = '<script type="application/json" id="data">'
    start = html.index(marker) + len(marker)
    payload = json.loads(html[start : html.index("</script>", start)])
    assert len(payload["claims"]) == 1626 + 124 + 45
    assert all(c["doc"] in payload["documents"] for c in payload["claims"])
    c = next(c for c in payload["claims"] if c["value"] == 106_720 and c["doc"].startswith("001"))
    text = payload["documents"][c["doc"]]["text"]
    a, b = c["figure_span"]
    assert text[a:b] == "106,720"
