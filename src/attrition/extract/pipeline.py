"""Document -> claims: sentences, figures, attribution carried through paragraphs, merging."""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final, cast

from attrition.extract import lexicon as lx
from attrition.extract.claims import (
    Reading,
    cumulative_start,
    period_for,
    read_sentence,
    read_table_row,
    table_cells,
)
from attrition.extract.dates import TimeExpr, time_expressions
from attrition.extract.numbers import quantities
from attrition.extract.sources import (
    Attribution,
    DocSources,
    canonical,
    find_attributions,
    first_known_source,
    learn,
    named_before,
    org_phrase,
    own_office,
    party_of,
    source_info,
)
from attrition.extract.text import (
    AFTER_BOUNDARY,
    BEFORE_BOUNDARY,
    DocTokens,
    Sentence,
    TokenList,
    only_ascii_letters,
    sentences,
    spaced,
    word_alternation,
    word_scanner,
)
from attrition.model import Bound, Claim, Document, Figure, Period, Span

EXTRACTOR: Final = "extract.en.v1"
# Cheap test for a reporting verb or a data noun ("by General Staff figures") in a sentence: its
# lower-case words (found by one C-level scan) against a set.
_HINT_WORDS: Final = lx.REPORTING_VERBS | lx.DATA_NOUNS
# One of those words as a whole run of letters a-z (what findall of [a-z]+ would find), searched as a
# trie so that the scan stops at the first.
_HINT: Final = re.compile("(?<![a-z])(?:" + word_alternation(_HINT_WORDS) + ")(?![a-z])")
# The same led by the character before the word: searched from the character before a sentence
# (when that is not a letter a-z), the regex engine skips to the places a word can begin.
_HINT_AFTER: Final = re.compile("[^a-z](?:" + word_alternation(_HINT_WORDS) + ")(?![a-z])")
# Words between a reporting verb and its date, acronyms too ("told the UN Security Council on May 2").
_DATE_GAP: Final = re.compile(r"(?:[ ]+(?:[A-Za-z][A-Za-z'’]*))*[ ]*")
_DATELINE: Final = re.compile(
    r"^(?:[^|·•\n]{1,60}[|·•][ ]*){0,2}"  # "By Wire Staff | March 23, 2025", "Opinion · 3 June 2025"
    r"(?:[A-Z][A-Za-z ./'-]{0,40},[ ]+){0,2}(?:(?:Published|Updated|Posted|Date)[: ]+[ ]*)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ ]+)?"
    r"(?P<date>(?P<m>[A-Z][a-z]{2,8}\.?)[ ]+(?P<d>\d{1,2}),?[ ]+(?P<y>(?:19|20)\d\d)"
    r"|(?P<d2>\d{1,2})[ ]+(?P<m2>[A-Z][a-z]{2,8}\.?),?[ ]+(?P<y2>(?:19|20)\d\d)"
    r"|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"
    r"|(?P<dmy>[0-3]\d\.[01]\d\.(?:19|20)\d\d))"  # "Ukrinform | 14.06.2025"
)


@dataclass(slots=True)
class _Said:
    """An attribution as resolved for the claims it covers."""

    name: str | None
    said_on: date | None
    strength: int  # 3 in the sentence, 2 carried in the paragraph, 1 document default or earlier paragraph
    verb_end: int = -1  # where the reporting verb of this sentence ends (-1: carried from elsewhere)


def dateline(text: str) -> date | None:
    """The publication date from a dateline near the top of the text, if there is one."""
    for line in text[:2000].splitlines()[:12]:
        line = line.strip()[:90]
        if not line:
            continue
        m = _DATELINE.match(line)
        if not m:
            continue
        try:
            if m.group("iso"):
                return date.fromisoformat(m.group("iso"))
            if m.group("dmy"):
                d, mo, y = m.group("dmy").split(".")
                return date(int(y), int(mo), int(d))
            mon = (m.group("m") or m.group("m2")).rstrip(".").lower()
            if mon not in lx.MONTHS:
                continue
            day = int(m.group("d") or m.group("d2"))
            year = int(m.group("y") or m.group("y2"))
            return date(year, lx.MONTHS[mon], day)
        except ValueError:
            continue
    return None


def _conflicts_by_subject() -> dict[str, tuple[date, dict[str, str]]]:
    out: dict[str, tuple[date, dict[str, str]]] = {}
    for c in lx.CONFLICTS:
        start = date.fromisoformat(str(c["start"]))
        sides = c["sides"]
        assert isinstance(sides, tuple)
        opp: dict[str, str] = {}
        if len(sides) == 2:
            for s in sides[0]:
                opp[s] = sides[1][0]
            for s in sides[1]:
                opp[s] = sides[0][0]
        for side in sides:
            for s in side:
                out.setdefault(s, (start, opp))
    return out


_CONFLICT: Final = _conflicts_by_subject()


def _opponents() -> dict[str, frozenset[str]]:
    """Every side each side fights in the conflicts table (Israel: Palestinians, Hamas, Hezbollah, ...)."""
    out: dict[str, set[str]] = {}
    for c in lx.CONFLICTS:
        sides = c["sides"]
        assert isinstance(sides, tuple)
        if len(sides) == 2:
            for mine, theirs in ((sides[0], sides[1]), (sides[1], sides[0])):
                for s in mine:
                    out.setdefault(s, set()).update(theirs)
    return {k: frozenset(v) for k, v in out.items()}


_OPPONENTS: Final = _opponents()


def _several_wars(side: str | None) -> frozenset[str]:
    """The opponents of a side that fights more than one (Israel, Pakistan), else none."""
    rivals = _OPPONENTS.get(side or "", frozenset())
    return rivals if len(rivals) > 1 else frozenset()


# The sides of wars inside one country ("for a war inside one country, that country").
def _civil_wars() -> frozenset[str]:
    out: set[str] = set()
    for c in lx.CONFLICTS:
        sides = c["sides"]
        assert isinstance(sides, tuple)
        if len(sides) == 1:
            out.update(sides[0])
    return frozenset(out)


_CIVIL_WARS: Final = _civil_wars()


def war_start(subject: str | None, fallback: str | None) -> date | None:
    for s in (subject, fallback):
        if s and s in _CONFLICT:
            return _CONFLICT[s][0]
    return None


def opponent(subject: str | None) -> str | None:
    if subject and subject in _CONFLICT:
        return _CONFLICT[subject][1].get(subject)
    return None


def extract(doc: Document) -> list[Claim]:
    """Every numeric claim of a document, merged, in order of first appearance."""
    text = doc.text
    published = doc.published or dateline(text)
    ctx = DocSources()
    learn(text, ctx)
    sents = sentences(text)
    low = text.lower()
    qs_all = quantities(text, lowered=low)
    q_starts = [q.start for q in qs_all]
    if len(low) != len(text):  # lower case changed the length: keep offsets by lowering char by char
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    dominant, attacked = _dominant_subject(text, low)
    times_all = time_expressions(text, 0, len(text))
    t_starts = [t.start_char for t in times_all]
    doc_toks = DocTokens(text)
    state = _State()
    state.interview = _interview_date(text, times_all, published)
    first = first_known_source(text[:1000])
    if first:
        state.author = _Said(first, None, 1)
        own = party_of(first)
        if (
            own is not None
            and own == dominant
            and attacked not in (None, own)
            and own in _OPPONENTS
            and not _attacks(low, own)
        ):
            attacked = own  # a report of one side's own office ("the Chief of the General Staff of the
            # Armed Forces of the Russian Federation reported") that never names that side attacking:
            # the civilians it counts are its own
    found: list[tuple[Reading, _Said, date | None, date | None, Sentence]] = []
    last_sentence_readings: list[tuple[Reading, date | None, date | None, bool]] = []
    last_para = -1
    prose = spaced(text)  # the _HINT_AFTER search pays only in prose
    bisect_left = bisect.bisect_left
    no_spans: set[tuple[int, int]] = set()
    last_displaced: str | None = None
    displaced_para = -1
    last_found = 0  # how many readings there were before the sentence just read
    offices: dict[str | None, str] = {}  # own-side offices resolved in this article ("health ministry")
    for sent in sents:
        s_start, s_end, heading = sent.start, sent.end, sent.heading
        lo = bisect_left(q_starts, s_start)
        hi = bisect_left(q_starts, s_end, lo)
        qs = [q for q in qs_all[lo:hi] if q.end <= s_end] if hi > lo else []
        if sent.para != state.para:
            state.new_sentence(sent)
            if text.startswith("|", s_start):
                if state.pipe_end != s_start:  # the first row of a table: its headings
                    cells = table_cells(text, s_start, s_end)
                    head = [text[a:b] for a, b in cells]
                    state.pipe_header = None
                    if len(head) <= 16 and any(_WORDY.search(h) is not None for h in head):
                        state.pipe_header = head  # headings in words, a few columns
                        state.pipe_end = _next_line(text, s_end)
                        continue
                elif _RULE_ROW.fullmatch(text, s_start, s_end) is not None:
                    state.pipe_end = _next_line(text, s_end)  # "|---|---|" under the headings
                    continue
            speaker = None if heading else _SPEAKER.match(text, s_start, min(s_end, s_start + 60))
            if speaker is not None:  # a transcript's turn: "LT GEN CHAUDHRY: On 11 March, ..."
                state.speaker = _speaker(speaker.group("name"), ctx, published)
            if state.speaker is not None and state.para_said is None:
                state.para_said = state.speaker  # the turn goes on until the next one
        if heading:
            has_hint = True
        elif qs:
            has_hint = False  # read from the tokens below
        elif prose and s_start > 0 and not ("a" <= low[s_start - 1] <= "z"):
            has_hint = _HINT_AFTER.search(low, s_start - 1, s_end) is not None
        else:
            has_hint = _HINT.search(low[s_start:s_end]) is not None
        if not qs and not has_hint:
            continue
        toks = doc_toks.sentence(s_start, s_end)
        if qs and not heading:
            has_hint = not _HINT_WORDS.isdisjoint(toks.lows)  # the sentence is split into words anyway
        attrs = find_attributions(toks, text, ctx) if has_hint else []
        lo = bisect_left(t_starts, s_start)
        hi = bisect_left(t_starts, s_end, lo)
        times = [t for t in times_all[lo:hi] if t.end_char <= s_end] if hi > lo else []
        said_spans = _resolve_attributions(attrs, times, state, published, text, sent) if attrs else no_spans
        if attrs and found and not _BACK_REFERENCE.isdisjoint(toks.lows):
            _date_back(
                found, attrs, last_found
            )  # "... reported on Thursday that troops have reached this milestone"
        last_found = len(found)
        if not qs:
            if heading:  # "CIVILIANS KILLED / INJURED BY MONTH (HRMMU)" above the rows of a table
                state.table = _table_head(text, sent, toks, ctx)
            dated = _heading_date(times, published) if heading else None
            state.after_sentence(attrs, sent, text, toks, ctx, dated)
            continue
        period_times = (
            [t for t in times if (t.start_char, t.end_char) not in said_spans] if said_spans else times
        )
        topic = None
        if last_sentence_readings and last_para == sent.para:
            topic = last_sentence_readings[-1][0]  # the paragraph's last figure
        elif (
            last_sentence_readings
            and last_para == sent.para - 1
            and state.para_start == s_start
            and last_sentence_readings[0][0].listed
        ):
            topic = last_sentence_readings[0][0]  # the figure of the list's line just before
        spans = (
            [(a.np_start, a.np_end) for a in attrs if len(text[a.np_start : a.np_end].split()) > 1]
            if attrs
            else []
        )
        if text.startswith("|", s_start) and state.pipe_header is not None and state.pipe_end == s_start:
            # a row of a table laid out with bars (as HTML tables are extracted): its columns' headings
            readings = read_table_row(text, qs, table_cells(text, s_start, s_end), state.pipe_header)
            state.pipe_end = _next_line(text, s_end)
        else:
            readings = read_sentence(text, toks, qs, period_times, times, heading, topic, spans)
        table = state.table
        if table is not None and (sent.para != table.para + 1 or not readings or not readings[0].listed):
            table = state.table = None  # the rows of a table run on from its heading, line by line
        if table is not None:
            table.para = sent.para
        current: list[tuple[Reading, date | None, date | None, bool]] = []
        for k, r in enumerate(readings):
            said = _source_for(r, attrs, state, text, readings)
            if table is not None:
                if table.civil and r.subject is None and not r.military:
                    r.civil = True  # a row of "CIVILIANS KILLED / INJURED BY MONTH"
                if table.source and said.strength < 3:
                    said = _Said(table.source, None, 2)  # the source the heading names in brackets
            if r.coordinated and current:
                r.civil = r.civil or current[-1][0].civil  # "killed 35 people and wounded 117"
            elif (
                not current
                and topic is not None
                and topic.civil
                and r.subject is None
                and not r.military
                and r.metric in _HARM
                and topic.metric in _HARM
            ):
                # "The mission verified 286 civilians killed in July. In June it recorded 232 killed"
                r.civil = True
            side = functools.partial(_last_side, low, state.para_start, r.q.start, r.metric == "displaced")
            if said.name in offices and (r.subject is None or own_office(said.name, r.subject) is None):
                said = _Said(offices[said.name], said.said_on, said.strength, said.verb_end)
            subject = _final_subject(
                r,
                said,
                attacked if r.civil and attacked else dominant,
                side,
                last_displaced if last_displaced != "world" or displaced_para == sent.para else None,
                r.metric == "displaced" and _names_war(toks.lows),
            )
            r.subject = subject
            if r.metric == "displaced":  # a global figure goes on only in its paragraph
                last_displaced, displaced_para = subject, sent.para
            if said.name and subject and source_info(said.name) is None:
                office = own_office(said.name, subject)  # "the health ministry" of Gaza, of Lebanon
                if office is not None:
                    offices.setdefault(said.name, office)  # the article's next "health ministry"
                    said = _Said(office, said.said_on, said.strength, said.verb_end)
            ref = said.said_on or published
            ws = war_start(subject, dominant)
            nxt = readings[k + 1].q.start if k + 1 < len(readings) else sent.end
            prv = readings[k - 1].q.end if k > 0 else sent.start
            start, end, got = period_for(r, toks, period_times, ref, ws, nxt, prv)
            if not got:
                if r.coordinated and current and current[-1][3]:
                    start, end = current[-1][1], current[-1][2]  # "... and 14,000 wounded" shares the period
                    got = True
                else:
                    start, end = _default_period(r, current, last_sentence_readings, ref, ws)
            elif r.coordinated and current and not current[-1][3] and r.inherit_from is not current[-1][0]:
                # "46,000 killed and 380,000 wounded since the war began"; but a part's own period is
                # not its whole's ("980,890 persons, of which 1,160 over the past day")
                prev_r = current[-1][0]
                current[-1] = (prev_r, start, end, True)
                found[-1] = (prev_r, found[-1][1], start, end, found[-1][4])
                if len(current) > 1 and prev_r.inherit_from is current[-2][0] and not current[-2][3]:
                    # "13,500 deaths, including 700 children, and 33,000 injuries as of June 30": the
                    # whole the part belongs to shares the period too
                    current[-2] = (current[-2][0], start, end, True)
                    found[-2] = (found[-2][0], found[-2][1], start, end, found[-2][4])
            current.append((r, start, end, got))
            found.append((r, said, start, end, sent))
        if attrs or heading:  # else after_sentence has nothing to do
            state.after_sentence(
                attrs, sent, text, toks, ctx, _heading_date(times, published) if heading else None
            )
        if current:
            last_sentence_readings = current
            last_para = sent.para
    return _merge(doc.id, text, found, published)


@dataclass(slots=True)
class _Table:
    """What a table's heading says of its rows: they count civilians, and who counts them."""

    para: int
    civil: bool
    source: str | None


def _table_head(text: str, sent: Sentence, toks: TokenList, ctx: DocSources) -> _Table | None:
    lows = toks.lows
    civil = not _TABLE_CIVIL.isdisjoint(lows)
    source = None
    if "(" in lows:
        k = lows.index("(")
        if ")" in lows[k:]:
            inner = text[toks.ends[k] : toks.starts[k + lows[k:].index(")")]]
            name, generic, _ = canonical(inner, ctx)
            if name and not generic and source_info(name) is not None:
                source = name
    if not civil and source is None:
        return None
    return _Table(sent.para, civil, source)


_TABLE_CIVIL: Final = frozenset(["civilian", "civilians"])


class _State:
    """Attribution carried through a document: paragraph, previous paragraph, default, history."""

    def __init__(self) -> None:
        self.para = -1
        self.para_heading = True
        self.para_start = 0
        self.para_said: _Said | None = None
        self.prev_para_said: _Said | None = None
        self.doc_default: _Said | None = None
        self.history: list[_Said] = []
        self.author: _Said | None = None  # the organisation an article names first, for "we" and "our"
        self.interview: date | None = None  # "We spoke to him on Thursday": when the quotes were said
        self.para_history: list[_Said] = []
        self.speaker: _Said | None = None  # whose turn it is in a transcript
        self.table: _Table | None = None  # the heading of the table whose rows are being read
        self.pipe_header: list[str] | None = None  # the headings of a table laid out with bars
        self.pipe_end = -1  # where the line after its last row starts

    def new_sentence(self, sent: Sentence) -> None:
        if sent.para != self.para:
            if self.para_said is not None:
                self.prev_para_said = self.para_said
            elif not self.para_heading:
                self.prev_para_said = None  # an unattributed paragraph ends the carry; a heading does not
            self.para = sent.para
            self.para_heading = sent.heading
            self.para_start = sent.start
            self.para_said = None
            self.para_history = []

    def after_sentence(
        self,
        attrs: list[Attribution],
        sent: Sentence,
        text: str,
        toks: TokenList,
        ctx: DocSources,
        dated: date | None = None,
    ) -> None:
        if sent.heading and not attrs:
            line = text[sent.start : sent.end].strip()
            name = None if line.isupper() or _AUTHOR_LINE.match(line) else _byline_cached(line, ctx)
            if name and (party_of(name) is None or dated is not None):
                self.doc_default = _Said(name, dated, 1)  # a byline: "General Staff ..., 1 January 2026"
            return
        for a in attrs:
            if a.name:
                said = _Said(a.name, a.said_on, 3)
                self.history.append(said)
                self.para_history.append(said)
        if attrs and attrs[-1].name:
            self.para_said = _Said(attrs[-1].name, attrs[-1].said_on, 2)
            low = toks.lows
            standalone = ("according" in low and len(low) <= 14) or low[:3] == ["this", "is", "according"]
            if standalone and not any(w[:1].isdigit() for w in low):
                self.doc_default = _Said(attrs[-1].name, attrs[-1].said_on, 1)


_RULE_ROW: Final = re.compile(r"[|:\- ]+")


def _next_line(text: str, end: int) -> int:
    """Where the line after the one ending at ``end`` starts (spaces at the end of a line passed)."""
    i = text.find("\n", end)
    return -1 if i < 0 else i + 1


# A speaker's turn in a transcript: a name in capitals and a colon at the start of a paragraph.
_SPEAKER: Final = re.compile(r"(?P<name>[A-Z][A-Z.'’ -]{1,40}[A-Z.])(?:[ ]*\([^()\n]{0,40}\))?:[ ]")


def _speaker(label: str, ctx: DocSources, published: date | None) -> _Said | None:
    """The source a transcript's speaker label stands for: a person the text introduced with an
    office ("the Chief Minister of Balochistan, Sarfraz Bugti" for "CM BUGTI"), by surname; not a
    rubric ("VERDICT:"), a question ("QUESTION:") or a place ("ISRAEL:")."""
    words = label.strip(" .").lower().split()
    if not words or words[-1] not in ctx.aliases:
        return None  # only a person the text introduced: "ISW:", "PUTIN'S MEAT GRINDER:" are headlines
    return _Said(ctx.aliases[words[-1]], published, 2)


# The article's own interview: "We spoke to him on Thursday", "I interviewed her on March 3".
_INTERVIEW: Final = re.compile(
    r"\b(?:[Ww]e|I)[ ]+(?:spoke|talked)[ ]+(?:to|with)[ ]+(?:him|her|them)\b"
    r"|\binterviewed[ ]+(?:him|her|them)\b"
)


def _interview_date(text: str, times: list[TimeExpr], published: date | None) -> date | None:
    """The day of the interview an article quotes from, when it says so with a date next to it."""
    if "spoke" not in text and "talked" not in text and "interviewed" not in text:
        return None  # found by C-level substring scans: the pattern's own scan tries every "I"
    m = _INTERVIEW.search(text)
    if m is None:
        return None
    for t in times:
        if m.end() <= t.start_char <= m.end() + 40 and t.is_date:
            return t.resolve(published, None)[0]
    return None


# Words by which a sentence refers back to the figure before it.
_BACK_REFERENCE: Final = frozenset("milestone figure figures number total tally estimate mark".split())


def _date_back(
    found: list[tuple[Reading, _Said, date | None, date | None, Sentence]],
    attrs: list[Attribution],
    since: int,
) -> None:
    """The previous sentence's undated figures take the date a source gives them on saying it again.

    "Russia's forces have sustained about one million casualties, according to the UK." followed by
    "The British Ministry of Defence reported on Thursday that troops have likely reached this
    milestone": the figure was said on Thursday.
    """
    dated = {a.name: a.said_on for a in attrs if a.name and a.said_on is not None}
    if not dated:
        return
    for k in range(since, len(found)):
        r, said, start, end, sent = found[k]
        if said.said_on is None and said.name in dated:
            found[k] = (r, _Said(said.name, dated[said.name], said.strength, said.verb_end), start, end, sent)


def _said(name: str | None) -> _Said | None:
    return _Said(name, None, 1) if name else None


def _same_kind(history: list[_Said], np: str) -> _Said | None:
    """The latest source a generic phrase can mean: "the ministry" a Ministry, "the agency" an agency."""
    nouns = [w.removesuffix("'s").removesuffix("’s") for w in np.lower().split()]
    nouns = [w for w in nouns if w in _KIND_NOUNS]  # "the Observatory's estimate": an observatory
    if not nouns:
        return None
    recent = history[-50:][::-1]
    for h in recent:  # first a source whose name has the noun ("the ministry": a Ministry)
        name = (h.name or "").lower()
        if any(n in name for n in nouns):
            return h
    for h in recent:  # then one of its kind ("the ministry": a government)
        info = source_info(h.name or "")
        kind = info.kind if info is not None else None
        if any(kind in _KIND_NOUNS[n] for n in nouns):
            return h
    return None


# A generic noun and the kinds of source (data/sources.json) it can stand for.
_KIND_NOUNS: dict[str, tuple[str, ...]] = {
    "ministry": ("government",), "minister": ("government",), "agency": ("international organisation",
    "intelligence"), "monitor": ("NGO", "research"), "observatory": ("NGO",), "military": ("military",),
    "army": ("military",), "alliance": ("international organisation",), "office": ("government",),
    "staff": ("military",), "institute": ("research",), "service": ("intelligence",),
}  # fmt: skip


def _heading_date(times: list[TimeExpr], published: date | None) -> date | None:
    for t in times:
        if t.is_date:
            return t.resolve(published, None)[0]
    return None


# Bylines by the line and the aliases the document has learned (all _byline depends on): the same
# headings and bylines come back across documents. Cleared when full.
_BYLINES: dict[tuple[str, tuple[tuple[str, str], ...]], str | None] = {}


def _byline_cached(line: str, ctx: DocSources) -> str | None:
    key = (line, ctx.key())
    if key in _BYLINES:
        return _BYLINES[key]
    if len(_BYLINES) >= 8192:
        _BYLINES.clear()
    got = _BYLINES[key] = _byline(line, ctx)
    return got


# A writer's byline ("By Anna Petrenko and Mark Deveraux", "By Wire Staff | March 23, 2025"): the
# article's authors, not the source of its figures.
_AUTHOR_LINE: Final = re.compile(r"(?i:by)[ ]+[A-Z]")
# A word character other than a digit: every name and alias has one (canonical names a part
# without one by itself, cleaned, which no table knows and which is no organisation).
_WORDY: Final = re.compile(r"[^\W0-9]")


# Lower-case words inside names ("Institute for the Study of War", "Ministry of Defence of Ukraine").
_NAME_LINKS: Final = frozenset("of the for and in on de du al el la le des y".split())


_BYLINE_PARTS: Final = re.compile(r"[|,;–—]| - ")


def _byline(line: str, ctx: DocSources) -> str | None:
    """The organisation a short heading line names as its author, if it does.

    "Carpathian Security Institute | Commentary", "01.07.2025 | Press service of the Ministry
    of Defence of Ukraine", "— Mark Rutte, NATO Secretary General".
    """
    if len(line.split()) > 12:
        return None
    for part in _BYLINE_PARTS.split(line):
        part = part.strip()
        if not part or _WORDY.search(part) is None:
            continue  # no letter ("2025", "1,140 (+12)"): no name of the table nor an organisation
        if sum(1 for w in part.split() if w[:1].islower() and w not in _NAME_LINKS) >= 3:
            continue  # words of a sentence ("Why the gap matters"), not a name: the costly lookup spared
        name, generic, _ = canonical(part, ctx)
        if not name or generic:
            continue
        if part.isupper() and len(part) > len(name) + 2:
            continue  # a shouted heading ("WHO IS DYING") is not a byline
        if source_info(name) is not None and len(part) <= 2 * len(name) + 10:
            return name  # a known name, not one word of a longer title ("WHO IS DYING")
        if org_phrase(part) == part:  # "Carpathian Security Institute", "Institute for the Study of War"
            return name if source_info(name) is not None else part
    return None


def _resolve_attributions(
    attrs: list[Attribution],
    times: list[TimeExpr],
    state: _State,
    published: date | None,
    text: str,
    sent: Sentence,
) -> set[tuple[int, int]]:
    """Give each attribution its name (generic ones from history) and statement date."""
    used: set[tuple[int, int]] = set()
    for a in attrs:
        d = None
        for t in times:
            if not t.is_date:
                if (
                    a.verb_end <= t.start_char
                    and t.start_char - a.verb_end <= 12
                    and _DATE_GAP.fullmatch(text, a.verb_end, t.start_char) is not None
                    and (text.startswith(" that ", t.end_char) or (a.post and t.end_char >= sent.end - 1))
                ):
                    # "said in February that ...", "..., Putin said in June.": when, not what
                    used.add((t.start_char, t.end_char))
                continue
            gap = text[a.verb_end : t.start_char] if a.verb_end <= t.start_char else ","
            # "said on June 5", "told reporters on Wednesday", "said in a statement on January 9"
            after_verb = len(gap) <= 45 and _DATE_GAP.fullmatch(gap) is not None
            # "... published by the General Staff on 1 June"
            after_np = a.np_end <= t.start_char <= a.np_end + 4
            between = a.np_end <= t.start_char and t.end_char <= a.verb_char
            # "On June 5, X said", "In an update on March 20, it had put"; not "100 killed on Monday, X said"
            before_np = (
                t.end_char <= a.np_start
                and (
                    a.np_start - t.end_char <= 3
                    or text[t.end_char : a.np_start] in (", when ", " when ")  # "on May 2, when he said"
                )
                and not any(c.isdigit() for c in text[sent.start : t.start_char])
            )
            if after_verb or between or before_np or after_np:
                s, _, _ = t.resolve(published, None)
                d = s
                used.add((t.start_char, t.end_char))
                break
        a.said_on = d
        words = text[a.np_start : a.np_end].lower().split()
        if words and words[0] in ("we", "our") and (state.doc_default or state.author):
            own = state.doc_default or state.author  # "we estimate", "our analysis": the article's author
            assert own is not None
            a.name, a.generic = own.name, False
            a.said_on = a.said_on or own.said_on
            continue
        if a.generic or a.name is None:
            earlier = [
                _Said(x.name, x.said_on, 3)
                for x in attrs
                if x is not a and x.verb_char < a.verb_char and x.name
            ]
            prev = (
                (earlier[-1] if earlier else None)  # "the UK MoD assessed ..., and its update put ..."
                or _same_kind(state.history, text[a.np_start : a.np_end])
                or _said(named_before(text, a.np_start, text[a.np_start : a.np_end]))
                or (state.history[-1] if state.history else state.para_said or state.doc_default)
            )
            if prev is not None:
                a.name = prev.name
                a.party = party_of(prev.name)
                if a.said_on is None:
                    a.said_on = prev.said_on
        elif a.said_on is None:
            # a definite name ("The General Staff in Kyiv ... said") refers back across paragraphs
            definite = text[a.np_start : a.np_start + 4].lower() == "the "
            pool = state.history if a.anaphoric or definite else state.para_history
            for h in reversed(pool[-50:]):
                if h.name == a.name and h.said_on is not None:
                    a.said_on = h.said_on
                    break
            else:
                d0 = state.doc_default
                if d0 is not None and d0.name == a.name and d0.said_on is not None:
                    a.said_on = d0.said_on  # the dated byline of the report this statement is from
    if state.interview is not None:
        for a in attrs:
            if a.said_on is None and a.name and source_info(a.name) is None:
                a.said_on = state.interview  # a person quoted in an interview the article dates
    dated = [a for a in attrs if a.said_on is not None]
    for a in attrs:
        if a.said_on is None and dated and dated[0].verb_char < a.verb_char:
            a.said_on = dated[0].said_on  # relayed: "X reported on June 5 that an official said"
    return used


def _source_for(
    r: Reading, attrs: list[Attribution], state: _State, text: str, readings: list[Reading]
) -> _Said:
    pre = [a for a in attrs if a.verb_char < r.q.start and not a.post and a.name]
    if pre:
        a = max(pre, key=lambda x: x.verb_char)
        return _Said(a.name, a.said_on, 3, a.verb_end)
    # a statement after the figure covers it, but not one opening another clause with a figure of
    # its own: "eight killed; Iran says 224 dead"
    post = [
        a
        for a in attrs
        if a.verb_char > r.q.end
        and a.name
        and (
            a.post
            or ";" not in text[r.q.end : a.np_start]
            or not any(x.q.start > a.verb_char for x in readings)
        )
    ]
    if post:
        a = post[0]
        return _Said(a.name, a.said_on, 3)
    pre_any = [a for a in attrs if a.verb_char < r.q.start and a.name]
    if pre_any:
        a = max(pre_any, key=lambda x: x.verb_char)
        return _Said(a.name, a.said_on, 3)
    if state.para_said is not None:
        return _Said(state.para_said.name, state.para_said.said_on, 2)
    if state.doc_default is not None:
        return _Said(state.doc_default.name, state.doc_default.said_on, 1)
    if state.prev_para_said is not None:
        return _Said(state.prev_para_said.name, state.prev_para_said.said_on, 1)
    return _Said(None, None, 0)


def _last_side(low: str, start: int, end: int, hosts: bool = False) -> str | None:
    """The last country or group named in ``low[start:end]`` (the paragraph so far); with ``hosts``,
    not one named as a place ("refugees in Turkey, Lebanon and Iraq"), which hosts displaced people."""
    found = None
    lo = max(start, end - 2000)
    spans = (
        _SIDE_SCAN.find(low, lo, end)
        if _SIDE_SCAN is not None
        else [m.span() for m in _SIDE_WORDS.finditer(low, lo, end)]
    )
    for a, b in spans:
        if hosts and _HOST_PLACE.search(low, max(start, a - 80), a) is not None:
            continue
        if _NEIGHBOUR_PLACE.search(low, max(start, a - 60), a) is not None:
            continue  # "the Tillabéri region near the borders with Mali and Burkina Faso": neighbours
        if low.startswith("-run", b):
            continue  # "the Hamas-run administration": who runs an office, not a side
        if _ATTACK_AFTER.match(low, b):
            continue  # "Russian missiles", "an Israeli air strike": who attacks, not who is hit
        if _TITLE_AFTER.match(low, b):
            continue  # "the former Nigerian president": a person's country, not a side
        found = low[a:b]
    if found is None:
        return None
    return lx.SUBJECT_WORDS.get(tuple(found.replace("'s", "").split()))


_TITLE_AFTER: Final = re.compile(
    r"[ ]+(?:former[ ]+)?(?:president|prime[ ]minister|minister|envoy|ambassador|diplomat)\b"
)
_ATTACK_AFTER: Final = re.compile(
    r"(?:['’]s)?(?:[ ]+[a-z-]+){0,2}?[ ]+"  # "Russian missiles", "Russia's full-scale invasion"
    r"(?:missiles?|drones?|rockets?|strikes?|attacks?|bombs?|bombardment|shelling|airstrikes?|shells|raids?"
    r"|offensive|fire|invasion|aggression|occupation)\b"
    r"|[ ]+(?:forces|troops|army|military)[ ]+"
    r"(?:struck|attacked|shelled|hit|fired|launched|bombed|targeted)\b"
)
# A name in a list of places after "in", "to", "into" or "across" ("refugees in Turkey, Lebanon,
# Jordan and Iraq"): countries that host, not the one a conflict is in ("fighting in Sudan").
_PLACE_NAME: Final = r"[a-z'’]+(?:[ ][a-z'’]+)?"
_HOST_PLACE: Final = re.compile(
    rf"\b(?:in|to|into|across)[ ]+"
    rf"(?:(?:{_PLACE_NAME},[ ]+)+(?:{_PLACE_NAME}[ ]+and[ ]+)?|{_PLACE_NAME}[ ]+and[ ]+)$"
    r"|\b(?:into|towards)[ ]+$"  # "40,000 Congolese crossed into Burundi": where they went
)
_NEIGHBOUR_PLACE: Final = re.compile(
    r"\b(?:borders?[ ]+with|bordering|neighbou?ring|near)[ ]+(?:the[ ]+)?"
    rf"(?:{_PLACE_NAME}(?:,[ ]+|[ ]+and[ ]+))*$"
)
_SIDE_NAMES: Final = word_alternation(
    {" ".join(k) for k in lx.SUBJECT_WORDS if k[0] not in ("world", "global")}
)
_SIDE_WORDS: Final = re.compile(r"\b(?:" + _SIDE_NAMES + r")\b")  # a trie: the longest name at a place
# The same names after a character that is not a word's: the scan tries them only where a word begins.
_SIDE_WORDS_AFTER: Final = re.compile(r"\W(" + _SIDE_NAMES + r")\b")
# In text of ASCII letters the same as a character set, which the regex engine tests faster than a category.
_SIDE_WORDS_AFTER_ASCII: Final = re.compile(r"[^A-Za-z0-9_](" + _SIDE_NAMES + r")\b")
# _SIDE_WORDS in C, where it is built.
_SIDE_SCAN: Final = word_scanner(
    [" ".join(k) for k in lx.SUBJECT_WORDS if k[0] not in ("world", "global")],
    BEFORE_BOUNDARY,
    AFTER_BOUNDARY,
    True,
)
# What each name _SIDE_WORDS finds stands for ("putin's" -> "russia").
_SIDE_OF: Final = {
    " ".join(k): lx.SUBJECT_WORDS.get(tuple(" ".join(k).replace("'s", "").split())) for k in lx.SUBJECT_WORDS
}


def _final_subject(
    r: Reading,
    said: _Said,
    dominant: str | None,
    para_side: Callable[[], str | None] = lambda: None,
    last_displaced: str | None = None,
    war_named: bool = False,
) -> str | None:
    s = r.subject
    if s == "enemy" or (r.enemy and s is None):
        party = party_of(said.name)
        s = opponent(party) if party else None
        if s is None:
            s = opponent(dominant) if dominant == "ukraine" else dominant
        if s is None:
            s = "russia"  # "the enemy", "the occupiers" with no side known: the Ukrainian usage
    attacker = None
    named_agent = None
    if s == "opp:enemy":  # "the enemy attack on Sumy": the speaker's own people
        s = "self"
    if s == "self":  # "we lost": the speaker's side, else the side facing "the enemy" in its usage
        party = party_of(said.name)
        # the mirror of "the enemy" below: with no side known, the Ukrainian usage
        s = party or ("ukraine" if dominant in ("russia", "ukraine", None) else dominant)
    if s == "opp:enemy" or s == "by:enemy":
        s = None  # the enemy's enemy: the text does not say who
    elif s and s.startswith("by:"):
        # "Russia has killed": its opponent; "Sudan's war has killed": the country; "Eritrean troops
        # killed 100 civilians", with no opponent known: whoever the paragraph or article is about
        agent = s[3:]
        party = party_of(said.name)
        if party and party in _several_wars(agent):
            s = party  # "Mujahid said Pakistani fire killed 12": Pakistan fights more than one war
        else:
            s = opponent(agent) or (agent if agent in _CIVIL_WARS or agent in _CONFLICT else None)
        if s is None:
            named_agent = agent  # not the paragraph's side, but may be the article's: a war at home
    elif s and s.startswith("opp:"):
        attacker = s[4:]
        party = party_of(said.name)
        if party and party != attacker and party not in _CIVIL_WARS:
            # a party counts its own people ("Lebanon's health ministry said Israeli strikes killed",
            # "Iran says Israeli strikes killed"): the attacker has more than one opponent
            s = party
        elif dominant and dominant != attacker and _several_wars(attacker):
            # an attacker with several wars ("Israeli air strikes" in an article on Syria or Lebanon):
            # the people hit are those the article is about
            s = dominant
        else:
            # in a civil war both sides are the country; with no opponent known, the victims are
            # anyone but the attacker ("US strikes killed 68 migrants")
            s = opponent(attacker) or (attacker if attacker in _CIVIL_WARS else None)
    if s is None and said.name and r.military:
        s = party_of(said.name)  # "429 soldiers have been killed in Gaza, the IDF said": its own
    if s is None and said.name:
        info = source_info(said.name)
        if info is not None and info.party and info.kind not in ("military", "media"):
            s = info.party  # a government or agency that does not name a side counts its own people
    if s is None:
        side = para_side()
        if side is not None and (side == attacker or side == named_agent):
            side = None
        if r.metric == "displaced":
            # no country in the paragraph: the country of the article's last displacement figure
            # ("3.5 million displaced across Myanmar ... In 2024 alone 1.4 million"), else global
            if side is None and r.q.value is not None and r.q.value >= _GLOBAL_DISPLACED:
                return "world"  # "some 110 million forced displaced": more than any one war has uprooted
            if side or last_displaced:
                return side or last_displaced
            # "the war has uprooted 12 million", "250,000 people have fled Wad Madani": the article's
            # war; a global figure only where the article is about no side
            return dominant if dominant and (war_named or dominant != "world") else "world"
        s = side  # the side the paragraph is about
    return s or (dominant if dominant != attacker else None)


_WAR_NOUNS: Final = frozenset("war conflict fighting offensive invasion".split())
_HARM: Final = frozenset(["killed", "wounded", "casualties"])
# More people than any one war has displaced (Sudan's, the largest, about 14 million): a global figure.
_GLOBAL_DISPLACED: Final = 20_000_000


def _names_war(lows: list[str]) -> bool:
    """The sentence speaks of "the war", "the conflict" or "the fighting": the article's war."""
    return any(
        w in _WAR_NOUNS and k > 0 and lows[k - 1] in ("the", "this", "its", "their")
        for k, w in enumerate(lows)
    )


def _default_period(
    r: Reading,
    current: list[tuple[Reading, date | None, date | None, bool]],
    last: list[tuple[Reading, date | None, date | None, bool]],
    ref: date | None,
    ws: date | None,
) -> tuple[date | None, date | None]:
    if r.increment and ref is not None:
        return ref - timedelta(days=1), ref  # the rise since the previous report
    if r.inherit_from is not None:
        for rr, s, e, _ in current:
            if rr is r.inherit_from:
                return s, e
    if r.anaphoric and last:
        _, s, e, _ = last[-1]
        return s, e
    if r.per is None:
        if r.cumulative and cumulative_start(r):
            return ws, ref  # "losses are currently ...": a running total since the war began
        if r.present:
            return None, ref  # a running total or a state as of the statement
    return None, None


def _dominant_subject(text: str, low: str) -> tuple[str | None, str | None]:
    """The side an article is most about (the most named country or group), and the side its
    civilians are on: reporting on Russia's war mostly counts Russian soldiers lost and Ukrainian
    civilians killed. ``low`` is the text in lower case."""
    counts: dict[str, int] = {}
    # _SIDE_WORDS.findall(low); in prose found after a character that is not a word's (a space put first)
    if _SIDE_SCAN is not None:
        names = [low[a:b] for a, b in _SIDE_SCAN.find(low, 0, len(low))]
    elif not spaced(text):
        names = _SIDE_WORDS.findall(low)
    else:
        names = (_SIDE_WORDS_AFTER_ASCII if only_ascii_letters(text) else _SIDE_WORDS_AFTER).findall(
            " " + low
        )
    for found, k in Counter(names).items():  # in order of first mention
        side = _SIDE_OF[found]
        if side and side not in ("world", "enemy"):
            counts[side] = counts.get(side, 0) + k
    if not counts:
        return None, None
    top = max(counts, key=counts.__getitem__)  # the first named of the most named
    top = lx.GROUP_COUNTRIES.get(top, top)  # an article on the Houthis counts Yemen's dead
    if top in ("ukraine", "russia") and counts.get("russia", 0) > 0 and counts.get("ukraine", 0) > 0:
        return "russia", "ukraine"  # in reporting on the war, figures are mostly of Russian losses
    rivals = _several_wars(top)
    named = [s for s in counts if s in rivals]
    if named and _attacks(low, top):
        # a side at war with several, named most and named as attacking ("Israeli strikes" in an
        # article on Lebanon): the civilians counted are those of the opponent the article names most
        return top, max(named, key=counts.__getitem__)
    return top, top


def _attacks(low: str, side: str) -> bool:
    """The side is named as attacking somewhere in the text ("Israeli strikes", "Pakistani fire")."""
    pattern = _ATTACKER.get(side)
    if pattern is None:
        names = [name for name, s in _SIDE_OF.items() if s == side]
        pattern = _ATTACKER[side] = re.compile(
            r"\b(?:" + word_alternation(names) + r")\b(?=" + _ATTACK_AFTER.pattern + ")"
        )
    return pattern.search(low) is not None


_ATTACKER: dict[str, re.Pattern[str]] = {}


def _merge(
    doc_id: str,
    text: str,
    found: list[tuple[Reading, _Said, date | None, date | None, Sentence]],
    published: date | None = None,
) -> list[Claim]:
    groups: list[dict[str, Any]] = []
    by_key: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for r, said, start, end, _sent in found:
        q = r.q
        bound = cast(Bound, "range" if q.low is not None else r.bound)
        key = (r.metric, r.subject, q.value, q.low, q.high, r.per)
        span = Span(r.quote_start, r.quote_end)
        implicit = end is not None and end == (said.said_on or published)  # "to date": the day it was said
        for g in by_key.get(key, ()):
            gs, ge = g["start"], g["end"]
            ends_fit = ge == end or ge is None or end is None or implicit or g["implicit"]
            if (gs == start or gs is None or start is None) and ends_fit:
                g["start"] = gs or start
                better = (said.strength, said.said_on is not None) > (
                    g["said"].strength,
                    g["said"].said_on is not None,
                )
                if ge is None or (g["implicit"] and end is not None and (better or not implicit)):
                    g["end"], g["implicit"] = end, implicit
                g["spans"].append(span)
                if better:
                    g["said"] = said  # the most explicit attribution wins; a dated one breaks a tie
                if _BOUND_RANK[bound] > _BOUND_RANK[g["fig"].bound]:
                    g["fig"] = Figure(q.value, q.low, q.high, bound)
                break
        else:
            new = {
                "key": key, "fig": Figure(q.value, q.low, q.high, bound), "r": r, "said": said,
                "start": start, "end": end, "spans": [span], "implicit": implicit,
            }  # fmt: skip
            groups.append(new)
            by_key.setdefault(key, []).append(new)
    out = []
    for g in groups:
        r = g["r"]
        span = g["spans"][0]
        out.append(
            Claim(  # by position: a frozen dataclass's keywords cost a fifth more, and there is one per claim
                doc_id,
                r.metric,
                r.subject,
                g["fig"],
                r.per,
                Period(g["start"], g["end"]),
                g["said"].name,
                g["said"].said_on,
                text[span.start : span.end],
                span,
                tuple(g["spans"]),
                EXTRACTOR,
            )
        )
    return out


_BOUND_RANK: Final = {"exact": 0, "approx": 1, "at_most": 2, "at_least": 2, "range": 3}
