"""Invariants: no text raises, every quote is the text at its span, hostile input finishes."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attrition.extract import extract_text

WORDS = st.sampled_from(
    ["Russia", "lost", "about", "1,000", "soldiers", "a", "day", "since", "January", "2024", "between",
     "and", "20,000", "killed", "or", "missing", "(", ")", ",", ".", "NATO", "said", "on", "June 5",
     "of", "whom", "over", "one", "million", "casualties", "%", "-", "\n", "\n\n", "according", "to"]
)  # fmt: skip


def _check(text: str) -> None:
    for c in extract_text(text, date(2025, 6, 12)):
        assert text[c.span.start : c.span.end] == c.quote
        for s in c.spans:
            assert 0 <= s.start < s.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_no_text_raises_and_spans_equal_quotes(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=60).map(" ".join))
def test_figure_like_text_never_raises(text: str) -> None:
    _check(text)


def test_hostile_inputs_finish() -> None:
    """The sizes the issue names: 1 MB of digits and commas, runs of "between", deep parentheses, one 5 MB line."""
    mb = 1_000_000
    hostile = [
        ("1," * mb)[:mb],
        ("1,000," * mb)[:mb],
        ("between " * mb)[:mb] + "1,000 and 2,000 soldiers",
        "(" * 100_000 + "1,000 soldiers were killed" + ")" * 100_000,
        ("Russia lost 1,000 soldiers since January 2024 according to NATO " * (5 * mb // 60))[: 5 * mb],
        "9" * mb,
    ]
    for text in hostile:
        _check(text)


@pytest.mark.parametrize(
    "text",
    [
        "The ISRAELİ army said 5 soldiers were killed.",  # dotted capital I lowers to two characters
        "The İSW said Russia lost 5,000 soldiers; the UK MİNİSTRY OF DEFENCE said 1,000 a day.",
        "NATO ſaid 20,000 ſoldiers were killed each month.",  # long s folds to s
        "The \u212aremlin said 30,000 were killed.",  # the Kelvin sign folds to K
        "BRİTİSH intelligence said 1,100 Russian soldiers were lost a day.",
    ],
)
def test_case_folding_oddities_do_not_raise(text: str) -> None:
    claims = extract_text(text)
    assert all(text[c.span.start : c.span.end] == c.quote for c in claims)


# Fast paths that must find exactly what the general form finds.
NAME_TEXT = st.lists(
    st.sampled_from(
        ["the", "NATO", "nato", "Nato", "UK", "Ministry", "of", "Defence", "defence", "ministry", "British",
         "Kremlin", "Médecins", "Sans", "Frontières", "MÉDECINS", "Ukrainian", "General", "Staff", "ISW",
         "İSW", "ſtaff", "\u212aremlin", "’", "—", "“", "-", ",", "é", "said", "'s", "(", ")"]
    ),
    max_size=14,
).map(" ".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.one_of(NAME_TEXT, st.text(max_size=40)))
def test_folded_name_patterns_match_as_case_insensitive_ones(text: str) -> None:
    from attrition.extract.sources import _table

    t = _table()
    for folded in (t["ci"], t["nat_re"], *(tpl[3] for tpl in t["templates"])):
        assert folded.any_case is not None
        fast = [(a, b, found.lower()) for a, b, found in folded.finditer(text)]
        slow = [(m.start(), m.end(), m.group().lower()) for m in folded.any_case.finditer(text)]
        assert fast == slow
        assert (folded.search(text) is None) == (folded.any_case.search(text) is None)


@settings(max_examples=300, deadline=None)
@given(st.one_of(NAME_TEXT, st.text(max_size=40)))
def test_only_ascii_letters(text: str) -> None:
    from attrition.extract.text import only_ascii_letters

    expected = all(c.isascii() or not (c.isalnum() or c.lower() != c or c.upper() != c) for c in text)
    assert only_ascii_letters(text) == expected


@pytest.mark.parametrize(
    ("text", "kind", "end"),
    [
        ("5 %", "percent", 3), ("5\u00a0percent", "percent", 9), ("5 per cent", "percent", 10),
        ("5 PCT", "percent", 5), ("40 sq km", "area", 8), ("40 Square Kilometres", "area", 20),
        ("40 km²", "area", 6), ("40 sq. mi", "area", 9), ("40 \u212am2", "area", 6), ("40 ſq km", "area", 8),
        ("40 kilos", "count", 2), ("40 people", "count", 2), ("40", "count", 2),
    ],
)  # fmt: skip
def test_units_after_a_figure(text: str, kind: str, end: int) -> None:
    from attrition.extract.numbers import quantities

    [q] = quantities(text)
    assert (q.kind, q.end) == (kind, end)
