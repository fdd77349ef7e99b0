"""Paragraphs, sentences and tokens, with character offsets into the original text.

Every pattern here is linear: character classes and bounded repeats only, so
that no input (a 5 MB line, a megabyte of digits) makes them backtrack.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate
from typing import TYPE_CHECKING, Final, NamedTuple, overload

if TYPE_CHECKING:
    from attrition.extract._speedups import Words

# A sentence longer than this is cut at the nearest space: no real sentence is, and the
# per-sentence work stays bounded on hostile text.
MAX_SENTENCE: Final = 1200

ABBREVIATIONS: Final = frozenset(
    "mr mrs ms dr gen lt col maj capt sgt sen rep gov pres st jr sr no vol jan feb mar apr jun "
    "jul aug sep sept oct nov dec sq approx est vs e.g i.e inc co corp ltd adm brig cmdr cpl "
    "pvt u.s u.k u.n fig art ed eds mt ft km op cit al etc".split()
)
_BULLET: Final = re.compile(r"[ \t]*(?:[-*•●▪–—✓✔►]|\d{1,2}[.)])[ \t]+")
_TERMINAL: Final = frozenset('.!?:;"”’)]')
_SENT_END: Final = re.compile(
    r"[.!?]+[\"”’')\]]*(?:\[\d{1,3}\])*[ \t\u00a0\u2009\u202f]+(?=[\"“‘'(\[]?[A-Z0-9])"
)
_TOKEN: Final = re.compile(
    # The branches are ordered by how often they start a token, each decided by its first character
    # (the regex engine tries them in turn); possessive repeats keep no states to backtrack into.
    r"[a-z][A-Za-z\u00C0-\u024F]*+(?:['’][A-Za-z]++)?"  # words, with an apostrophe part
    r"|[^\sA-Za-z\u00C0-\u024F\d]"  # any other single character
    # U.S., U.K., U.N.; words; names with digits ("M23", "F16")
    r"|[A-Z](?:\.(?:[A-Z]\.)++|[A-Za-z\u00C0-\u024F]*+(?:['’][A-Za-z]++)?)(?:\d++(?![.,]\d))?"
    r"|\d++(?:[.,]\d++)*+"  # numbers, separators kept inside
    r"|[A-Za-z\u00C0-\u024F]++(?:['’][A-Za-z]++)?"  # words led by other Latin letters
)


class Sentence(NamedTuple):
    """A sentence's character range, its paragraph number and whether that paragraph is a heading.

    A named tuple: immutable and hashable like a frozen dataclass, and several times cheaper to build.
    """

    start: int
    end: int
    para: int
    heading: bool


class Token(NamedTuple):
    """A word, number or punctuation mark; ``low`` is lower-case with curly apostrophes made straight."""

    start: int
    end: int
    text: str
    low: str


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of paragraphs: blank lines, bullets and finished lines break them."""
    out: list[tuple[int, int]] = []
    pos = 0
    cur_start = -1
    cur_end = -1
    prev_line = ""
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        line = text[pos:nl]
        stripped = line.strip()
        if not stripped:
            if cur_start >= 0:
                out.append((cur_start, cur_end))
                cur_start = -1
        else:
            lead = len(line) - len(line.lstrip())
            starts_new = (
                cur_start < 0
                or _BULLET.match(line) is not None
                or (prev_line and prev_line[-1] in _TERMINAL)
                or not stripped[0].islower()
            )
            if starts_new:
                if cur_start >= 0:
                    out.append((cur_start, cur_end))
                cur_start = pos + lead
            cur_end = pos + len(line.rstrip())
            prev_line = stripped
        pos = nl + 1
    if cur_start >= 0:
        out.append((cur_start, cur_end))
    return out


def sentences(text: str) -> list[Sentence]:
    """Sentences of the text in order, each tagged with its paragraph number."""
    out: list[Sentence] = []
    for pi, (ps, pe) in enumerate(paragraphs(text)):
        para = text[ps:pe]
        heading = len(para) < 120 and para.rstrip()[-1:] not in '.!?:;"”' and "\n" not in para
        begin = 0
        for stop, after in _sentence_ends(text, ps, pe):
            if _is_abbreviation(para, stop - ps):
                continue
            _emit(out, ps, para, begin, after - ps, pi, heading)
            begin = after - ps
        _emit(out, ps, para, begin, len(para), pi, heading)
    return out


def sentence_ends(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where a sentence may end in ``text[start:end]``: the stop marks and what follows them up to the
    next sentence's first letter. The definition: ``_speedups.sentence_ends`` gives the same in C."""
    return [m.span() for m in _SENT_END.finditer(text, start, end)]


def _is_abbreviation(para: str, dot: int) -> bool:
    if para[dot] != ".":
        return False
    j = dot
    while j > 0 and (para[j - 1].isalpha() or para[j - 1] == "."):
        j -= 1
        if dot - j > 6:
            return False
    word = para[j:dot].lower()
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "Mark A. Rutte"
    return word in ABBREVIATIONS


def _emit(out: list[Sentence], base: int, para: str, a: int, b: int, pi: int, heading: bool) -> None:
    while a < b and para[a].isspace():
        a += 1
    while b > a and para[b - 1].isspace():
        b -= 1
    while b - a > MAX_SENTENCE:
        cut = para.rfind(" ", a + MAX_SENTENCE // 2, a + MAX_SENTENCE)
        if cut <= a:
            cut = a + MAX_SENTENCE
        out.append(Sentence(base + a, base + cut, pi, heading))
        a = cut
        while a < b and para[a].isspace():
            a += 1
    if b > a:
        out.append(Sentence(base + a, base + b, pi, heading))


def word_alternation(words: list[str] | set[str] | frozenset[str]) -> str:
    """A regex alternation of literal words shaped as a trie ("t(?:en|wo|hree)").

    The regex engine scans for the first letters at C speed and never tries more
    than one branch per letter, which makes a long word list cheap to search.
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        optional = "" in node
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if optional else body

    return emit(trie)


def spaced(text: str, start: int = 0, end: int | None = None) -> bool:
    """At least one character in ten of ``text[start:end]`` is a space, as in prose.

    Patterns led by "a character that cannot be inside a word" let the regex engine skip to word
    starts in prose, but are tried at every character of text without words (a megabyte of
    punctuation): callers use them only where this holds.
    """
    end = len(text) if end is None else end
    return text.count(" ", start, end) * 10 >= end - start


_NON_ASCII: Final = re.compile(r"[^\x00-\x7f]")
_PLAIN_CHARS: dict[str, bool] = {}


def only_ascii_letters(text: str) -> bool:
    """No letter, digit or character with a case in ``text`` beyond ASCII (curly quotes and dashes
    may be there): lower-casing it keeps every offset, ignoring case is comparing its lower case,
    and a word character is one of ``[A-Za-z0-9_]``."""
    if text.isascii():
        return True
    for c in set(_NON_ASCII.findall(text)):
        plain = _PLAIN_CHARS.get(c)
        if plain is None:
            plain = _PLAIN_CHARS[c] = not c.isalnum() and c.lower() == c == c.upper()
        if not plain:
            return False
    return True


class TokenList(Sequence[Token]):
    """Tokens of one sentence as parallel lists: offsets, text and lower case of each.

    No per-token object is built: the analysis reads ``lows`` (and ``starts``, ``ends``,
    ``texts``) by index and slice. Indexing still gives a :class:`Token`.
    """

    __slots__ = ("ends", "lows", "starts", "texts")

    def __init__(self, starts: list[int], ends: list[int], texts: list[str], lows: list[str]) -> None:
        self.starts = starts
        self.ends = ends
        self.texts = texts
        self.lows = lows

    def __len__(self) -> int:
        return len(self.lows)

    @overload
    def __getitem__(self, i: int) -> Token: ...

    @overload
    def __getitem__(self, i: slice) -> list[Token]: ...

    def __getitem__(self, i: int | slice) -> Token | list[Token]:
        if isinstance(i, slice):
            return list(map(Token, self.starts[i], self.ends[i], self.texts[i], self.lows[i]))
        return Token(self.starts[i], self.ends[i], self.texts[i], self.lows[i])

    def __iter__(self) -> Iterator[Token]:
        return map(Token, self.starts, self.ends, self.texts, self.lows)


# A token between the text before it (whitespace or nothing): every character that is not
# whitespace starts a token, so split() gives separators and tokens in turn, and the running sum
# of their lengths every offset.
_TOKEN_SPLIT: Final = re.compile("(" + _TOKEN.pattern + ")")


def split_tokens(text: str, start: int, stop: int) -> tuple[list[int], list[int], list[str], list[str]]:
    """Starts, ends, text and lower case of the tokens of ``text[start:stop]``, lowered token by token
    (wrong only for a capital sigma, whose lower case depends on the letters around it).

    The definition: ``_speedups.tokenize``, in C, gives exactly the same where it is built."""
    pieces = _TOKEN_SPLIT.split(text[start:stop])
    texts = pieces[1::2]
    pos = list(accumulate(map(len, pieces), initial=start))
    # lower case letter by letter: a tab is in no token and lowers to itself
    lows = "\t".join(texts).lower().replace("’", "'").split("\t") if texts else []
    return pos[1:-1:2], pos[2::2], texts, lows


_tokenize: Callable[[str, int, int], tuple[list[int], list[int], list[str], list[str]]] = split_tokens
_sentence_ends: Callable[[str, int, int], list[tuple[int, int]]] = sentence_ends
_words: type[Words] | None = None
date_digits: Callable[[str, int, int], list[int]] | None = None
digit_figures: Callable[[str, int, int], list[tuple[int, int, str, str | None, str | None]]] | None = None
try:  # the C functions, from the compiled build's folder only (native.py)
    from attrition.extract._speedups import Words as _CWords
    from attrition.extract._speedups import date_digits as _date_digits
    from attrition.extract._speedups import digit_figures as _digit_figures
    from attrition.extract._speedups import sentence_ends as _sentence_ends
    from attrition.extract._speedups import tokenize as _tokenize

    _words, date_digits, digit_figures = _CWords, _date_digits, _digit_figures
except ImportError:
    pass

# What a word found by :func:`word_scanner` must have before it: anything; no ASCII letter (as a
# pattern led by "[^A-Za-z]" or run on lower-cased text with "[^a-z]"); a word boundary ("\b"); no
# letter of any script; no word character nor hyphen ("(?<![\w-])"). And after it: anything, a word
# boundary, or no word character nor hyphen ("(?![\w-])").
BEFORE_ANY: Final = 0
BEFORE_NO_ASCII_LETTER: Final = 1
BEFORE_BOUNDARY: Final = 2
BEFORE_NO_LETTER: Final = 3
BEFORE_NO_WORD_OR_HYPHEN: Final = 4
AFTER_ANY: Final = 0
AFTER_BOUNDARY: Final = 1
AFTER_NO_WORD_OR_HYPHEN: Final = 2


def word_scanner(words: Iterable[str], before: int, after: int, consume: bool) -> Words | None:
    """A C scan for ``words`` where the build has one, else None (the caller's pattern does the work).

    ``scanner.find(text, lo, end)`` gives the ``(start, end)`` of each place in ``text[lo:end]``
    where a word begins, with the test ``before`` passed by the character before it (looked at even
    before ``lo``), the longest word there that passes the test ``after`` (within ``end``); with
    ``consume`` the next is looked for after its end, else at the next character. That is what
    ``finditer`` of a :func:`word_alternation` gives between the same tests; ``starts`` gives the
    starts alone."""
    return None if _words is None else _words(list(words), before, after, consume)


def tokens(text: str, start: int, end: int) -> TokenList:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    part = text[start:end]
    if "Σ" not in part:
        return TokenList(*_tokenize(text, start, end))
    starts, ends, texts, _ = split_tokens(text, start, end)
    low = part.lower().replace("’", "'")  # lower case depends on the letters around: lower the sentence
    if len(low) == len(part):
        lows = [low[a - start : b - start] for a, b in zip(starts, ends, strict=True)]
    else:
        lows = [t.lower().replace("’", "'") for t in texts]
    return TokenList(starts, ends, texts, lows)


class DocTokens:
    """Tokens of a text, split a window at a time; ``sentence`` slices out those of one sentence.

    A window starts at the first sentence asked for outside the last one and runs about
    ``_WINDOW`` characters on, to a whitespace: no token holds whitespace, so none runs past its
    end (and an ordinary article is one window, split once). Every character that is not
    whitespace starts a token, so where no token runs across a sentence's edges (sentences begin
    and end next to whitespace, except a sentence cut inside a long run of letters) the window's
    tokens inside the sentence are the tokens of the sentence alone. Where one does run across,
    where no whitespace ends a window soon, or where the text has a capital sigma (whose lower
    case depends on the letters around it), the sentence is tokenized alone. Text no sentence
    asked for is never tokenized (a hostile megabyte of parentheses around one figure).
    """

    __slots__ = ("ends", "hi", "lo", "lows", "sigma", "starts", "text", "texts")

    def __init__(self, text: str) -> None:
        self.text = text
        self.sigma = "Σ" in text
        self.lo = self.hi = 0
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.texts: list[str] = []
        self.lows: list[str] = []

    def _window(self, start: int, end: int) -> bool:
        """Tokenize from ``start`` to a whitespace at or after ``end`` (False: none near)."""
        text = self.text
        stop = max(end, start + _WINDOW)
        if stop < len(text):
            m = _SPACE.search(text, stop, stop + 1000)
            if m is None:
                return False
            stop = m.start()
        else:
            stop = len(text)
        self.lo, self.hi = start, stop
        self.starts, self.ends, self.texts, self.lows = _tokenize(text, start, stop)
        return True

    def sentence(self, start: int, end: int) -> TokenList:
        """The tokens of ``text[start:end]``, as ``tokens(text, start, end)`` gives them."""
        if self.sigma or (not (self.lo <= start and end <= self.hi) and not self._window(start, end)):
            return tokens(self.text, start, end)
        starts = self.starts
        i = bisect_left(starts, start)
        j = bisect_left(starts, end, i)
        ends = self.ends
        if not starts or (i > 0 and ends[i - 1] > start) or (j > i and ends[j - 1] > end):
            return tokens(self.text, start, end)
        return TokenList(starts[i:j], ends[i:j], self.texts[i:j], self.lows[i:j])


_WINDOW: Final = 1 << 16
_SPACE: Final = re.compile(r"\s")
