"""`impossible_period`: a figure for a period that ends after it was stated (or starts after),
or that starts before its conflict began."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from attrition.check.common import Fact, dword, figure_words, finding
from attrition.check.settings import Settings
from attrition.extract.lexicon import CONFLICTS
from attrition.model import Finding, Severity


def _conflict_starts() -> dict[str, tuple[str, date, bool]]:
    """Each subject's conflict: its name, the earliest day a figure of it can count from, and whether
    that day is settled (a conflict with a known ``earliest``) or only its reference start."""
    out: dict[str, tuple[str, date, bool]] = {}
    for conflict in CONFLICTS:
        name = str(conflict["name"])
        settled = "earliest" in conflict
        start = date.fromisoformat(str(conflict.get("earliest") or conflict["start"]))
        sides = conflict["sides"]
        assert isinstance(sides, tuple)
        for side in sides:
            for subject in side:
                out.setdefault(str(subject), (name, start, settled))
    return out


STARTS = _conflict_starts()


def _in_progress_unit(start: date, end: date, stated: date) -> bool:
    """A calendar month or year (or a period ending with one) that the statement falls inside:
    "losses in 2025" said in June 2025 can only be a partial count, not an impossible one."""
    month_end = (end + timedelta(days=1)).day == 1
    year_end = end.month == 12 and end.day == 31
    return start <= stated and (
        (month_end and (end.year, end.month) == (stated.year, stated.month))
        or (year_end and end.year == stated.year)
    )


def check(facts: Sequence[Fact], s: Settings) -> list[Finding]:
    out: list[Finding] = []
    for f in facts:
        c = f.c
        start, end, stated = c.period.start, c.period.end, f.stated
        what = f"{figure_words(c)} {c.metric.replace('_', ' ')}"
        if end is not None and stated is not None and end > stated:
            if start is not None and start > stated:
                out.append(
                    finding(
                        "impossible_period",
                        "error",
                        f"{what} for {dword(start)} to {dword(end)} was stated on {dword(stated)}, before "
                        f"the period began: it cannot be a count of losses that have happened.",
                        c,
                    )
                )
            elif start is not None and _in_progress_unit(start, end, stated):
                out.append(
                    finding(
                        "impossible_period",
                        "warn",
                        f"{what} for {dword(start)} to {dword(end)} was stated on {dword(stated)}, while "
                        f"the period was still running: at most a partial count ({(end - stated).days} "
                        f"days were still to come).",
                        c,
                    )
                )
            else:
                out.append(
                    finding(
                        "impossible_period",
                        "error",
                        f"{what} for a period ending {dword(end)} was stated on {dword(stated)}, "
                        f"{(end - stated).days} days before the period ends.",
                        c,
                    )
                )
        if start is not None and c.subject in STARTS:
            name, began, settled = STARTS[c.subject]
            # "Since April 2023" for a war that began on 15 April 2023 names the month it began in.
            same_unit = (start.day == 1 and (start.year, start.month) == (began.year, began.month)) or (
                (start.month, start.day) == (1, 1) and start.year == began.year
            )
            if start < began and not f.structured and not same_unit:
                # Certain where the conflict's first day is settled (its earliest); elsewhere the figure may
                # belong to an earlier war of the same country (Darfur 2003 for Sudan): a warning.
                sev: Severity = "error" if settled else "warn"
                out.append(
                    finding(
                        "impossible_period",
                        sev,
                        f"{what} counted from {dword(start)}, before the {name} conflict began "
                        f"({dword(began)}).",
                        c,
                    )
                )
    return out
