"""The hand-written C functions (``_speedups.c``) give exactly what the pure Python they replace gives."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attrition.extract import dates, native, numbers, pipeline, sources, text

REPO = Path(__file__).resolve().parents[1]

# Characters each branch of the token pattern and the whitespace test turn on: cases, Latin letters
# beyond ASCII (with the × and ÷ the range holds), other scripts, digits that are Unicode decimals
# and digits that are not, straight and curly apostrophes, points, commas, dashes, spaces of several
# kinds, and letters whose lower case is longer than they are.
_ALPHABET = "aZqM.,'’ \t\n\r\x0b\x1c0123456789٣²×÷Àßɏɐİẞжщ-–—()/%\u00a0\u2009\u202f\u3000_"


def _speedups() -> ModuleType:
    if native.active().get("_speedups"):
        return importlib.import_module("attrition.extract._speedups")
    if os.environ.get("CI"):
        pytest.fail("CI builds the C speed-ups (make native), but they are not in use")
    pytest.skip("no current native build in this checkout (run `make native`): nothing to compare")


def _texts() -> list[str]:
    files = sorted((REPO / "examples" / "articles").glob("*.txt"))
    files += sorted((REPO / "tests" / "data").glob("*/*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40), st.integers(0, 45), st.integers(0, 45))
def test_tokenize_gives_the_token_patterns_split(s: str, a: int, b: int) -> None:
    fast = _speedups()
    start, stop = min(a, b, len(s)), min(max(a, b), len(s))
    assert fast.tokenize(s, start, stop) == text.split_tokens(s, start, stop)


def test_tokenize_gives_the_token_patterns_split_on_articles() -> None:
    fast = _speedups()
    docs = _texts()
    assert len(docs) >= 40
    tokens = 0
    for doc in docs:
        got = fast.tokenize(doc, 0, len(doc))
        assert got == text.split_tokens(doc, 0, len(doc))
        tokens += len(got[0])
    assert tokens > 40_000


# Words the scanners look for, and pieces of text around them, to build text that has them often.
_PIECES = [
    *"aZé.,'’ -–()/_0123456789\n\u00a0ж",
    *"one ten tension seventy-five half million Jan January JAN since Since last past 1999 2024".split(),
    *"20 12th 3rd 1/2 5-6 Q1 H2 russia russian ukraine's u.s. sudan hamas israel st nd".split(),
    "over the course", "south sudan", "the kremlin", "  ",
]  # fmt: skip
_PIECE_TEXT = st.lists(st.sampled_from(_PIECES), max_size=16).map("".join)


def _pure_date_candidates(s: str, start: int, end: int) -> list[int]:
    """dates._candidates as its patterns alone give it."""
    out = [m.start() for m in dates._DIGIT_CANDIDATE.finditer(s, start, end)]
    if start == 0 and dates._WORD_CANDIDATE.match(s, 0, end) is not None:
        out.append(0)
    out += [m.start(1) for m in dates._WORD_CANDIDATE_AFTER.finditer(s, max(0, start - 1), end)]
    out.sort()
    return [p for p in out if p == 0 or not s[p - 1].isalpha()]


@settings(max_examples=3000, deadline=None)
@given(
    st.one_of(_PIECE_TEXT, st.text(alphabet=_ALPHABET, max_size=30)), st.integers(0, 80), st.integers(0, 80)
)
def test_the_word_scanners_find_what_their_patterns_find(s: str, a: int, b: int) -> None:
    fast = _speedups()
    start, end = min(a, b, len(s)), min(max(a, b), len(s))
    assert dates._candidates(s, start, end) == _pure_date_candidates(s, start, end)
    assert fast.date_digits(s, start, end) == [
        p for p in _pure_date_candidates(s, start, end) if s[p].isdigit()
    ]
    low = s.lower()
    if len(low) != len(s):
        return  # the callers scan the lower case only where it keeps the offsets
    scan = numbers._WORD_AFTER_SCAN
    assert scan is not None
    assert scan.find(low, start + 1, end) == [
        (m.start() + 1, m.end()) for m in numbers._WORD_AFTER.finditer(low, start, end)
    ]
    sides = pipeline._SIDE_SCAN
    assert sides is not None
    assert sides.find(low, start, end) == [m.span() for m in pipeline._SIDE_WORDS.finditer(low, start, end)]
    assert [low[x:y] for x, y in sides.find(low, 0, len(low))] == pipeline._SIDE_WORDS_AFTER.findall(
        " " + low
    )


def test_the_word_scanners_find_what_their_patterns_find_in_articles() -> None:
    _speedups()
    found = 0
    for doc in _texts():
        low = doc.lower()
        assert dates._candidates(doc, 0, len(doc)) == _pure_date_candidates(doc, 0, len(doc))
        assert numbers._word_spans(low, 0, len(doc)) == [
            m.span()
            for m in numbers._WORD_START.finditer(low)
            if m.start() == 0 or not "a" <= low[m.start() - 1] <= "z"
        ]
        names = pipeline._SIDE_WORDS.findall(low)
        assert [low[x:y] for x, y in pipeline._SIDE_SCAN.find(low, 0, len(low))] == names  # type: ignore[union-attr]
        found += len(names)
    assert found > 1000


def test_a_scanner_refuses_what_it_cannot_scan_for() -> None:
    fast = _speedups()
    with pytest.raises(TypeError):
        fast.Words(["one", ""], 0, 0, False)
    with pytest.raises(TypeError):
        fast.Words(["one", 2], 0, 0, False)
    with pytest.raises(ValueError):
        fast.Words(["one"], 9, 0, False)
    scan = fast.Words(["a", "ab", "abc"], 0, 1, True)  # any character before, a word boundary after
    assert scan.find("abc abd ab-", 0, 11) == [(0, 3), (8, 10)]  # the longest that ends at a boundary
    assert scan.find("abc abd ab-", 1, 11) == [(8, 10)]
    assert scan.starts("abc", 0, 2) == [0]  # the end of the range is the end of the text: "ab" ends there


def _source_word_sets() -> dict[str, sources._Words]:
    t = sources._table()
    found = {k: t[k] for k in ("ci", "cs", "nat_re", "any_office")}
    found.update({f"template {i}": tpl[3] for i, tpl in enumerate(t["templates"])})
    found["learned"] = sources._Words(["general staff", "the mod", "kyiv independent"], fold=False)
    return found


def _pure_finditer(words: sources._Words, s: str) -> list[tuple[int, int, str]]:
    """``words.finditer`` as its patterns alone give it."""
    hay = words._hay(s)
    rx = words.any_case if hay is None else words.lower
    assert rx is not None
    return [(m.start(), m.end(), m.group()) for m in rx.finditer(s if hay is None else hay)]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from([*"aZé.,'’ -–()/_0", "General Staff", "GENERAL STAFF", "ministry of defence",
    "the MoD", "UN", "Ukrainian", "ukrainian", "Kyiv Independent", "ISW", "WHO", "russia's", "NATO-led",
    "the general staff-run", "İ"]), max_size=12).map("".join))  # fmt: skip
def test_the_source_tables_words_are_found_as_their_patterns_find_them(s: str) -> None:
    _speedups()
    for name, words in _source_word_sets().items():
        assert words.scan is not None, name
        pure = _pure_finditer(words, s)
        assert words.finditer(s) == pure, name
        assert words.search(s) == (pure[0] if pure else None), name


def test_the_source_tables_words_are_found_as_their_patterns_find_them_in_articles() -> None:
    _speedups()
    sets = _source_word_sets()
    found = 0
    for doc in _texts():
        for name, words in sets.items():
            got = words.finditer(doc)
            assert got == _pure_finditer(words, doc), name
            found += len(got)
    assert found > 500


_SENTENCE_PIECES = [
    *". . .. ... ! ? ?! .” .’ .) .] .\" [1] [12] [1234] [] [a]".split(),
    " ", "  ", "\t", "\u00a0", "\u2009", "\u202f", "\n", "A", "z", "7", "“", "‘", "(", "[", "'", '"', "Mr", "U.S",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=14).map("".join),
    st.integers(0, 60),
    st.integers(0, 60),
)
def test_sentence_ends_gives_the_sentence_end_patterns_matches(s: str, a: int, b: int) -> None:
    fast = _speedups()
    start, end = min(a, b, len(s)), min(max(a, b), len(s))
    assert fast.sentence_ends(s, start, end) == text.sentence_ends(s, start, end)


def test_sentence_ends_gives_the_sentence_end_patterns_matches_in_articles() -> None:
    fast = _speedups()
    ends = 0
    for doc in _texts():
        got = fast.sentence_ends(doc, 0, len(doc))
        assert got == text.sentence_ends(doc, 0, len(doc))
        ends += len(got)
    assert ends > 1000


def _pure_digit_matches(s: str, start: int, end: int) -> list[tuple[int, int, str, str | None, str | None]]:
    return [
        (m.start(), m.end(), m.group("d"), m.group("sw"), m.group("sl"))
        for m in numbers._DIGITS_SCAN.finditer(s, start, end)
    ]


# Digits, the marks and spaces figures are written with, and scale words and letters in several cases,
# with the letters that match ASCII ones when case is ignored (long s, dotted and dotless i, Kelvin sign).
_FIGURE_PIECES = [
    *"0123456789,. \u00a0\u202f\u2009kKmMſıİ\u212ax٣_-",
    *"thousand million billion mln bn mn Million MLN thouſand bıllion 000 ,000 ,5 k m2".split(),
    " 000", " million", "1,5 million",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(st.sampled_from(_FIGURE_PIECES), max_size=14).map("".join),
    st.integers(0, 80),
    st.integers(0, 80),
)
def test_digit_figures_gives_the_digit_patterns_matches(s: str, a: int, b: int) -> None:
    fast = _speedups()
    start, end = min(a, b, len(s)), min(max(a, b), len(s))
    assert fast.digit_figures(s, start, end) == _pure_digit_matches(s, start, end)


def test_digit_figures_gives_the_digit_patterns_matches_in_articles() -> None:
    fast = _speedups()
    found = 0
    for doc in _texts():
        got = fast.digit_figures(doc, 0, len(doc))
        assert got == _pure_digit_matches(doc, 0, len(doc))
        found += len(got)
    assert found > 2000


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from([*"aZ. ,", " Anna", " Smith", " Bob", "Secretary General", "Secretary", "General",
    "Minister", "President", "XChief", "Spokeswoman", "Director General", "Head"]), max_size=12).map("".join))  # fmt: skip
def test_titles_are_found_where_the_title_pattern_finds_them(s: str) -> None:
    _speedups()
    got = [(m.span(), m.group("title"), m.group("person")) for m in sources._titles(s)]
    assert got == [(m.span(), m.group("title"), m.group("person")) for m in sources._TITLE.finditer(s)]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from([*"aZ. ,", "Results", " of the ", "year", "Institute", "Labour", "group", "Staff",
    "General", "Black Bird Group", "Ministry", "the Study of War", "Monitor"]), max_size=10).map("".join))  # fmt: skip
def test_an_organisations_phrase_is_looked_for_only_where_its_pattern_can_match(s: str) -> None:
    _speedups()
    scan = sources._ORG_WORD_SCAN
    assert scan is not None
    if not scan.starts(s, 0, len(s)):
        assert list(sources._ORG_PHRASE.finditer(s)) == []
        assert sources.org_phrase(s) is None


def test_tokenize_lowers_every_character_as_python_does() -> None:
    """Every code point (but surrogates and the capital sigma, which the callers keep away), inside a
    word and alone: the C lower-cases only where ``str.lower`` changes a character."""
    fast = _speedups()
    for c in range(0x110000):
        if 0xD800 <= c <= 0xDFFF or c == 0x3A3:
            continue
        s = f"a{chr(c)}b {chr(c)}"
        assert fast.tokenize(s, 0, len(s)) == text.split_tokens(s, 0, len(s)), hex(c)
