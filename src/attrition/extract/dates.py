"""Time expressions: dates, months, years, ranges, "since", "as of", "last year", "past day".

``time_expressions`` finds them in a sentence with their spans; each is resolved
later against a reference date (the statement date, else the publication date)
and the start of the conflict, because "in May" or "since the war began" mean
nothing without them.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from attrition.extract import lexicon as lx
from attrition.extract import text as _text
from attrition.extract.text import AFTER_ANY, BEFORE_NO_LETTER, word_alternation, word_scanner

_MONTH: Final = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
)
_DAY: Final = r"(?:3[01]|[12]\d|0?[1-9])"
_YEAR: Final = r"(?:19[5-9]\d|20\d\d)"
_SMALL: Final = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_ATOM: Final = re.compile(  # applied with .match at the candidate positions _CANDIDATES finds
    # Each branch begins with a digit or with a letter: the ones that begin with a digit come first,
    # tried only at a digit, the others only elsewhere (in their order, so the same one matches first).
    r"(?:(?=[0-9])(?:"
    rf"(?<![\d.])(?P<d2>{_DAY})(?:st|nd|rd|th)?[ \u00a0]+(?:of[ ]+)?(?P<m2>{_MONTH})(?:,?[ \u00a0]*(?P<y2>{_YEAR})(?!\d))?"  # noqa: E501
    rf"|(?<![\d.])(?P<y3>{_YEAR})-(?P<mo3>[01]\d)-(?P<d3>[0-3]\d)(?!\d)"
    rf"|(?<![\d.,])(?P<d4>{_DAY})[./](?P<mo4>1[0-2]|0?[1-9])[./](?P<y4>{_YEAR}|\d\d)(?![\d.])"
    rf"|(?<![\d,.$€£])(?P<y7>{_YEAR})(?!\d|,\d|\.\d)"
    # "lost 1,570 soldiers in 24 hours": the past day
    r"|(?:(?<=\b[Ii]n[ ])|(?<=[Ww]ithin[ ])|(?<=[Oo]ver[ ]))(?P<h24>24[ ]hours)\b"
    r")|(?![0-9])(?:"
    r"(?=[JFMASOND])(?:"  # the branches led by a month's name, tried only at a month's first letter
    rf"(?P<m1>{_MONTH})[ \u00a0]+(?P<d1>{_DAY})(?:st|nd|rd|th)?(?!\d|:\d)"
    # a span of days in one month: "March 27-31, 2022", "March 27 and 31, 2022" (with its year)
    rf"(?:[ \u00a0]*[-–—][ \u00a0]*(?P<dr>{_DAY})(?!\d|:\d)"
    rf"|[ \u00a0]+(?:and|to|through|until)[ \u00a0]+(?P<dr2>{_DAY})(?=,?[ \u00a0]*{_YEAR}(?!\d)))?"
    rf"(?:,?[ \u00a0]*(?P<y1>{_YEAR})(?!\d))?"
    rf"|(?P<m5>{_MONTH}),?[ \u00a0]+(?P<y5>{_YEAR})(?!\d)"
    rf"|\b(?P<m6>{_MONTH})(?![\w])"
    r")"
    r"|\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?P<rel>(?i:yesterday|today|last[ ]year|this[ ]year|last[ ]month|this[ ]month|last[ ]week|this[ ]week"  # noqa: E501
    r"))\b"
    rf"|\b(?:the[ ]+)?(?P<fl>first|last)[ ]+(?P<fn>{_SMALL})[ ]+(?P<fu>days|weeks|months)[ ]+of[ ]+"
    rf"(?:(?P<fy>{_YEAR})|(?P<fm>{_MONTH})(?:[ ]+(?P<fmy>{_YEAR}))?|(?P<fw>the[ ]+(?:full-scale[ ]+)?(?:war|invasion|year)|this[ ]year|last[ ]year))"  # noqa: E501
    # (not "on its last day": the last day of something named before)
    r"|\b(?i:the[ ]+)?(?<!its[ ])(?<!their[ ])(?i:past|last|previous)[ ]+"
    r"(?:(?P<day>24[ ]hours|day|twenty-four[ ]hours)"
    rf"|(?P<pn>{_SMALL})[ ]+(?P<pu>days|weeks|months|years))\b"
    r"|\b(?i:past|previous)[ ]+(?P<pu1>week|month|year)\b"
    r"|\b(?P<dday>[Dd]uring[ ]+the[ ]+(?:past[ ]+)?day)\b"
    r"|\b(?P<dweek>[Dd]uring[ ]+the[ ]+(?:past[ ]+)?week)\b"  # a weekly report's "during the week"
    r"|\b(?:the[ ]+)?(?P<part>first|second|third|fourth|last)[ ]+(?P<pt>half|quarter)[ ]+of[ ]+"
    rf"(?:(?P<pty>{_YEAR})|(?P<ptr>this[ ]year|last[ ]year|the[ ]year))"
    rf"|\b(?P<q>Q[1-4]|H[12])[ ]+(?P<qy>{_YEAR})"
    r"|\b(?P<fyw>first[ ]+year[ ]+of[ ]+the[ ]+(?:full-scale[ ]+)?(?:war|invasion))"
    # "over the course of the war", "throughout the conflict": since the war began
    r"|\b(?P<ofwar>(?:[Oo]ver[ ]+the[ ]+course[ ]+of|[Tt]hroughout)[ ]+the[ ]+(?:full-scale[ ]+)?"
    r"(?:war|invasion|conflict))\b"
    r"|\b(?P<war>[Ss]ince[ ]+(?:(?:[\w'’-]+[ ]+){0,8}?(?:war|invasion|conflict|hostilities|aggression|uprising|special[ ]military[ ]operation)\b"  # noqa: E501
    r"(?:[ ]+(?:began|started|broke[ ]out|erupted))?"
    r"|(?:it|fighting|the[ ]fighting)[ ]+(?:began|started|erupted|broke[ ]out)))"
    r"|\b(?P<sy>[Ss]ince[ ]+(?:the[ ]+)?(?:start|beginning)[ ]+of[ ]+(?:the|this)[ ]+year)\b"
    r"))"
)
_SMALL_WORDS: Final = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_RANGE_GAP: Final = re.compile(
    r"[ \u00a0]*(?P<c>to|and|through|until|till|-|–|—)[ \u00a0]*"
    r"(?:(?P<vague>early|mid|late|mid-|the[ ]+middle[ ]+of)[ \u00a0-]*|(?P<endof>the[ ]+end[ ]+of)[ ]+)?$",
    re.IGNORECASE,
)
_SINCE_CLAUSE: Final = re.compile(r"\b[Ss]ince[ ]+(?:[\w'’-]+[ ]+){1,10}?(?:on|in)[ ]+$")
# The last characters _VAGUE_BEFORE can end on: its spaces and hyphen, or the last letter of a word.
_VAGUE_LAST: Final = frozenset(" \u00a0-yYdDeEfF")
# The last word _VAGUE_BEFORE can end on, lower case: a cheap test before the search.
_VAGUE_LAST_WORDS: Final = frozenset("early mid late of spring summer autumn fall winter".split())


def _last_word(text: str, lo: int, hi: int) -> str:
    """The last word of ``text[lo:hi]``, lower case, without hyphens or spaces around it."""
    words = text[lo:hi].replace("-", " ").replace("\u00a0", " ").split()
    return words[-1].lower() if words else ""


_VAGUE_BEFORE: Final = re.compile(
    r"(?:early|mid|late|mid-|middle[ ]of|beginning[ ]of|start[ ]of"
    r"|(?:spring|summer|autumn|fall|winter)(?:[ ]of)?)[ \u00a0-]*$",  # "in the autumn of 2022": vague
    re.I,
)
_PREFIXES: Final = (
    "since|from|between|as of|as at|by|until|through|so far in|thus far in|to date in"
    "|on|in|during|for|throughout|of|over"
).split("|")
_PREFIX: Final = re.compile(
    r"(?P<p>"
    + "|".join(w.replace(" ", "[ ]") for w in _PREFIXES)
    + r")(?:[ ]+the[ ]+(?P<edge>start|beginning|end|middle|morning|afternoon|evening|night|month)"
    r"[ ]+of)?[ ]+$",
    re.IGNORECASE,
)
# _PREFIX read backwards from the time expression: .match on the reversed text before it finds what
# .search finds (the leftmost start is the longest match, so the longer words come first) without
# trying every place of the window.
_PREFIX_REV: Final = re.compile(
    r"[ ]+(?:fo[ ]+(?P<edge>trats|gninnigeb|dne|elddim|gninrom|noonretfa|gnineve|thgin|htnom)"
    r"[ ]+eht[ ]+)?(?P<p>"
    + "|".join(w[::-1].replace(" ", "[ ]") for w in sorted(_PREFIXES, key=len, reverse=True))
    + ")",
    re.IGNORECASE,
)


def _prefix(text: str, lo: int, at: int) -> tuple[str, str, int] | None:
    """(word, edge, start) of the prefix that ends right before ``at`` ("since", "as of the end of")."""
    m = _PREFIX_REV.match(text[lo:at][::-1])
    if m is None:
        return None
    edge = m.group("edge")
    edge = edge[::-1].lower() if edge else ""
    if edge in _DAY_PARTS or edge == "month":
        edge = ""  # "since the morning of 23 September", "since the month of January": the day, the month
    return m.group("p")[::-1].lower(), edge, at - m.end()


_DAY_PARTS: Final = frozenset("morning afternoon evening night".split())


@dataclass(slots=True, unsafe_hash=True)
class _When:
    """An unresolved date: a year, a month or a day, any part possibly unknown."""

    y: int | None
    m: int | None = None
    d: int | None = None

    def bounds(self, ref: date | None) -> tuple[date | None, date | None]:
        y = self.y
        if y is None:
            if ref is None:
                return None, None
            y = ref.year
            if self.m is not None and (self.m, self.d or 1) > (ref.month, ref.day):
                y -= 1
        if self.m is None:
            return date(y, 1, 1), date(y, 12, 31)
        last = calendar.monthrange(y, self.m)[1]
        if self.d is None:
            return date(y, self.m, 1), date(y, self.m, last)
        d = min(self.d, last)
        return date(y, self.m, d), date(y, self.m, d)


@dataclass(slots=True, unsafe_hash=True)
class TimeExpr:
    """A time expression in a sentence; ``resolve`` turns it into a period.

    Treated as immutable (hashable by value), but not a frozen dataclass, which costs five
    times as much to build.
    """

    start_char: int
    end_char: int
    kind: str  # interval | since | asof | ytd | point | war | relative | weekday
    a: _When | None = None
    b: _When | None = None
    vague_start: bool = False
    vague_end: bool = False
    rel: str = ""
    n: int = 0
    natural: bool = False  # a whole year or month named plainly ("in 2024", "in May")
    explicit_year: int | None = None

    @property
    def is_date(self) -> bool:
        """A single day (for statement dates: "said on June 5", "on Thursday")."""
        return (
            self.kind == "point"
            or (
                self.kind == "weekday"
                and self.rel not in ("since", "by")
                and not self.rel.startswith("span:")
            )
            or (self.kind == "relative" and self.rel in _DAY_RELS)
        )

    def resolve(self, ref: date | None, war_start: date | None) -> tuple[date | None, date | None, bool]:
        """(start, end, open_end): open_end says the end is the reference date, not stated."""
        k = self.kind
        if k == "war":
            if self.a is not None and (
                war_start is None
                or (self.a.y is not None and self.a.y != war_start.year)
                or (self.a.d is not None and self.a.y is not None)
            ):  # a war the table does not know, or a day the text gives: its stated start
                return self.a.bounds(ref)[0], None, True
            return war_start, None, True
        if k == "weekday":
            if ref is None:
                return None, None, False
            d = ref - timedelta(days=(ref.weekday() - self.n) % 7)
            if self.rel.startswith("span:"):  # "on Sunday and Monday": the days up to the last
                last = ref - timedelta(days=(ref.weekday() - int(self.rel[5:])) % 7)
                return (d if d <= last else d - timedelta(days=7)), last, False
            if self.rel == "since":
                if d == ref:
                    d -= timedelta(days=7)  # "since Friday", said on a Friday: the Friday before
                return d, None, True
            if self.rel == "by":
                return None, d, False  # a running total as of that day
            return d, d, False
        if k == "relative":
            if self.rel.startswith("since:"):
                return _relative(self.rel[6:], self.n, ref, war_start)[0], None, True
            return (*_relative(self.rel, self.n, ref, war_start), False)
        a, b = self.a, self.b
        if self.rel in _YEAR_OF and ref is not None:  # "June 30 last year": that year's date
            y = ref.year + _YEAR_OF[self.rel]
            a = _When(y, a.m, a.d) if a is not None and a.y is None else a
            b = _When(y, b.m, b.d) if b is not None and b.y is None else b
        a0, a1 = a.bounds(ref) if a else (None, None)
        if k == "since":
            if (
                self.a
                and self.a.y is None
                and war_start
                and (self.a.m, self.a.d) == (war_start.month, war_start.day)
            ):
                return war_start, None, True  # "since February 24" names the day the war began
            if (
                self.a
                and self.a.d is None
                and war_start is not None
                and war_start in lx.WAR_STARTS_NAMED_BY_MONTH
                and self.a.y == war_start.year
            ):
                if self.a.m is None or self.a.m == war_start.month:
                    return war_start, None, True  # "since 2022", "since February 2022": since the war began
            return (None if self.vague_start else a0), None, True
        if k == "asof":
            return None, (None if self.vague_end else a1), False
        if k == "ytd":
            return a0, None, True
        if k == "point":
            return a0, a1, False
        b1 = b.bounds(ref)[1] if b else a1
        start = None if self.vague_start else a0
        end = None if self.vague_end else b1
        if self.natural and ref is not None and end is not None and start is not None and start <= ref < end:
            return start, None, True  # "in 2025" said in June 2025 runs to the statement
        if war_start is not None and start is not None and end is not None and start < war_start <= end:
            if (
                self.natural
                and self.b is None
                and self.a is not None
                and self.a.m is None
                and war_start in lx.WAR_STARTS_NAMED_BY_MONTH
            ):  # "in 2022" of the full-scale war starts on 24 February
                start = war_start  # "in 2022" of the full-scale war starts on 24 February
        return start, end, False


_DAY_RELS: Final = frozenset(["yesterday", "today", "the previous day", "the day before"])
# A year named relative to the statement after a date without one: its offset in years.
_YEAR_OF: Final = {"last year": -1, "this year": 0}


def _relative(rel: str, n: int, ref: date | None, war_start: date | None) -> tuple[date | None, date | None]:
    if rel.startswith("war:"):
        if war_start is None:
            return None, None
        unit = rel[4:]
        end = _shift(war_start, unit, n) - timedelta(days=1)
        return war_start, end
    if ref is None:
        return None, None
    y = ref.year
    if rel == "yesterday" or rel in ("the previous day", "the day before"):
        d = ref - timedelta(days=1)
        return d, d
    if rel == "today":
        return ref, ref
    if rel == "past-day":
        return ref - timedelta(days=1), ref  # the 24 hours up to the statement
    if rel == "last year":
        return date(y - 1, 1, 1), date(y - 1, 12, 31)
    if rel == "this year":
        return date(y, 1, 1), ref
    if rel in ("last month", "this month"):
        first = date(y, ref.month, 1)
        if rel == "this month":
            return first, ref
        prev_end = first - timedelta(days=1)
        return date(prev_end.year, prev_end.month, 1), prev_end
    if rel in ("last week", "this week"):
        monday = ref - timedelta(days=ref.weekday())
        if rel == "this week":
            return monday, ref
        return monday - timedelta(days=7), monday - timedelta(days=1)
    if rel.startswith("part:"):
        _, which, m0, span = rel.split(":")
        yy = y - 1 if which == "last year" else y
        start = date(yy, int(m0), 1)
        last_m = int(m0) + int(span) - 1
        return start, date(yy, last_m, calendar.monthrange(yy, last_m)[1])
    if rel.startswith("past1:"):  # "the past week": as "the past day", up to the statement's day
        return _shift(ref, rel[6:], -1), ref
    if rel.startswith("past:"):  # "the past two weeks"
        return _shift(ref, rel[5:], -n), ref
    return None, None


def _shift(d: date, unit: str, n: int) -> date:
    if unit.startswith("day"):
        return d + timedelta(days=n)
    if unit.startswith("week"):
        return d + timedelta(weeks=n)
    months = n * (12 if unit.startswith("year") else 1)
    total = d.year * 12 + (d.month - 1) + months
    yy, mm = divmod(total, 12)
    return date(yy, mm + 1, min(d.day, calendar.monthrange(yy, mm + 1)[1]))


def _month(s: str) -> int:
    return lx.MONTHS[s.rstrip(".").lower()]


def _small(s: str) -> int:
    return int(s) if s.isdigit() else _SMALL_WORDS[s.lower()]


def _year2(s: str) -> int:
    y = int(s)
    return y if y >= 100 else 2000 + y


def _atom(m: re.Match[str]) -> TimeExpr:
    g = m.group
    s, e = m.span()
    if m.group(_G_M1, _G_M2, _G_Y3, _G_Y4, _G_M5, _G_M6, _G_Y7) == _NO_DATE:
        return _atom_other(m)  # not a date, month or year: a weekday, a relative phrase, a span
    if g("m1"):
        y = int(g("y1")) if g("y1") else None
        mo, d = _month(g("m1")), int(g("d1"))
        last = g("dr") or g("dr2")
        if last and int(last) > d:
            return TimeExpr(s, e, "interval", _When(y, mo, d), _When(y, mo, int(last)), explicit_year=y)
        return TimeExpr(s, e, "point", _When(y, mo, d), explicit_year=y)
    if g("m2"):
        y = int(g("y2")) if g("y2") else None
        return TimeExpr(s, e, "point", _When(y, _month(g("m2")), int(g("d2"))), explicit_year=y)
    if g("y3"):
        return TimeExpr(s, e, "point", _When(int(g("y3")), int(g("mo3")), int(g("d3"))))
    if g("y4"):
        return TimeExpr(s, e, "point", _When(_year2(g("y4")), int(g("mo4")), int(g("d4"))))
    if g("m5"):
        y = int(g("y5"))
        return TimeExpr(s, e, "interval", _When(y, _month(g("m5"))), natural=True, explicit_year=y)
    if g("m6"):
        return TimeExpr(s, e, "interval", _When(None, _month(g("m6"))), natural=True)
    y = int(g("y7"))
    return TimeExpr(s, e, "interval", _When(y), natural=True, explicit_year=y)


_G_M1, _G_M2, _G_Y3, _G_Y4, _G_M5, _G_M6, _G_Y7 = (
    _ATOM.groupindex[k] for k in "m1 m2 y3 y4 m5 m6 y7".split()
)
_NO_DATE: Final = (None,) * 7


def _atom_other(m: re.Match[str]) -> TimeExpr:
    g = m.group
    s, e = m.span()
    if g("wd"):
        return TimeExpr(s, e, "weekday", n=lx.WEEKDAYS[g("wd").lower()])
    if g("rel"):
        return TimeExpr(s, e, "relative", rel=" ".join(g("rel").lower().split()))
    if g("day") or g("h24"):
        return TimeExpr(s, e, "relative", rel="past-day")
    if g("pu"):
        return TimeExpr(s, e, "relative", rel="past:" + g("pu").lower(), n=_small(g("pn")))
    if g("dday"):  # "During the day, the Defence Forces eliminated ...": the day before the report
        return TimeExpr(s, e, "relative", rel="past-day")
    if g("dweek"):
        return TimeExpr(s, e, "relative", rel="past1:week", n=1)
    if g("pu1"):  # "the past week": the seven days up to the statement, its day included
        return TimeExpr(s, e, "relative", rel="past1:" + g("pu1").lower(), n=1)
    if g("pt"):
        return _part_of_year(m)
    if g("fu"):
        return _first_last(m)
    if g("q"):
        y = int(g("qy"))
        q = g("q").upper()
        n = int(q[1])
        span = 3 if q[0] == "Q" else 6
        m0 = (n - 1) * span + 1
        return TimeExpr(s, e, "interval", _When(y, m0), _When(y, m0 + span - 1), explicit_year=y)
    if g("fyw"):
        return TimeExpr(s, e, "relative", rel="war:years", n=1)
    if g("war") or g("ofwar"):
        return TimeExpr(s, e, "war")
    return TimeExpr(s, e, "ytd", _When(None, 1, 1), rel="this year")  # since the start of the year


def _part_of_year(m: re.Match[str]) -> TimeExpr:
    g = m.group
    part = g("part").lower()
    span = 6 if g("pt").lower() == "half" else 3
    count = 12 // span
    idx = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": count}[part]
    idx = min(idx, count)
    m0 = (idx - 1) * span + 1
    if g("pty"):
        y = int(g("pty"))
        return TimeExpr(
            m.start(), m.end(), "interval", _When(y, m0), _When(y, m0 + span - 1), explicit_year=y
        )
    rel = g("ptr").lower().replace("the year", "this year")  # "the first half of the year": this one
    return TimeExpr(m.start(), m.end(), "relative", rel=f"part:{rel}:{m0}:{span}")


def _first_last(m: re.Match[str]) -> TimeExpr:
    g = m.group
    n = _small(g("fn"))
    unit = g("fu").lower()
    if g("fy") and unit == "months":
        y = int(g("fy"))
        if g("fl").lower() == "first":
            a, b = _When(y, 1), _When(y, min(n, 12))
        else:
            a, b = _When(y, max(1, 13 - n)), _When(y, 12)
        return TimeExpr(m.start(), m.end(), "interval", a, b, explicit_year=y)
    if g("fm") and unit == "days":
        my = int(g("fmy")) if g("fmy") else None
        mo = _month(g("fm"))
        if g("fl").lower() == "first":  # "the first ten days of July"
            return TimeExpr(
                m.start(), m.end(), "interval", _When(my, mo, 1), _When(my, mo, n), explicit_year=my
            )
    fw = " ".join((g("fw") or "").lower().split())
    if unit == "months" and fw in ("the year", "this year", "last year") and n <= 12:
        # "the first six months of the year", "the last three months of last year"
        which = "last year" if fw == "last year" else "this year"
        m0 = 1 if g("fl").lower() == "first" else 13 - n
        return TimeExpr(m.start(), m.end(), "relative", rel=f"part:{which}:{m0}:{n}")
    if g("fl").lower() == "first" and ("war" in fw or "invasion" in fw):
        return TimeExpr(m.start(), m.end(), "relative", rel="war:" + unit, n=n)
    return TimeExpr(m.start(), m.end(), "relative", rel="")


# Where a time expression can start: digits, month and weekday names, a few keywords. Each pattern
# begins with a literal or a character set, which the regex engine scans for at C speed; the full
# pattern is then only tried at those places.
_MONTH_STARTS: Final = (
    "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC"
)
_KEYWORDS: Final = [
    *"since last past previous first second third fourth this yesterday today during throughout".split(),
    "over the course",  # not "over" alone: it leads a figure far more often ("over 1,000")
]
# A run of digits that can begin a date: a year 19xx/20xx, or one or two digits followed by a
# separator and a digit, a space or an ordinal suffix; not after a letter a-z or inside a number
# ("1,000", "2.5"). The pattern starts with a digit, so the regex engine scans for digits at C speed;
# the tests of what comes before look back from the first digit.
_DIGIT_CANDIDATE: Final = re.compile(
    r"[0-9](?<![0-9A-Za-z][0-9])(?<![0-9][,.][0-9])"
    r"(?:(?<=1)9[0-9]{2}(?![0-9])|(?<=2)0[0-9]{2}(?![0-9])"
    r"|[0-9]?(?![0-9])(?=[./-][0-9]|[ \u00a0]|st|nd|rd|th))"
)
# A month or weekday name or a keyword.
_CANDIDATE_WORDS: Final = (
    [*_MONTH_STARTS.split(), "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    + _KEYWORDS
    + [k.capitalize() for k in _KEYWORDS]
    + ["Q1", "Q2", "Q3", "Q4", "H1", "H2"]
)
_WORD_CANDIDATE: Final = re.compile("(?:" + word_alternation(_CANDIDATE_WORDS) + ")")
# The candidates of _candidates, in C where it is built: the words not after a letter of any script.
_WORD_CANDIDATE_SCAN: Final = word_scanner(_CANDIDATE_WORDS, BEFORE_NO_LETTER, AFTER_ANY, False)
# The same after a character that is no ASCII letter: the regex engine then scans for that character
# at C speed instead of trying every branch at every place (a candidate after a letter is dropped).
# Only that character is consumed (the name is looked at ahead): "Q1May" has two candidates.
_WORD_CANDIDATE_AFTER: Final = re.compile("[^A-Za-z](?=(" + _WORD_CANDIDATE.pattern + "))")
_THE_BEFORE: Final = re.compile(r"(?i:the)[ ]+$")
_WEEKDAY_GAP: Final = re.compile(r"[ ]*(?:and|to|through|until|-|–)[ ]*")
_NAMED_DAYS: Final = frozenset(
    "Palm Easter Bloody Black Good Holy Ash Maundy Orthodox Super Pentecost Whit Trinity Fat".split()
)


def _candidates(text: str, start: int, end: int) -> list[int]:
    """Where a time expression can start, in order (not after a letter, Unicode ones included)."""
    digits = _text.date_digits
    if digits is not None and _WORD_CANDIDATE_SCAN is not None:
        out = digits(text, start, end) + _WORD_CANDIDATE_SCAN.starts(text, start, end)
        out.sort()
        return out
    out = [m.start() for m in _DIGIT_CANDIDATE.finditer(text, start, end)]
    if start == 0:
        first = _WORD_CANDIDATE.match(text, 0, end)
        if first is not None:
            out.append(0)
    out += [m.start(1) for m in _WORD_CANDIDATE_AFTER.finditer(text, max(0, start - 1), end)]
    out.sort()
    return [p for p in out if p == 0 or not text[p - 1].isalpha()]


def _atoms(text: str, start: int, end: int) -> list[TimeExpr]:
    atoms: list[TimeExpr] = []
    last = start
    for p in _candidates(text, start, end):
        if p < last:
            continue
        m = _ATOM.match(text, p, end)
        if m is None:
            continue
        t = _atom(m)
        if t.kind == "weekday" and text[max(start, p - 12) : p].rstrip().rsplit(" ", 1)[-1] in _NAMED_DAYS:
            last = m.end()
            continue  # "on Palm Sunday", "Bloody Sunday": a named day, not the last Sunday
        if t.kind in ("relative", "interval") and not text[p].isdigit() and text[p - 1 : p] == " ":
            the = _THE_BEFORE.search(text, max(start, p - 8), p)
            if the is not None:  # "the past day", "the first half of 2025": the span takes "the"
                t = _replace_start(t, the.start())
        atoms.append(t)
        last = m.end()
    return atoms


def _replace_start(t: TimeExpr, s: int) -> TimeExpr:
    return TimeExpr(
        s, t.end_char, t.kind, t.a, t.b, t.vague_start, t.vague_end, t.rel, t.n, t.natural, t.explicit_year
    )


def time_expressions(text: str, start: int, end: int) -> list[TimeExpr]:
    """Time expressions in ``text[start:end]``: prefixes ("since", "as of") and ranges applied."""
    atoms = _year_of_dates(text, _atoms(text, start, end))
    out: list[TimeExpr] = []
    i = 0
    while i < len(atoms):
        t = atoms[i]
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        sc = t.start_char
        before = text[sc - 1 : sc] if sc > start else ""  # what each pattern below must end with
        pre = _prefix(text, max(start, sc - 40), sc) if before == " " else None
        vague = (
            _VAGUE_BEFORE.search(text, max(start, sc - 16), sc)
            if before in _VAGUE_LAST and _last_word(text, max(start, sc - 16), sc) in _VAGUE_LAST_WORDS
            else None
        )
        vague_before = vague is not None
        if vague is not None and pre is None and text[vague.start() - 1 : vague.start()] == " ":
            pre = _prefix(text, max(start, vague.start() - 40), vague.start())  # "since late August"
        p, edge, pre_start = pre if pre else ("", "", -1)
        if nxt is not None and t.a is not None and nxt.a is not None and t.kind in ("point", "interval"):
            gap = _RANGE_GAP.match(text, t.end_char, nxt.start_char)
            if (
                gap
                and (gap.group("c").lower() != "and" or p == "between" or _two_years(t, nxt, p))
                and nxt.kind in ("point", "interval")
            ):
                a = t.a
                if a.y is None and nxt.a.y is not None:
                    a = _When(nxt.a.y, a.m, a.d)
                    if nxt.a.m is not None and a.m is not None and a.m > nxt.a.m:
                        a = _When(nxt.a.y - 1, a.m, a.d)
                s_char = pre_start if pre and p in ("from", "between") else t.start_char
                out.append(
                    TimeExpr(
                        s_char, nxt.end_char, "interval", a, nxt.a,
                        vague_start=vague_before and not edge, vague_end=bool(gap.group("vague")),
                        rel=nxt.rel if nxt.rel in _YEAR_OF else "", explicit_year=nxt.explicit_year,
                    )
                )  # fmt: skip
                i += 2
                continue
        if (
            t.kind == "weekday"
            and not t.rel
            and nxt is not None
            and nxt.kind == "weekday"
            and not nxt.rel
            and _WEEKDAY_GAP.fullmatch(text, t.end_char, nxt.start_char) is not None
        ):
            out.append(TimeExpr(t.start_char, nxt.end_char, "weekday", rel=f"span:{nxt.n}", n=t.n))
            i += 2  # "on Sunday and Monday", "from Friday to Sunday"
            continue
        if t.kind == "war" and nxt is not None and nxt.start_char - t.end_char <= 4 and nxt.a is not None:
            # "... invasion in February 2022", "since the hostilities began on 8 October 2023"
            t = TimeExpr(t.start_char, nxt.end_char, "war", a=nxt.a, explicit_year=nxt.a.y)
            i += 1
        elif t.a is not None and t.kind in ("point", "interval"):
            if t.natural and "the " in (
                text[max(start, t.start_char - 4) : t.start_char].lower(),
                text[t.start_char : t.start_char + 4].lower(),
            ):
                i += 1  # "the February 2022 invasion": a name, not a period
                continue
            clause = (
                _SINCE_CLAUSE.search(text, max(start, t.start_char - 90), t.start_char)
                if p in ("", "in", "on") and before == " " and "ince" in text[max(start, sc - 90) : sc]
                else None
            )
            if (
                clause is not None
            ):  # "since the ceasefire collapsed on March 18", "since they entered combat in December"
                t = _with_prefix(t, "since", "", vague_before, clause.start())
            else:
                t = _with_prefix(t, p, edge, vague_before, pre_start if pre else t.start_char)
        elif t.kind == "relative" and pre and p in ("since",):
            # "since yesterday", "since the morning of yesterday": from then to the statement
            rel = t.rel if t.rel.startswith(("war:", "since:")) else "since:" + t.rel
            t = TimeExpr(pre_start, t.end_char, t.kind, rel=rel, n=t.n)
        elif t.kind == "weekday" and before == " ":
            # "since Tuesday", "since Israel resumed its strikes on Tuesday": from that day on
            clause = (
                _SINCE_CLAUSE.search(text, max(start, sc - 60), sc)
                if p in ("on", "") and "ince" in text[max(start, sc - 60) : sc]
                else None
            )
            if pre and p == "since":
                t = TimeExpr(pre_start, t.end_char, "weekday", rel="since", n=t.n)
            elif pre and p in ("by", "as of", "as at", "until", "through"):
                t = TimeExpr(
                    pre_start, t.end_char, "weekday", rel="by", n=t.n
                )  # "had killed 1,000 by Sunday"
            elif clause is not None:
                t = TimeExpr(clause.start(), t.end_char, "weekday", rel="since", n=t.n)
        out.append(t)
        i += 1
    return out


def _two_years(t: TimeExpr, nxt: TimeExpr, p: str) -> bool:
    """ "in 2024 and 2025": two years in a row, one span."""
    a, b = t.a, nxt.a
    return (
        p in ("in", "during", "over", "throughout")
        and a is not None
        and b is not None
        and a.m is None
        and b.m is None
        and a.y is not None
        and b.y == a.y + 1
    )


def _year_of_dates(text: str, atoms: list[TimeExpr]) -> list[TimeExpr]:
    """A date without a year followed by "last year" or "this year" ("June 30 last year", "from
    January to March last year") takes that year: one expression, not a date and a year apart."""
    if not any(t.kind == "relative" and t.rel in _YEAR_OF for t in atoms):
        return atoms
    out: list[TimeExpr] = []
    for t in atoms:
        prev = out[-1] if out else None
        if (
            t.kind == "relative"
            and t.rel in _YEAR_OF
            and prev is not None
            and prev.a is not None
            and prev.a.y is None
            and prev.kind in ("point", "interval")
            and text[prev.end_char : t.start_char] in (" ", ", ")
        ):
            out[-1] = TimeExpr(
                prev.start_char, t.end_char, prev.kind, prev.a, prev.b, rel=t.rel, natural=prev.natural
            )
        else:
            out.append(t)
    return out


def _with_prefix(t: TimeExpr, p: str, edge: str, vague: bool, pstart: int) -> TimeExpr:
    a = t.a
    if p == "since" or (p == "from" and edge in ("", "start", "beginning") and t.b is None):
        if edge == "end":
            return TimeExpr(
                pstart, t.end_char, "since", _When(a.y, a.m, a.d) if a else None, vague_start=True, rel=t.rel
            )
        return TimeExpr(
            pstart,
            t.end_char,
            "since",
            a,
            vague_start=vague and not edge,
            explicit_year=t.explicit_year,
            rel=t.rel,
        )
    if p in ("as of", "as at", "by", "until", "through") or edge == "end":
        return TimeExpr(
            pstart, t.end_char, "asof", a, vague_end=vague, explicit_year=t.explicit_year, rel=t.rel
        )
    if p in ("so far in", "thus far in", "to date in"):
        return TimeExpr(pstart, t.end_char, "ytd", a, explicit_year=t.explicit_year, rel=t.rel)
    if vague and t.kind == "interval":
        return TimeExpr(t.start_char, t.end_char, "interval", a, vague_start=True, vague_end=True, rel=t.rel)
    return t
