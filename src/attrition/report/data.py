"""What a report or the dashboard shows, gathered from the ledger as plain JSON-able records."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any

from attrition.model import METRICS
from attrition.output import figure_span_of
from attrition.report.charts import legend, marks_for, panel
from attrition.store.ledger import Ledger

MAX_FINDINGS = 400  # per severity on a page; the CLI and the API have them all
# Losses are charted; troop numbers, territory and displacement are in the claims table.
CHART_METRICS = tuple(
    m for m in METRICS if m not in ("recruited", "deployed", "displaced") and not m.startswith("territory")
)


def _origin(subject: str, claims: list[dict[str, Any]]) -> date:
    from attrition.errors import UsageError
    from attrition.estimate import origin_of

    try:
        return origin_of(subject)
    except UsageError:
        starts = [date.fromisoformat(c["start"]) for c in claims if c.get("start")]
        ends = [date.fromisoformat(c["end"]) for c in claims if c.get("end")]
        return min(starts + ends) if starts or ends else date.today()


def charts(claims: list[dict[str, Any]], estimates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per subject and metric with something to draw: its two panels and legend."""
    by: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for c in claims:
        if c.get("subject") and c["metric"] in CHART_METRICS:
            by[(c["subject"], c["metric"])].append(c)
    est = {(e["subject"], e["metric"]): e for e in estimates}
    out = []
    for (subject, metric), cs in sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        origin = _origin(subject, cs)
        cum, rate = marks_for(cs, origin)
        e = est.get((subject, metric))
        line = []
        rate_line = []
        until = None
        if e is not None:
            until = date.fromisoformat(e["as_of"])
            line = [
                (date.fromisoformat(p["date"]), p["median"], p["low90"], p["high90"])
                for p in e.get("cumulative", [])
            ]
            for m in e.get("monthly", []):
                first = date.fromisoformat(m["month"] + "-01")
                nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
                last = min(nxt.fromordinal(nxt.toordinal() - 1), until)
                for d in (first, last):
                    rate_line.append((d, m["per_day"], m["low90"], m["high90"]))
        if not cum and not rate:
            continue
        name = f"{subject.replace('_', ' ')} — {metric.replace('_', ' ')}"
        svg_cum, n_cum, out_cum = panel(f"{name}: cumulative", cum, line, origin, until)
        svg_rate, n_rate, out_rate = panel(f"{name}: a day", rate, rate_line, origin, until)
        sources = sorted({m.source for m in cum + rate}, key=lambda s: s or "")
        out.append(
            {
                "subject": subject,
                "metric": metric,
                "cumulative": svg_cum,
                "rate": svg_rate,
                "marks": {"cumulative": n_cum, "rate": n_rate},
                "left_out": out_cum + out_rate,
                "not_drawn": len(cs) - len(cum) - len(rate),
                "legend": legend(sources),
                "estimate": e is not None,
            }
        )
    return out


TABLE_KEYS = ("id", "doc", "quote", "metric", "subject", "value", "low", "high", "bound", "per", "start", "end",
              "source", "said_on", "span_start", "span_end", "url")  # fmt: skip


def table_claims(ledger: Ledger) -> list[dict[str, Any]]:
    """Every claim with the fields the claims table and the evidence viewer need, straight from SQL."""
    cur = ledger.db.execute(
        'SELECT c.id, c.doc_id, c.quote, c.metric, c.subject, c.value, c.low, c.high, c.bound, c.per, c.start, c."end",'
        " c.source, c.said_on, c.span_start, c.span_end, COALESCE(json_extract(c.attrs, '$.url'), d.url)"
        ' FROM claims c JOIN documents d ON d.id = c.doc_id ORDER BY COALESCE(c."end", c.said_on, d.published),'
        " c.doc_id, c.span_start"
    )
    return [dict(zip(TABLE_KEYS, tuple(r), strict=True)) for r in cur]


def _table_record(r: dict[str, Any], text: str | None) -> dict[str, Any]:
    rec = {k: v for k, v in r.items() if k not in ("span_start", "span_end")}
    for k in ("value", "low", "high"):
        v = rec[k]
        if isinstance(v, float) and v.is_integer():
            rec[k] = int(v)
    rec["span"] = [r["span_start"], r["span_end"]]
    if text is not None:
        rec["figure_span"] = list(
            figure_span_of(text, r["span_start"], r["span_end"], r["value"], r["low"], r["high"])
        )
    return rec


def chart_claims(ledger: Ledger) -> list[dict[str, Any]]:
    """The fields the charts need of every chartable claim, straight from SQL (fast on 100k)."""
    marks = ",".join("?" * len(CHART_METRICS))
    cur = ledger.db.execute(
        'SELECT id, subject, metric, value, low, high, bound, per, start, "end", source, quote FROM claims'
        f" WHERE subject IS NOT NULL AND metric IN ({marks})",
        CHART_METRICS,
    )
    keys = (
        "id",
        "subject",
        "metric",
        "value",
        "low",
        "high",
        "bound",
        "per",
        "start",
        "end",
        "source",
        "quote",
    )
    return [dict(zip(keys, tuple(r), strict=True)) for r in cur]


def gather(ledger: Ledger, *, embed: bool = True, max_findings: int = MAX_FINDINGS) -> dict[str, Any]:
    """Everything a page shows. With ``embed`` (the report) every claim and the text of every
    document a claim cites are included, so the file works offline; without (the dashboard) the
    page fetches claims and documents from the API as it needs them."""
    claims: list[dict[str, Any]] = []
    docs: dict[str, dict[str, Any]] = {}
    if embed:
        rows = table_claims(ledger)
        texts: dict[str, str] = {}
        for doc_id in dict.fromkeys(r["doc"] for r in rows):
            stored = ledger.document(doc_id)
            if stored is None:
                continue
            d = stored.document
            texts[doc_id] = d.text
            docs[doc_id] = {
                "id": doc_id,
                "title": d.title,
                "url": d.url,
                "path": d.path,
                "outlet": d.outlet,
                "published": d.published.isoformat() if d.published else None,
                "kind": stored.kind,
                "text": d.text,
            }
        claims = [_table_record(r, texts.get(r["doc"])) for r in rows]
    findings = [f.to_record() for f in ledger.findings(limit=max_findings)]
    estimates = ledger.estimates()
    biases: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in estimates:
        for s in e.get("sources", []):
            biases[s["source"]].append({"subject": e["subject"], "metric": e["metric"], **s})
    sources = []
    for s, n in ledger.sources():
        if n == 0 and s.name not in biases:
            continue
        sources.append(
            {"name": s.name, "kind": s.kind, "party": s.party, "claims": n, "biases": biases.get(s.name, [])}
        )
    # Biases of keys that are not sources themselves ("X [killed]", an alias canonicalised by the fit).
    named = {s["name"] for s in sources}
    for key, bs in sorted(biases.items()):
        if key not in named:
            sources.append(
                {
                    "name": key,
                    "kind": None,
                    "party": bs[0].get("party"),
                    "claims": bs[0]["claims"],
                    "biases": bs,
                }
            )
    return {
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "counts": ledger.counts(),
        "claims": claims,
        "documents": docs,
        "findings": findings,
        "finding_counts": ledger.finding_counts(),
        "estimates": [
            {k: v for k, v in e.items() if k not in ("cumulative", "residuals")} for e in estimates
        ],
        "charts": charts(chart_claims(ledger), estimates),
        "sources": sources,
    }
