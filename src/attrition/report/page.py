"""The HTML page: one self-contained file (the report) or the same page reading the live API (the
dashboard). Every piece of ledger text is escaped here or inserted as text by the script."""

from __future__ import annotations

import json
from html import escape
from importlib.resources import files
from typing import Any

SEVERITY_TITLES = {"error": "Errors", "warn": "Warnings", "info": "Verified"}
MAX_FINDINGS = 400  # per severity on a page; the CLI and the API have them all


def _asset(name: str) -> str:
    return files("attrition.report").joinpath(f"static/{name}").read_text(encoding="utf-8")


def _json_for_script(data: Any) -> str:
    """JSON safe inside <script>: no markup characters at all (``<``, ``>`` and ``&`` as JSON escapes,
    so no "</script>" or "<!--" in article text can end or bend the element), no U+2028/2029."""
    s = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        s = s.replace(ch, esc)
    return s


def _n(x: float | None) -> str:
    return "?" if x is None else f"{x:,.0f}"


def _headlines(data: dict[str, Any]) -> str:
    cards = []
    for e in data["estimates"]:
        p = e["latest"]
        share = ""
        if e.get("killed_share") and e["metric"] == "killed":
            m, lo, hi = e["killed_share"]
            share = f"<p class='sub'>killed share of casualties {100 * m:.0f}% ({100 * lo:.0f}-{100 * hi:.0f}%)</p>"
        cards.append(
            f"<div class='card'><h3>{escape(e['subject'].replace('_', ' '))} · {escape(e['metric'])}</h3>"
            f"<p class='big'>{_n(p['median'])}</p>"
            f"<p class='sub'>90% interval {_n(p['low90'])} – {_n(p['high90'])}</p>"
            f"<p class='sub'>through {escape(p['date'])} · {e['n_claims']} claims · {escape(e['method'])}</p>"
            f"{share}</div>"
        )
    if not cards:
        return "<p>No estimate yet: <code>attrition estimate --subject S</code> fuses a subject's claims.</p>"
    return "<div class='cards'>" + "".join(cards) + "</div>"


def _charts(data: dict[str, Any]) -> str:
    out = []
    for c in data["charts"]:
        note = []
        if c["left_out"]:
            note.append(f"{c['left_out']:,} more claims not drawn (a sample is shown)")
        if c["not_drawn"]:
            note.append(f"{c['not_drawn']:,} claims without dates are in the table only")
        if not c["estimate"]:
            note.append("no fused estimate for this metric")
        out.append(
            f"<section class='chartbox' data-subject='{escape(c['subject'])}' data-metric='{escape(c['metric'])}'>"
            f"<h3>{escape(c['subject'].replace('_', ' '))} · {escape(c['metric'].replace('_', ' '))}</h3>"
            f"{c['legend']}"
            f"<div class='panels'><figure><figcaption>cumulative since the conflict began</figcaption>{c['cumulative']}"
            f"</figure><figure><figcaption>a day (averages and totals over their window)</figcaption>{c['rate']}"
            "</figure></div>"
            + (f"<p class='note'>{escape('; '.join(note))}</p>" if note else "")
            + "</section>"
        )
    return "\n".join(out) or "<p>No claims to chart yet.</p>"


def _sources(data: dict[str, Any]) -> str:
    rows = []
    for s in data["sources"]:
        bias = "; ".join(
            f"{b['subject']} {b['metric']}: {b['bias']:.2f} ({b['low90']:.2f}–{b['high90']:.2f})"
            for b in s["biases"]
        )
        rows.append(
            f"<tr><td>{escape(s['name'])}</td><td>{escape(s['kind'] or '')}</td><td>{escape(s['party'] or '')}</td>"
            f"<td class='num'>{s['claims']}</td><td>{escape(bias)}</td></tr>"
        )
    return (
        "<table class='sources'><thead><tr><th>source</th><th>kind</th><th>party</th><th>claims</th>"
        "<th>bias against the consensus (90% interval)</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def _findings(data: dict[str, Any]) -> str:
    out = []
    for sev in ("error", "warn", "info"):
        group = [f for f in data["findings"] if f["severity"] == sev]
        if not group:
            continue
        items = []
        for f in group[:MAX_FINDINGS]:
            links = " ".join(
                f"<a href='#claim-{escape(c['id'])}' class='claimlink' data-claim='{escape(c['id'])}'>"
                f"{escape(c['source'] or 'unattributed')}: “{escape(c['quote'])}”</a>"
                for c in f["claims"][:6]
            )
            more = f" and {len(f['claims']) - 6} more" if len(f["claims"]) > 6 else ""
            items.append(
                f"<li class='finding {sev}' data-kind='{escape(f['kind'])}'><b>{escape(f['kind'])}</b> "
                f"{escape(f['message'])}<div class='cites'>{links}{more}</div></li>"
            )
        total = data.get("finding_counts", {}).get(sev, len(group))
        if total > len(group):
            items.append(
                f"<li class='more'>{total - len(group):,} more: "
                f"<code>attrition check --min-severity {sev} --format markdown</code> (or <code>/api/findings</code>"
                " on the dashboard) lists them all</li>"
            )
        open_ = " open" if sev != "info" else ""
        out.append(
            f"<details class='severity {sev}'{open_}><summary>{SEVERITY_TITLES[sev]} ({total:,})</summary>"
            f"<ul>{''.join(items)}</ul></details>"
        )
    return "".join(out) or "<p>No findings: run <code>attrition check</code>.</p>"


def render(data: dict[str, Any], *, title: str = "attrition report", api: str | None = None) -> str:
    """The page. ``api`` set: a dashboard that reads claims and documents from that API base URL;
    else a self-contained report with the claims and documents embedded."""
    counts = data["counts"]
    payload = {k: data[k] for k in ("claims", "documents")} if api is None else {}
    body_attr = f" data-api='{escape(api)}'" if api is not None else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{_asset("report.css")}</style>
</head><body{body_attr}>
<header><h1>{escape(title)}</h1>
<p class="sub">{counts["documents"]:,} documents · {counts["claims"]:,} claims · {counts["sources"]:,} sources ·
generated {escape(data["generated"])} by attrition</p></header>
<nav><a href="#estimates">Estimates</a><a href="#charts">Timelines</a><a href="#sources">Sources</a>
<a href="#findings">Findings</a><a href="#claims">Claims</a></nav>
<main>
<section id="estimates"><h2>Estimates</h2>{_headlines(data)}</section>
<section id="charts"><h2>Timelines</h2>
<p class="sub">Each source's claims (● stated, ○ about, ▲ at least, ▼ at most, bars for ranges and windows)
beside the fused estimate (line) and its 90% interval (band). Click a mark for its evidence.</p>
{_charts(data)}</section>
<section id="sources"><h2>Sources</h2>{_sources(data)}</section>
<section id="findings"><h2>Findings</h2>{_findings(data)}</section>
<section id="claims"><h2>Claims</h2>
<div class="filters">
<input id="q" type="search" placeholder="search quotes, sources, subjects" aria-label="search">
<select id="f-subject" aria-label="subject"><option value="">every subject</option></select>
<select id="f-metric" aria-label="metric"><option value="">every metric</option></select>
<select id="f-source" aria-label="source"><option value="">every source</option></select>
<span id="count"></span></div>
<table id="claims-table"><thead><tr>
<th data-key="end">date</th><th data-key="subject">subject</th><th data-key="metric">metric</th>
<th data-key="value" class="num">figure</th><th data-key="source">source</th><th data-key="quote">quote</th>
</tr></thead><tbody></tbody></table>
<div class="pager"><button id="prev">previous</button><span id="page"></span><button id="next">next</button></div>
</section>
</main>
<dialog id="evidence"><form method="dialog"><button class="close" aria-label="close">×</button></form>
<div id="evidence-body"></div></dialog>
<script type="application/json" id="data">{_json_for_script(payload)}</script>
<script>{_asset("report.js")}</script>
</body></html>
"""
