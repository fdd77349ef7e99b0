"""Claims out of attrition in other tools' formats."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from attrition.ingest._files import WAR_START
from attrition.ingest.economist import HEADER, TYPES
from attrition.model import Claim

# The metric and its "type" in the Economist's table.
_ECONOMIST_TYPES = {metric: name for name, metric in TYPES.items()}


def to_economist_csv(items: Iterable[tuple[Claim, str | None]]) -> str:
    """Claims as the Economist's estimates.csv, each with the conflict party of its source (or None).

    One row per claim of a total killed or casualties since the start of the war (``per`` None, a
    subject, a start of 2022-02-24 or unknown, and a date: the period's end, else ``said_on``); other
    claims are left out. Columns: the date as dd/mm/yyyy; the figure in estimate_low/estimate_high/
    estimate (a point in ``estimate`` with attrs "low"/"high" beside it, a range in low and high,
    "at least" in low, "at most" in high), without thousands separators; type "deaths" or "casualties";
    the source; attrs "url"; the subject as country; and "yes" in the warring-parties column when the
    source belongs to a conflict party. Reading the result with
    :func:`attrition.ingest.economist.parse_economist` gives the same values back.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for claim, party in items:
        row = economist_row(claim, party)
        if row is not None:
            writer.writerow(row)
    return out.getvalue()


def economist_row(claim: Claim, party: str | None) -> list[str] | None:
    """The claim as a row of the Economist's table, or None where it is not a figure the table holds."""
    kind = _ECONOMIST_TYPES.get(claim.metric)
    day = claim.period.end or claim.said_on
    if (
        kind is None
        or claim.per is not None
        or not claim.subject
        or day is None
        or claim.period.start not in (None, WAR_START)
    ):
        return None
    f = claim.figure
    attrs = dict(claim.attrs)
    low: float | str | None = None
    high: float | str | None = None
    est: float | None = None
    if f.bound == "range":
        low, high = f.low, f.high
    elif f.bound == "at_least":
        low = f.value
    elif f.bound == "at_most":
        high = f.value
    else:
        est, low, high = f.value, attrs.get("low"), attrs.get("high")
    url = attrs.get("url")
    return [
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        _number(low),
        _number(high),
        _number(est),
        kind,
        claim.source or "",
        url if isinstance(url, str) else "",
        claim.subject,
        "yes" if party else "",
    ]


def _number(x: float | str | None) -> str:
    if x is None or isinstance(x, str):
        return x or ""
    return str(int(x)) if float(x).is_integer() else repr(float(x))
