from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attrition.extract import dates
from attrition.extract.dates import time_expressions

REF = date(2025, 6, 12)
WAR = date(2022, 2, 24)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("from January to April 2025", date(2025, 1, 1), date(2025, 4, 30)),
        ("since January 1, 2025", date(2025, 1, 1), REF),
        ("since January 2024", date(2024, 1, 1), REF),
        ("in 2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("in 2022", WAR, date(2022, 12, 31)),
        ("so far in 2025", date(2025, 1, 1), REF),
        ("since the start of the full-scale invasion", WAR, REF),
        ("since Moscow launched its invasion", WAR, REF),
        ("last year", date(2024, 1, 1), date(2024, 12, 31)),
        ("last month", date(2025, 5, 1), date(2025, 5, 31)),
        ("last week", date(2025, 6, 2), date(2025, 6, 8)),
        ("over the past day", date(2025, 6, 11), date(2025, 6, 12)),
        ("in the past 24 hours", date(2025, 6, 11), date(2025, 6, 12)),
        ("for November 2024", date(2024, 11, 1), date(2024, 11, 30)),
        ("the last six months of 2025", date(2025, 7, 1), date(2025, 12, 31)),
        ("the first half of 2025", date(2025, 1, 1), date(2025, 6, 30)),
        ("between 24 February 2022 and 31 December 2022", WAR, date(2022, 12, 31)),
        ("from 24.02.22 to 12.06.25", WAR, REF),
        ("in May", date(2025, 5, 1), date(2025, 5, 31)),
        ("in September", date(2024, 9, 1), date(2024, 9, 30)),
        ("since February 24", WAR, REF),
        ("between January and early June 2025", date(2025, 1, 1), None),
    ],
)
def test_time_expressions_resolve_against_the_statement_date(text: str, start, end) -> None:
    exprs = time_expressions(text, 0, len(text))
    assert exprs, text
    s, e, open_end = exprs[0].resolve(REF, WAR)
    assert s == start
    assert (REF if open_end else e) == end


def test_as_of_gives_an_end_only() -> None:
    (t,) = time_expressions("as of June 4", 0, 12)
    assert t.kind == "asof"
    assert t.resolve(REF, WAR)[:2] == (None, date(2025, 6, 4))


def test_weekday_is_the_latest_such_day_not_after_the_reference() -> None:
    (t,) = time_expressions("on Thursday", 0, 11)
    assert t.resolve(REF, WAR)[0] == date(2025, 6, 12)
    (t,) = time_expressions("on Monday", 0, 9)
    assert t.resolve(REF, WAR)[0] == date(2025, 6, 9)


_WORDS = [
    "May",
    "Jan",
    "since",
    "last",
    "Monday",
    "Q1",
    "H2",
    "the",
    "past",
    "Σ",
    "é",
    "2024",
    "3",
    " ",
    ".",
    ",",
    "x",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), max_size=40).map("".join),
    st.integers(min_value=0, max_value=5),
    st.integers(min_value=0, max_value=5),
)
def test_candidates_found_after_a_non_letter_are_those_of_a_scan_at_every_place(
    text: str, cut_start: int, cut_end: int
) -> None:
    """The word candidates scanned for after a character that is no ASCII letter are exactly those of
    the plain scan at every place, after the same test of the character before."""
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    digits = [m.start() for m in dates._DIGIT_CANDIDATE.finditer(text, start, end)]
    words = [m.start() for m in dates._WORD_CANDIDATE.finditer(text, start, end)]
    expected = [p for p in sorted(digits + words) if p == 0 or not text[p - 1].isalpha()]
    assert dates._candidates(text, start, end) == expected
