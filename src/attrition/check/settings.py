"""Every threshold the checks use, in one table, each with the reason for its value.

Change a value with ``Settings(**{name: value})`` or ``settings.replace(name=value)``; the
``attrition check --set NAME=VALUE`` option does the same from the command line.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

# name -> (default, reason). The Settings dataclass below is generated from this table.
TABLE: dict[str, tuple[float, str]] = {
    "slack": (
        0.012,
        "Relative slack on every stated figure beyond its rounding: published averages are often "
        "truncated rather than rounded, or divided by a day count one off (311 vs 312 days).",
    ),
    "approx": (
        0.10,
        "Relative half-width of an 'about', 'roughly' or 'estimated' figure: such figures are "
        "usually rounded to two significant digits, i.e. within 5-10% of the quantity.",
    ),
    "near": (
        0.10,
        "How far under an 'almost'/'nearly' figure, or over an 'over'/'more than' figure, the "
        "quantity is taken to lie when a point is needed (writers round to the next round number).",
    ),
    "error_factor": (
        1.5,
        "A disagreement beyond this factor (after uncertainty) is an error, not a warning: no "
        "rounding or qualifier explains a 50% gap.",
    ),
    "comparable_days": (
        7,
        "Two cumulative totals whose end dates are at most this many days apart are compared as if "
        "at the same date (a week of a war's losses is a few percent of a multi-year total).",
    ),
    "comparable_share": (
        0.05,
        "Two periods are comparable when their ends and starts differ by at most this share of "
        "the period's length (or by comparable_days, whichever is larger).",
    ),
    "interpolate_days": (
        45,
        "A source's own series is interpolated linearly between two of its figures at most this "
        "many days apart; beyond that the series says nothing about the dates between.",
    ),
    "killed_share_low": (
        0.12,
        "Lowest plausible share of killed among casualties (killed + wounded). Modern wars give "
        "about 1 killed to 3-5 wounded (20-25%); with good battlefield medicine (US in "
        "Iraq/Afghanistan) it fell to about 1:8-10 (10-12%).",
    ),
    "killed_share_high": (
        0.50,
        "Highest plausible share: even where medical evacuation fails (WWI/WWII eastern front "
        "estimates, Russian assault units in Ukraine per Western estimates) killed and missing "
        "reach about 1:1 with wounded, i.e. 50% of casualties.",
    ),
    "overlap_share": (
        0.5,
        "Two rates are compared only when their averaging windows overlap by at least this share "
        "of the longer window (a month's rate may differ from the year's average it is part of).",
    ),
    "series_window": (
        14,
        "Days of recent increases a cumulative series' new increase is compared with.",
    ),
    "series_jump_factor": (
        4.0,
        "A daily increase above this multiple of the median of the recent ones is a jump (a "
        "real offensive roughly doubles daily losses; a quadrupling in one day is a reporting event).",
    ),
    "series_jump_min": (
        300,
        "A jump must also exceed the recent median by this much, so that small early counts "
        "(tens a day) do not trip the factor.",
    ),
}


@dataclass(frozen=True)
class Settings:
    slack: float = TABLE["slack"][0]
    approx: float = TABLE["approx"][0]
    near: float = TABLE["near"][0]
    error_factor: float = TABLE["error_factor"][0]
    comparable_days: float = TABLE["comparable_days"][0]
    comparable_share: float = TABLE["comparable_share"][0]
    interpolate_days: float = TABLE["interpolate_days"][0]
    killed_share_low: float = TABLE["killed_share_low"][0]
    killed_share_high: float = TABLE["killed_share_high"][0]
    overlap_share: float = TABLE["overlap_share"][0]
    series_window: float = TABLE["series_window"][0]
    series_jump_factor: float = TABLE["series_jump_factor"][0]
    series_jump_min: float = TABLE["series_jump_min"][0]

    def replace(self, **changes: float) -> Settings:
        unknown = set(changes) - set(TABLE)
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(sorted(unknown))}; known: {', '.join(TABLE)}")
        return dataclasses.replace(self, **changes)


DEFAULT = Settings()
