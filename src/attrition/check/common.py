"""What every check shares: the claims with their context, figures as intervals, plain wording."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from attrition.check.settings import Settings
from attrition.model import Claim, ClaimRef, Finding, Severity

PER_DAYS: dict[str, float] = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25}
PER_WORD: dict[str, str] = {"day": "a day", "week": "a week", "month": "a month", "year": "a year"}
INF = math.inf


@dataclass(frozen=True, slots=True)
class Fact:
    """A claim with what the checks need around it: when it was stated and whether it is one
    point of a structured series (an imported daily tally)."""

    claim: Claim
    stated: date | None  # said_on, else the document's publication date
    structured: bool  # from a connector (``import.*``), not read from prose

    @property
    def c(self) -> Claim:
        return self.claim


def facts(claims: Sequence[Claim], published: Mapping[str, date | None] | None = None) -> list[Fact]:
    pub = published or {}
    return [Fact(c, c.said_on or pub.get(c.doc_id), c.extractor.startswith("import.")) for c in claims]


# -- figures ------------------------------------------------------------------------------------


def rounding(x: float) -> float:
    """Half the unit a stated figure was rounded to, read off its digits and capped at two
    significant digits (106,720 -> 5; 340 -> 5; 1,000,000 -> 50,000; 2.5 -> 0.05)."""
    if x == 0 or not math.isfinite(x):
        return 0.5
    ax = abs(x)
    if ax != int(ax):  # decimals: the last decimal place shown
        s = f"{ax:.6f}".rstrip("0")
        places = len(s.split(".")[1]) if "." in s else 0
        return 0.5 * 10.0**-places
    n = round(ax)
    digits = len(str(n))
    zeros = len(str(n)) - len(str(n).rstrip("0"))
    return 0.5 * 10.0 ** min(zeros, max(0, digits - 2))


def interval(c: Claim, s: Settings) -> tuple[float, float]:
    """The values a figure allows, given its rounding, its qualifier and the general slack."""
    f = c.figure
    return _interval(f.value, f.low, f.high, f.bound, s.slack, s.approx)


@lru_cache(maxsize=65536)
def _interval(
    value: float | None, low: float | None, high: float | None, bound: str, slack: float, approx: float
) -> tuple[float, float]:
    if bound == "range":
        assert low is not None and high is not None
        return low * (1 - slack), high * (1 + slack)
    assert value is not None
    v = value
    r = rounding(v) + slack * abs(v)
    if bound == "approx":
        # "about 200,000" may be 10% off; "about 1,004,560" is precise to its tens whatever the word
        # says: the width follows the digits given, up to ``approx``.
        r = min(approx * abs(v), max(r, 10 * rounding(v)))
        return v - r, v + r
    if bound == "at_least":
        return v - r, INF
    if bound == "at_most":
        return 0.0, v + r
    return v - r, v + r


def overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def scale(iv: tuple[float, float], k: float) -> tuple[float, float]:
    return iv[0] * k, iv[1] * k


def add(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return a[0] + b[0], a[1] + b[1]


def gap_factor(a: tuple[float, float], b: tuple[float, float]) -> float:
    """How many times apart two disjoint intervals are (1.0 when they overlap)."""
    if overlaps(a, b):
        return 1.0
    lo, hi = (a, b) if a[1] < b[0] else (b, a)
    if lo[1] <= 0:
        return INF
    return hi[0] / lo[1]


def severity_of(factor: float, s: Settings) -> Severity:
    return "error" if factor > s.error_factor else "warn"


# -- periods ------------------------------------------------------------------------------------


def days(start: date, end: date) -> int:
    return (end - start).days + 1


def rate_per_day(c: Claim) -> float:
    assert c.per in PER_DAYS
    return 1.0 / PER_DAYS[c.per]


def comparable(a_start: date, a_end: date, b_start: date, b_end: date, s: Settings) -> bool:
    """Two periods that cover nearly the same days."""
    length = max(days(a_start, a_end), days(b_start, b_end))
    tol = max(s.comparable_days, s.comparable_share * length)
    return abs((a_start - b_start).days) <= tol and abs((a_end - b_end).days) <= tol


def period_words(start: date, end: date) -> str:
    """'the 311 days of 2022', 'May 2025', 'from 1 January 2024 to 12 June 2025'."""
    n = days(start, end)
    if start.month == 1 and start.day == 1 and end == date(start.year, 12, 31):
        return f"the {n} days of {start.year}"
    if end.year == start.year and end.month == 12 and end.day == 31 and start.year >= 2022:
        if (start.month, start.day) != (1, 1):
            return f"the {n} days of {start.year} from {start.day} {start.strftime('%B')}"
    nxt = (end + timedelta(days=1)).day == 1
    if start.day == 1 and nxt and (start.year, start.month) == (end.year, end.month):
        return f"the {n} days of {start.strftime('%B %Y')}"
    return f"the {n} days from {dword(start)} to {dword(end)}"


def dword(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def num(x: float) -> str:
    """A figure for a sentence: 343, 1,177, 1.2 million, 0.85."""
    if not math.isfinite(x):
        return "unbounded"
    ax = abs(x)
    if ax >= 10_000_000:
        return f"{x / 1e6:,.1f} million"
    if ax >= 100:
        return f"{x:,.0f}"
    if ax >= 10:
        return f"{x:,.1f}".rstrip("0").rstrip(".")
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def figure_words(c: Claim) -> str:
    """The figure as stated: 'over 200,000', 'about 1,935', '20,000-25,000', 'nearly 975'."""
    f = c.figure
    if f.bound == "range":
        assert f.low is not None and f.high is not None
        return f"{num(f.low)}-{num(f.high)}"
    assert f.value is not None
    q = {"approx": "about ", "at_least": "over ", "at_most": "at most ", "exact": ""}[f.bound]
    return q + num(f.value)


def pct(a: float, b: float) -> str:
    """'0.9% lower' / '12% higher': a against b."""
    if b == 0:
        return "against zero"
    d = (a - b) / b * 100
    word = "higher" if d > 0 else "lower"
    mag = abs(d)
    return f"{mag:.1f}% {word}" if mag < 10 else f"{mag:.0f}% {word}"


def finding(kind: str, severity: Severity, message: str, *claims: Claim) -> Finding:
    seen: dict[str, ClaimRef] = {}
    for c in claims:
        seen.setdefault(c.id, ClaimRef.of(c))
    return Finding(kind, severity, message, tuple(seen.values()))


def who(c: Claim) -> str:
    return c.source or "an unattributed source"
