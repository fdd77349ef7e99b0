"""Find the numbers in a text: digits, scale words, number words, ranges, percents, areas.

``quantities(text)`` scans once with linear patterns and returns every figure with
its character span. It decides nothing about meaning: that is ``claims``' work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from string import ascii_letters as _ASCII_LETTERS
from typing import Final

from attrition.extract import lexicon as lx
from attrition.extract import text as _text
from attrition.extract.text import (
    AFTER_ANY,
    BEFORE_NO_ASCII_LETTER,
    spaced,
    word_alternation,
    word_scanner,
)

_SCALE: Final = (
    r"(?:(?P<sw>[ \u00a0]?(?:thousand|million|billion|mln|bn|mn)\b)|(?P<sl>[kKmM](?![A-Za-z\d])))?"
)
_WORDS: Final = sorted(list(lx.UNITS) + list(lx.TENS) + list(lx.SCALES), key=len, reverse=True)
_W: Final = "(?:" + "|".join(_WORDS) + r")(?![a-z])"
_NUMBER_WORDS: Final = re.compile(
    r"\b(?P<w>(?:(?:half|(?:a|one|three)[ ]quarters?|(?:a|one|two)[ ]thirds?)[ ](?:of[ ])?an?[ ]|an?[ ])?"
    + _W
    + r"(?:(?:[ -]|[ ]and[ ])"
    + _W
    + r")*)",
    re.IGNORECASE,
)
_PERCENT: Final = re.compile(r"[ \u00a0]?(?:%|percent\b|per[ ]cent\b|pct\b)", re.IGNORECASE)
_AREA: Final = re.compile(
    r"[ \u00a0]?(?:(?P<km>square[ ]kilomet(?:er|re)s?\b|sq\.?[ ]?km\b\.?|km2\b|km²|kmsq\b)"
    r"|(?P<mi>square[ ]miles?\b|sq\.?[ ]?mi(?:les?)?\b\.?))",
    re.IGNORECASE,
)
_RANGE_GAP: Final = re.compile(r"[ \u00a0]*(?:-|–|—|to|-to-|through)[ \u00a0]*", re.IGNORECASE)
_AND_GAP: Final = re.compile(r"[ \u00a0]+and[ \u00a0]+", re.IGNORECASE)
_BETWEEN_BEFORE: Final = re.compile(
    r"between[ \u00a0]+(?:some[ \u00a0]+|about[ \u00a0]+|roughly[ \u00a0]+)?$", re.I
)
SQ_MILE_KM2: Final = 2.589988
# The characters _PERCENT and _AREA can begin with after their optional space, in any case (the
# Kelvin sign and the long s match "k" and "s" when case is ignored).
_UNIT_FIRST: Final = frozenset("%pPsSkK\u212a\u017f")


@dataclass(slots=True, unsafe_hash=True)
class Quantity:
    """A figure in the text: ``value`` for a point, ``low``/``high`` for a range.

    Treated as immutable (hashable by value), but not a frozen dataclass: building a frozen one
    costs five times as much, and there is one per figure.
    """

    start: int
    end: int  # end of the figure including its scale, percent or area words
    value: float | None
    low: float | None
    high: float | None
    kind: str  # "count", "percent" or "area"
    plain: bool  # digits only, no separators, scale or decimals: could be a year or an id
    words: bool  # written in words ("one million")
    unit: str = ""  # "km2", "mi2" (converted to km² in the value) or "%"


@dataclass(slots=True)
class _Atom:
    start: int
    end: int
    value: float
    raw: float  # before the scale word
    scale: int
    plain: bool
    words: bool
    kind: str = "count"
    unit: str = ""


_DECIMAL_COMMA: Final = re.compile(r"\d{1,3},\d{1,2}")


def _digits_value(d: str) -> tuple[float, bool]:
    if d.isdigit():
        return float(d), True
    if len(d) <= 6 and _DECIMAL_COMMA.fullmatch(d):
        return float(d.replace(",", ".")), False
    # the separators (, no-break, narrow and thin spaces, space) removed: str.replace is cheaper than re.sub
    return float(
        d.replace(",", "").replace("\u00a0", "").replace("\u202f", "").replace("\u2009", "").replace(" ", "")
    ), False


_WORD_GAP: Final = re.compile(r"[ -]+")


def parse_number_words(phrase: str) -> float | None:
    """``"twenty-five thousand"`` -> 25000.0; None when the words do not make a number."""
    words = [w for w in _WORD_GAP.split(phrase.lower()) if w != "of"]
    fraction = 1.0
    for lead, part in _FRACTIONS.items():
        if tuple(words[: len(lead)]) == lead and len(words) > len(lead) and words[len(lead)] in ("a", "an"):
            fraction, words = part, words[len(lead) + 1 :]  # "a quarter of a million"
            words = ["one", *words]
            break
    if words and words[0] in ("a", "an"):
        if len(words) < 2 or words[1] not in lx.SCALES:
            return None
        words = ["one", *words[1:]]
    total = 0
    current = 0
    seen = False
    for w in words:
        if w == "and":
            continue
        if w in lx.UNITS:
            current += lx.UNITS[w]
        elif w in lx.TENS:
            current += lx.TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in lx.SCALES:
            total += (current or 1) * lx.SCALES[w]
            current = 0
        else:
            return None
        seen = True
    if not seen:
        return None
    return float(total + current) * fraction


_FRACTIONS: Final = {
    ("half",): 0.5, ("a", "quarter"): 0.25, ("one", "quarter"): 0.25, ("three", "quarters"): 0.75,
    ("a", "third"): 1 / 3, ("one", "third"): 1 / 3, ("two", "thirds"): 2 / 3,
}  # fmt: skip


# Where a figure can start. Both patterns begin with a character set or literals, which the regex
# engine scans for at C speed; the full patterns are then tried only there.
_WORD_START: Final = re.compile("(?:" + word_alternation(_WORDS) + ")")  # applied to the lower-cased text
_WORD_START_ANY: Final = re.compile("(?:" + word_alternation(_WORDS) + ")", re.IGNORECASE)
_WORD_PREFIX: Final = re.compile(
    r"(?i:(?:half|(?:a|one|three)[ ]quarters?|(?:a|one|two)[ ]thirds?)[ ](?:of[ ])?an?[ ]|an?[ ])$"
)


# A figure in digits, led by its first digit, an ASCII one; not after a word character or a point
# (tested looking back from that digit, so that the regex engine scans for digits at C speed instead
# of trying a lookbehind at every character). A match begins only where a run of digits begins.
_DIGITS_SCAN: Final = re.compile(
    r"(?P<d>[0-9](?<![\w.][0-9])(?:"
    r"\d{0,2}(?:,\d{3})+(?:\.\d+)?"  # 106,720 / 1,000,000.5
    r"|\d{0,2}(?:[\u00a0\u202f\u2009 ]\d{3})+(?![\d]|[,.]\d)"  # 1 010 / 1 000 000
    r"|\d{0,2},\d{1,2}(?=[ \u00a0](?:million|billion|thousand|mln|bn)\b)"  # 1,5 million
    r"|\d*(?:\.\d+)?"  # 340 / 1.1
    r"))" + _SCALE,
    re.IGNORECASE,
)


# A person counted after "one": up to two words (a nationality, "more") and a singular noun of people.
_ONE_PERSON: Final = re.compile(
    r"[ ]+(?:[A-Za-z-]+[ ]+){0,2}?(?:" + "|".join(sorted(lx.SINGULAR_PEOPLE)) + r")\b(?![ ]+of\b)"
)


def _digit_matches(text: str, start: int, end: int) -> list[tuple[int, int, str, str | None, str | None]]:
    """Each figure in digits in ``text[start:end]``: the span of ``_DIGITS_SCAN``'s match and its groups
    ``d``, ``sw`` and ``sl`` (in C where it is built: ``_speedups.digit_figures``)."""
    fast = _text.digit_figures
    if fast is not None:
        return fast(text, start, end)
    return [
        (m.start(), m.end(), m.group("d"), m.group("sw"), m.group("sl"))
        for m in _DIGITS_SCAN.finditer(text, start, end)
    ]


# A number word after a character that is not a letter a-z: the scan tries the words only where a
# word can begin (after a space or a mark) instead of at every letter.
_WORD_AFTER: Final = re.compile("[^a-z](?:" + word_alternation(_WORDS) + ")")
_WORD_AFTER_SCAN: Final = word_scanner(_WORDS, BEFORE_NO_ASCII_LETTER, AFTER_ANY, True)  # the same, in C


def _word_spans(low: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where ``_WORD_START.finditer(low, start, end)`` matches, but for matches right after a letter a-z.

    Those are never number words of their own (``_word_matches`` drops them) and, the words being
    letters a-z only, none of them hides a match that is not after a letter.
    """
    first = _WORD_START.match(low, start, end)
    spans = [first.span()] if first is not None else []
    if _WORD_AFTER_SCAN is not None:
        spans += _WORD_AFTER_SCAN.find(low, start + 1, end)
    else:
        spans += [(r.start() + 1, r.end()) for r in _WORD_AFTER.finditer(low, start, end)]
    return spans


def _word_matches(text: str, start: int, end: int, low: str | None = None) -> list[re.Match[str]]:
    out = []
    last = start
    if low is None:
        low = text.lower()
    # a character whose lower case is longer would shift offsets: then scan the text case-insensitively
    if len(low) == len(text) and spaced(text, start, end):
        hay = low
        spans = _word_spans(low, start, end)
    elif len(low) == len(text):
        hay = low
        spans = [r.span() for r in _WORD_START.finditer(low, start, end)]
    else:
        hay = text
        spans = [r.span() for r in _WORD_START_ANY.finditer(text, start, end)]
    for p, e in spans:
        if p < last or (p > 0 and text[p - 1].isalpha()):
            continue
        if e < end and hay[e] in _ASCII_LETTERS:
            continue  # "tension", "oneself": the longest number word here runs on into a word
        # every prefix ends in "a " or "an ": the search is spared where the text before does not
        pre = (
            _WORD_PREFIX.search(text, max(start, p - 24), p)
            if p - 2 >= start and text[p - 1] == " " and text[p - 2] in "aAnN"
            else None
        )
        if pre is not None and (pre.start() == 0 or not text[pre.start() - 1].isalpha()):
            p = pre.start()
        m = _NUMBER_WORDS.match(text, p, end)
        if m is not None:
            out.append(m)
            last = m.end()
    return out


def _atoms(text: str, start: int, end: int, low: str | None = None) -> list[_Atom]:
    atoms: list[_Atom] = []
    for s, e, d, sw, sl in _digit_matches(text, start, end):
        raw, plain = _digits_value(d)
        if sw:
            scale = lx.SCALE_SUFFIXES[sw.strip().lower()]
            atoms.append(_Atom(s, e, raw * scale, raw, scale, False, False))
        elif sl:
            scale = lx.SCALE_SUFFIXES[sl.lower()]
            atoms.append(_Atom(s, e, raw * scale, raw, scale, False, False))
        else:
            atoms.append(_Atom(s, e, raw, raw, 1, plain, False))
    n_digits = len(atoms)
    for m in _word_matches(text, start, end, low):
        phrase = m.group("w")
        low = phrase.lower()
        if low.split("-")[0].split()[0] in lx.SCALES:
            continue  # "million" alone follows digits
        if low == "one" and _ONE_PERSON.match(text, m.end(), min(end, m.end() + 60)) is None:
            continue  # "one" is far more often a pronoun than a figure, unless a person follows
        v = parse_number_words(phrase)
        if v is None:
            continue
        last = low.split()[-1].split("-")[-1]
        scale = lx.SCALES.get(last, 1)
        atoms.append(_Atom(m.start(), m.end(), v, v / scale if scale > 1 else v, scale, False, True))
    if len(atoms) == n_digits:
        return atoms  # digit matches are in order and never overlap
    atoms.sort(key=lambda a: (a.start, -a.end))
    kept: list[_Atom] = []
    for a in atoms:
        if kept and a.start < kept[-1].end:
            continue
        kept.append(a)
    return kept


def quantities(
    text: str, start: int = 0, end: int | None = None, lowered: str | None = None
) -> list[Quantity]:
    """Every figure in ``text[start:end]``, ranges joined, in order of appearance (``lowered``:
    ``text.lower()``, where the caller has it)."""
    end = len(text) if end is None else end
    atoms = _atoms(text, start, end, lowered)
    for a in atoms:
        c = text[a.end : a.end + 1]
        if c == " " or c == "\u00a0":
            c = text[a.end + 1 : a.end + 2]
        if c not in _UNIT_FIRST:
            continue  # no percent sign nor area unit can follow
        m = _PERCENT.match(text, a.end, end)
        if m:
            a.kind, a.end, a.unit = "percent", m.end(), "%"
            continue
        m = _AREA.match(text, a.end, end)
        if m:
            a.kind, a.end, a.unit = "area", m.end(), "mi2" if m.group("mi") else "km2"
            if m.group("mi"):
                a.value *= SQ_MILE_KM2
                a.raw *= SQ_MILE_KM2
    out: list[Quantity] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        if b is not None and _is_range(text, a, b):
            low = a.raw * b.scale if (a.scale == 1 and b.scale > 1 and a.raw < b.raw) else a.value
            high = b.value
            kind = b.kind if a.kind == "count" else a.kind
            if kind == "area" and a.kind == "count" and b.kind == "area" and b.value != b.raw * b.scale:
                low *= SQ_MILE_KM2
            if low < high:
                out.append(
                    Quantity(
                        a.start, b.end, None, low, high, kind, a.plain and b.plain, a.words or b.words, b.unit
                    )
                )
                i += 2
                continue
        out.append(Quantity(a.start, a.end, a.value, None, None, a.kind, a.plain, a.words, a.unit))
        i += 1
    return out


def _is_range(text: str, a: _Atom, b: _Atom) -> bool:
    if a.kind != "count" and a.kind != b.kind:
        return False
    if a.plain and 1900 <= a.value <= 2100 and a.scale == 1 and not b.plain and b.scale == 1:
        return False  # "the toll since October 2023 to 52,418": a year, then the figure
    if _RANGE_GAP.fullmatch(text, a.end, b.start):
        return True
    if _AND_GAP.fullmatch(text, a.end, b.start):
        return _BETWEEN_BEFORE.search(text, max(0, a.start - 20), a.start) is not None
    return False
