"""What a number means: metric, subject, bound, rate and period, from the words around it.

``read_sentence`` turns the figures of one sentence into :class:`Reading` records.
Attribution and merging happen in :mod:`attrition.extract.pipeline`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from attrition.extract import lexicon as lx
from attrition.extract.dates import TimeExpr
from attrition.extract.numbers import Quantity, quantities
from attrition.extract.text import TokenList, tokens

_BOUNDARY: Final = frozenset(
    "; . ! ? ( ) but while whereas although though compared versus vs — – which".split()
)
_AUX_RIGHT: Final = frozenset(
    "are were have has had been being was is be reportedly likely probably said to also who that "
    "already as believed thought estimated now currently soldiers troops people men in action "
    "of them among remain remained remains listed members around officially either may might could "
    "would will must still \" “ ” '".split()
)
_ANAPHORA: Final = frozenset(["this", "that", "the", "these"])
_ANAPHOR_NOUNS: Final = frozenset("figure number total toll tally count estimate".split())
# Words that make a total a running one ("currently", "to date"): it runs from the war's start.
_CUMULATIVE_WORDS: Final = frozenset(["currently", "overall"])
# Verbs and adverbs of the present: a total stated with them runs to the day it is said.
_PRESENT: Final = frozenset(
    "has have is are remain remains now currently stands exceeds exceed tops top passes number numbers "
    "holds hold controls control occupy occupies totals amounts reach reaches stand".split()
)
_CUMULATIVE_PHRASES: Final = (" to date ", " so far ", " in total ", " all told ")
_SNAPSHOT_METRICS: Final = frozenset(["deployed", "territory_km2", "territory_pct", "displaced"])
_LOSS_METRICS: Final = frozenset(
    ["casualties", "killed", "wounded", "killed_or_missing", "missing", "captured", "permanent_losses"]
)
_COORD: Final = frozenset(
    "and , ; or while to from versus compared with against up down ( average averaging".split()
)
_LIST_NEXT: Final = frozenset("along near inside outside across among within into ".split()) | frozenset(
    "a per each every daily monthly weekly annually in so thus since from over during last this "
    "between of more , ; . ) and or".split()
)


@dataclass(slots=True)
class Reading:
    """One figure read in context, before attribution and merging."""

    q: Quantity
    metric: str
    subject: str | None
    bound: str
    per: str | None
    quote_start: int
    quote_end: int
    enemy: bool = False  # the subject is "the enemy": resolved against the source's side
    inherit_from: Reading | None = None  # "of whom", "(an average of ...)": shares the period
    increment: bool = False  # "(+1,140)" after a running total: the rise over the past day
    cumulative: bool = False  # a running total ("currently", "to date", "as of")
    present: bool = False  # said in the present or present perfect ("has lost", "remain", "top")
    coordinated: bool = False  # listed with the previous figure ("46,000 killed and 380,000 wounded")
    anaphoric: bool = False  # "This figure translates to ...": refers to the previous sentence
    civil: bool = False  # civilians or people, not soldiers ("159 people were hurt", "civilian deaths")
    military: bool = False  # soldiers counted ("429 soldiers have been killed")
    listed: bool = False  # read from a line of a list ("Total killed: 1,120"): the next line may go on
    part: bool = False  # a part of the figure before ("including 7,797 children", "181 of them")


_SUBJECT_FIRST: Final = frozenset(
    [k[0] for k in lx.SUBJECT_WORDS] + [k[0] + "'s" for k in lx.SUBJECT_WORDS] + list(lx.ENEMY_WORDS)
)
# subject_at finds nothing at a token whose lower case is not one of these (a test callers inline)
_MAY_SUBJECT: Final = _SUBJECT_FIRST | {"us"}


def subject_at(toks: TokenList, i: int) -> tuple[str | None, int]:
    """The subject named by the token(s) at ``i`` and how many tokens it takes."""
    lows = toks.lows
    if lows[i] not in _SUBJECT_FIRST and (lows[i] != "us" or toks.texts[i] != "US"):
        return None, 0  # the common case, decided by one set lookup
    if i + 1 < len(toks.lows):
        two = (lows[i], _base(lows[i + 1]))
        if two in lx.SUBJECT_WORDS:
            return lx.SUBJECT_WORDS[two], 2
    one = (lows[i],) if (lows[i],) in lx.SUBJECT_WORDS else (_base(lows[i]),)
    side = "united_states" if toks.texts[i] == "US" else lx.SUBJECT_WORDS.get(one)
    if (
        side == "world"
        and toks.texts[i][:1].isupper()
        and i + 1 < len(lows)
        and toks.texts[i + 1][:1].isupper()
    ):
        return None, 0  # a name: "Global Desk's calculation", "the World Food Programme", "World War II"
    if side is not None and i + 2 < len(lows) and lows[i + 1] == "-" and lows[i + 2] == "run":
        return None, 0  # "the Hamas-run administration": who runs an office, not a side of its own
    if side is not None:
        if one[0] in lx.TARGET_PLACES:
            return side, 1  # a place: "the Dnipro missile strike" fell on it
        if _capital_hit(lows, i):
            return side, 1  # "the Kyiv strike", "a Moscow drone attack": where it fell, not who struck
        if i > 1 and lows[i - 1] in ("with", "against") and lows[i - 2] in _WAR_WORDS:
            return "opp:" + side, 1  # "killed in the war with Israel": the other side's people
        if i + 1 < len(toks.lows) and lows[i + 1] in _AGENT_NOUNS:
            return "opp:" + side, 2  # "the Israeli aggression", "Pakistani fire": the other side suffers
        k = i + 1
        while k < len(lows) and k <= i + 5 and (lows[k] in _WEAPON_WORDS or _joins_weapons(lows, k, i)):
            k += 1  # "a Russian missile and drone attack", "Pakistani artillery and mortar fire"
        if k > i + 1 and k < len(lows) and lows[k] in _AGENT_NOUNS:
            return "opp:" + side, k - i + 1  # "a Russian missile strike", "Israeli air strikes"
        if k > i + 1 and lows[k - 1] in _WEAPON_NOUNS and k < len(lows) and lows[k] in _ATTACK_VERBS:
            return "opp:" + side, k - i  # "when a Russian missile struck", "Israeli drones hit"
        if k == i + 1 and k < len(lows) and lows[k] in _STRIKE_VERBS and toks.texts[i][:1].isupper():
            return "opp:" + side, 1  # "after Russia launched its largest air assault": the attacker
        return side, 1
    if lows[i] in lx.ENEMY_WORDS:
        if i + 1 < len(lows) and lows[i + 1] in _AGENT_NOUNS:
            return "opp:enemy", 2  # "the enemy attack on Sumy": the speaker's own people suffer
        return "enemy", 1
    return None, 0


# Capitals name their governments ("Kyiv's drones", "Moscow said"), but before a strike where it fell.
_CAPITAL_WORDS: Final = frozenset("kyiv kiev moscow tehran sanaa damascus khartoum kabul islamabad".split())
_HIT_NOUNS: Final = frozenset(
    "attack attacks strike strikes airstrike airstrikes bombardment bombing bombings shelling raid raids "
    "barrage barrages".split()
)  # the attacks of _AGENT_NOUNS that fall on one place (not "aggression", "occupation", "fire")
_WAR_WORDS: Final = frozenset("war wars conflict fighting clashes battles hostilities".split())


def _capital_hit(lows: list[str], i: int) -> bool:
    """A capital at ``i`` before a strike, with no "'s": the place it fell ("the Kyiv strike")."""
    if lows[i] not in _CAPITAL_WORDS:
        return False
    k = i + 1
    while k < len(lows) and k <= i + 3 and lows[k] in _WEAPON_WORDS:
        k += 1
    return k < len(lows) and lows[k] in _HIT_NOUNS


def _joins_weapons(lows: list[str], k: int, i: int) -> bool:
    """ "and" or "or" between two weapons after the nationality at ``i`` ("artillery and mortar")."""
    return lows[k] in ("and", "or") and k > i + 1 and k + 1 < len(lows) and lows[k + 1] in _WEAPON_WORDS


def _base(w: str) -> str:
    return w[:-2] if w.endswith("'s") else w


_FIRST: dict[int, frozenset[str]] = {}
_LAST: dict[int, frozenset[str]] = {}


def _firsts(table: dict[tuple[str, ...], str]) -> frozenset[str]:
    got = _FIRST.get(id(table))
    if got is None:
        got = _FIRST[id(table)] = frozenset(k[0] for k in table)
    return got


def _lasts(table: dict[tuple[str, ...], str]) -> frozenset[str]:
    got = _LAST.get(id(table))
    if got is None:
        got = _LAST[id(table)] = frozenset(k[-1] for k in table)
    return got


# For a table of phrases: each first (or last) word and the lengths of the phrases that begin (or
# end) with it, longest first. The look-ups below try only those lengths.
_LENS_AT: dict[int, dict[str, tuple[int, ...]]] = {}
_LENS_ENDING: dict[int, dict[str, tuple[int, ...]]] = {}


def _lengths(table: dict[tuple[str, ...], str], last: bool) -> dict[str, tuple[int, ...]]:
    cache = _LENS_ENDING if last else _LENS_AT
    got = cache.get(id(table))
    if got is None:
        sizes: dict[str, set[int]] = {}
        for k in table:
            sizes.setdefault(k[-1] if last else k[0], set()).add(len(k))
        got = cache[id(table)] = {w: tuple(sorted(ns, reverse=True)) for w, ns in sizes.items()}
    return got


def _phrase_at(toks: TokenList, i: int, table: dict[tuple[str, ...], str], maxlen: int) -> tuple[str, int]:
    """The longest phrase of ``table`` (at most ``maxlen`` words) that starts at token ``i``."""
    lows = toks.lows
    if i >= len(lows):
        return "", 0
    lens = (_LENS_AT.get(id(table)) or _lengths(table, False)).get(lows[i])
    if lens is None:
        return "", 0
    room = len(lows) - i
    for n in lens:
        if n <= maxlen and n <= room:
            key = tuple(lows[i : i + n])
            if key in table:
                return table[key], n
    return "", 0


def _phrase_ending(
    toks: TokenList, j: int, table: dict[tuple[str, ...], str], maxlen: int
) -> tuple[str, int]:
    """The longest phrase of ``table`` (at most ``maxlen`` words) that ends at token ``j`` (inclusive)."""
    lows = toks.lows
    if j < 0 or j >= len(lows):
        return "", 0
    lens = (_LENS_ENDING.get(id(table)) or _lengths(table, True)).get(lows[j])
    if lens is None:
        return "", 0
    for n in lens:
        if n <= maxlen and n <= j + 1:
            key = tuple(lows[j - n + 1 : j + 1])
            if key in table:
                return table[key], n
    return "", 0


# What the look-ups above cannot find, for callers that test a token before calling them.
_PRED_FIRST: Final = _firsts(lx.PREDICATES)
_PRED_LAST: Final = _lasts(lx.PREDICATES)
_LQ_LAST: Final = _lasts(lx.LEFT_QUALIFIERS)
_RATE_FIRST: Final = _firsts(lx.RATE_PHRASES)
_NO_PHRASE: Final = ("", 0)
_NO_SUBJECT: tuple[str | None, int] = (None, 0)


def _breaks_down_wounded(lows: list[str], a: int) -> bool:
    """The wounded are counted in the figure at ``a``: "300 dead and wounded", "the toll at 300,000,
    with 120,000 dead and 180,000 wounded", "(120,000 dead, 180,000 wounded)"."""
    after = lows[a + 1 : a + 14]
    if not _WOUND_WORDS.isdisjoint(after[:3]):
        return True
    return not _WOUND_WORDS.isdisjoint(after) and not {"with", "including", "("}.isdisjoint(after[:3])


_MAX_COLUMNS: Final = 16


def table_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of each cell of a table row "| July 2025 | 31,000 | 120 |", without spaces."""
    cells: list[tuple[int, int]] = []
    i = text.find("|", start, end)
    while i >= 0:
        j = text.find("|", i + 1, end)
        if j < 0:
            break
        a, b = i + 1, j
        while a < b and text[a] in " \t":
            a += 1
        while b > a and text[b - 1] in " \t":
            b -= 1
        cells.append((a, b))
        i = j
    return cells


def read_table_row(
    text: str, qs: list[Quantity], cells: list[tuple[int, int]], header: list[str]
) -> list[Reading]:
    """Readings for the figures of a table row: each read as its column's heading would label it
    ("| Month | Russian personnel losses |" over "| July 2025 | 31,000 |" reads "Russian personnel
    losses: 31,000"), with the row's own label in front when it has no digits ("| Russia | ... |")."""
    out: list[Reading] = []
    row_label = text[cells[0][0] : cells[0][1]] if cells else ""
    c = 0
    for q in qs[:_MAX_COLUMNS]:
        while c < len(cells) and cells[c][1] < q.end:
            c += 1  # the figures and the cells are both in order
        if c >= len(cells) or cells[c][0] > q.start or c < 1 or c >= len(header) or not header[c].strip():
            continue
        a, b = cells[c]
        label = header[c].strip()
        if row_label and not any(ch.isdigit() for ch in row_label):
            label = f"{row_label} {label}"
        if q.start == a and q.end == b:  # a bare figure: its column's reading, once per heading
            if label not in _COLUMNS:
                if len(_COLUMNS) >= 4096:
                    _COLUMNS.clear()
                _COLUMNS[label] = _labelled(label, "1000", 0)
            r = _COLUMNS[label]
        else:  # "about 28,500": the cell's own words count too
            r = _labelled(label, text[a:b], q.start - a)
        if r is not None:
            row = Reading(q, r.metric, r.subject, r.bound, r.per, cells[0][0], b, enemy=r.enemy)
            row.civil, row.military = r.civil, r.military  # quoted from the row's label: "July 2025 | 31,000"
            out.append(row)
    return out


def _labelled(label: str, cell: str, at: int) -> Reading | None:
    """The reading of the figure at ``at`` in ``cell`` as "label: cell" gives it."""
    sub = f"{label}: {cell}"
    start = len(label) + 2 + at
    return next(
        (
            r
            for r in read_sentence(sub, tokens(sub, 0, len(sub)), quantities(sub), [], [], True)
            if r.q.start == start
        ),
        None,
    )


_COLUMNS: dict[str, Reading | None] = {}  # a column heading's reading of a bare figure


def _lows(toks: TokenList) -> list[str]:
    """The lower-case words of a sentence's tokens."""
    return toks.lows


def read_sentence(
    text: str,
    toks: TokenList,
    qs: list[Quantity],
    times: list[TimeExpr],
    all_times: list[TimeExpr] | None = None,
    heading: bool = False,
    topic: Reading | None = None,
    source_spans: list[tuple[int, int]] | None = None,
) -> list[Reading]:
    """Readings for the figures of one sentence (tokens and quantities of that sentence)."""
    out: list[Reading] = []
    lows = toks.lows
    starts = toks.starts
    ends = toks.ends
    n = len(lows)
    bisect_left = bisect.bisect_left
    excl_times = all_times or times
    kept: list[tuple[Quantity, int, int]] = []  # figures that can be read, with their token spans
    for q in qs:
        a = bisect.bisect_right(ends, q.start)  # first token ending after the figure starts
        b = bisect_left(starts, q.end) - 1  # last token starting before it ends
        if a < n and b >= a and not _excluded(text, toks, q, a, b, excl_times):
            if (
                b + 1 < n
                and (lows[b + 1] in lx.EQUIPMENT_NOUNS or lows[b + 1] in _EQUIPMENT_ADJECTIVES)
                and (_counts_equipment(lows, b))
            ):
                continue  # "42 tanks", "95 infantry fighting vehicles": no claim, nor a stop for the next
            if (a >= 2 and lows[a - 2] == "of" and lows[a - 1] == "which") or (
                a >= 3 and lows[a - 3] == "of" and lows[a - 2] == "which"
            ):
                if not lx.EQUIPMENT_NOUNS.isdisjoint(lows[max(0, a - 9) : a]):
                    continue  # "31 Abrams tanks, of which about 20 have been lost": equipment
            kept.append((q, a, b))
    if not kept:
        return out
    np_mask = [False] * n  # names of sources ("the Hamas-run health ministry") are not sides
    for s0, s1 in source_spans or ():
        for i in range(bisect_left(starts, s0), bisect_left(starts, s1)):
            np_mask[i] = True
    in_time = [False] * n
    for te in times:
        for i in range(bisect_left(starts, te.start_char), bisect_left(starts, te.end_char)):
            in_time[i] = True
    prev: Reading | None = None
    words: set[str] | None = None
    last = len(kept) - 1
    for pos, (q, a, b) in enumerate(kept):
        next_a = kept[pos + 1][1] if pos < last else n
        prev_b = kept[pos - 1][2] if pos > 0 else -1
        r = _read(text, toks, q, a, b, next_a, prev_b, prev, times, topic, in_time, np_mask)
        if r is None:
            continue
        if words is None:  # what the whole sentence says, once it has a reading
            words = set(lows)
            soviet = "soviet" in words or "ussr" in words
            low_sentence = " " + " ".join(lows) + " "
            cumulative = bool(words & _CUMULATIVE_WORDS) or any(
                p in low_sentence for p in _CUMULATIVE_PHRASES
            )
            present = heading or bool(words & _PRESENT)
            milestones = not _MILESTONE_VERBS.isdisjoint(words)
            opens, of_these = _anaphora(toks)
        if soviet and r.subject == "russia":
            r.subject = "soviet_union"
        r.cumulative = cumulative or r.cumulative
        if "to" in lows[max(0, a - 5) : a] and running_total(toks, a) >= 0:  # "..., bringing the total to"
            r.cumulative = True
            r.coordinated = False
        if (
            r.metric == "wounded"
            and r.coordinated
            and prev is not None
            and prev.metric == "casualties"
            and _ELIMINATED.search(text, prev.q.end, r.q.start) is not None
        ):
            prev.metric = "killed"  # "113 were liquidated and 74 wounded": beside the wounded, the dead
        r.anaphoric = (
            opens
            or of_these < a
            or (
                not out
                and a > 0
                and (lows[a - 1] == "another" or (a > 1 and lows[a - 2 : a] == ["a", "further"]))
            )
        )  # "Another 46 people had been wounded": more of what the sentence before counted, then
        r.present = present or (milestones and _milestone(toks, q.start))  # "had passed 1,000,000"
        out.append(r)
        prev = r
    return out


def _excluded(text: str, toks: TokenList, q: Quantity, a: int, b: int, times: list[TimeExpr]) -> bool:
    s, e = q.start, q.end
    for t in times:
        if t.start_char <= s < t.end_char or t.start_char < e <= t.end_char:
            return True  # a year or a day of a date
    lows = toks.lows
    before = text[max(0, s - 2) : s]
    after = text[e : e + 2]
    if (before.strip()[-1:] or " ") in lx.CURRENCY_SIGNS or (
        before[-1:] == "-" and text[max(0, s - 2) : s - 1].isalpha()
    ):
        return True
    if before[-1:] == "[" and after[:1] == "]":
        return True  # a footnote
    if (after[:1] == ":" and after[1:2].isdigit()) or (before[-1:] == ":" and before[:1].isdigit()):
        return True  # a time of day
    if after[:1].isalpha() and not q.words:
        return True  # "114th", "2025ISW", "T72s"
    if after[:1] == "-" and text.startswith((" to ", " and ", " or "), e + 1):
        return True  # a suspended compound: "18- to 24-year-olds", "two- and three-day"
    if after[:1] == "-" and text[e + 1 : e + 2].isalpha():
        nxt = text[e + 1 : e + 12].lower()
        if not nxt.startswith(("strong", "plus")):
            return True  # "nine-year", "3-year", "one-to-three"
    if a >= 2 and lows[a - 2] == "for" and lows[a - 1] in ("every", "each"):
        return True  # "1,000 men a day for every 10 square kilometres": a ratio's other term
    if not _AGE.isdisjoint(lows[max(0, a - 5) : a]):
        return True  # "the upper age for conscription to 30"
    if (
        a >= 2
        and lows[a - 1] in ("under", "over", "below", "above", "aged")
        and lows[a - 2] in _AGED_NOUNS
        and q.value is not None
        and q.value <= 120
    ):
        return True  # "children under five", "men over 60": an age
    right = lows[b + 1 : b + 7]
    for i in range(len(right) - 1 if "for" in right else 0):
        if (right[i], right[i + 1]) in (("for", "every"), ("for", "each")) and i + 2 < len(right):
            if (
                right[i + 2] in lx.PEOPLE_NOUNS
                or right[i + 2][:1].isdigit()
                or subject_at(toks, b + 3 + i)[0]
            ):
                return True  # "2.5 Russians die for every Ukrainian": a ratio
    nxt_words = lows[b + 1 : b + 4]
    if nxt_words and nxt_words[0] in lx.CURRENCY_WORDS:
        return True
    if len(nxt_words) > 1 and nxt_words[0] in ("million", "billion") and nxt_words[1] in lx.CURRENCY_WORDS:
        return True
    if nxt_words and nxt_words[0] in lx.DURATION_UNITS:
        return True
    if nxt_words[:1] == ["times"] or (
        len(nxt_words) > 2 and nxt_words[0] in ("or", "to") and nxt_words[2] == "times"
    ):
        return True  # "moved five or six times": how often, not how many
    if q.plain and q.value is not None and 1900 <= q.value <= 2100:
        head = _head(toks, b)
        if head is None or (lows[head] not in lx.PEOPLE_NOUNS and lows[head] not in lx.METRIC_NOUNS):
            return True  # a year
    return False


_QUOTE_MARKS: Final = frozenset("\" “ ” ‘ ’ '".split())


def _head(toks: TokenList, b: int) -> int | None:
    """Index of the noun a number counts: after modifiers and nationality words."""
    lows = toks.lows
    j = b + 1
    n = len(toks.lows)
    steps = 0
    while j < n and steps < 5:
        w = lows[j]
        if w in _QUOTE_MARKS and j + 1 < n:
            j += 1  # 'about 20 "terrorists"': a word in quotation marks
            continue
        if w not in _HEAD_SPECIAL:
            if (
                j + 1 < n
                and lows[j + 1] in lx.PEOPLE_NOUNS
                and w.isalpha()
                and w not in _NOT_ADJECTIVES
                and toks.texts[j][:1].islower()
            ):
                j += 1  # "173 social leaders", "50 local residents": an adjective of the people counted
                steps += 1
                continue
            return j  # none of the tests below holds
        subj, width = subject_at(toks, j) if w in _MAY_SUBJECT else _NO_SUBJECT
        if subj and subj != "enemy" and (j + width >= n or lows[j + width] not in (",", ".")):
            if (w,) in lx.SUBJECT_WORDS and w.endswith("s") and w in lx.PEOPLE_NOUNS:
                return j  # "Palestinians", "Russians" are themselves the noun
            j += width
            steps += 1
            continue
        if w in lx.PEOPLE_NOUNS and not (j + 1 < n and lows[j + 1] in lx.METRIC_NOUNS):
            return j
        if w in _PARTICIPLES and j + 1 < n and (lows[j + 1] in lx.PEOPLE_NOUNS or subject_at(toks, j + 1)[0]):
            j += 1  # "two wounded North Korean soldiers": an adjective here
            steps += 1
            continue
        if (
            w in lx.MODIFIERS
            or w in lx.ENEMY_WORDS
            or w in ("-", "+")
            or (w == "plus" and lows[j - 1] == "-")
        ):
            j += 1
            steps += 1
            continue
        if w == "and" and j + 1 < n and subject_at(toks, j + 1)[0]:
            j += 1  # "Russian and Ukrainian troops"
            steps += 1
            continue
        return j
    return None


def _read(
    text: str,
    toks: TokenList,
    q: Quantity,
    a: int,
    b: int,
    next_a: int,
    prev_b: int,
    prev: Reading | None,
    times: list[TimeExpr],
    topic: Reading | None = None,
    in_time: list[bool] | None = None,
    np_mask: list[bool] | None = None,
) -> Reading | None:
    lows = toks.lows
    n = len(toks.lows)
    metric = ""
    weak = ""  # a guess used only when nothing better is found ("N soldiers in the Kursk region")
    subject: str | None = None
    enemy = False
    quote_end = q.end
    inherit: Reading | None = None
    lead = a  # the figure with its qualifier: "including more than 700 children"
    while lead > 0 and a - lead < 3 and lows[lead - 1] in _QUALIFIER_WORDS:
        lead -= 1
    w1 = lows[a - 1] if a >= 1 else ""  # the three words before the figure
    w2 = lows[a - 2] if a >= 2 else ""
    w3 = lows[a - 3] if a >= 3 else ""
    q1 = lows[lead - 1] if lead >= 1 else ""  # the two before its qualifier
    q2 = lows[lead - 2] if lead >= 2 else ""
    relative = (
        (lead >= 2 and (q2, q1) in _RELATIVE)
        or (a >= 2 and w1 == "of" and w2 in _SPREAD_NOUNS)  # "64,260 deaths, with a plausible range of"
        or (a >= 3 and (w3, w2) in _RELATIVE)
        or (lead >= 1 and q1 in ("including", "incl"))
        or (b + 2 < n and lows[b + 1] == "of" and lows[b + 2] in ("them", "whom", "these"))
    )
    increment = (  # "1,000,340 (+1,140)": the day's rise of the figure just before
        a >= 3 and w1 == "+" and w2 == "(" and prev is not None and prev.q.end == toks.ends[a - 3]
    )
    if (relative or increment) and prev is not None:
        inherit = prev

    # 1. the figure's own unit
    if q.kind == "area" and prev_b >= 0 and toks.ends[prev_b] <= q.start:
        gap = lows[prev_b + 1 : a]
        if (
            gap
            and gap[0] in ("(", "or", ",")
            and all(w in _CONVERSION_GAP for w in gap)
            and _area_before(toks, prev_b)
        ):
            return None  # "507 square kilometres (196 square miles)": the same area in other units
    if q.kind == "area":
        metric = "territory_km2"
    elif q.kind == "percent":
        if not _territory_share(toks, a, b, next_a):
            if prev is None or prev.metric != "territory_pct" or not _elliptical(toks, prev_b, a, b):
                return None
            metric, subject = prev.metric, prev.subject
        else:
            metric = "territory_pct"

    if not metric and b + 3 < n and lows[b + 1] == "-" and lows[b + 2] == "strong":
        # "the 12,000-strong North Korean contingent": a force of that many, present where it is
        for k in range(b + 3, min(n, b + 8)):
            if lows[k] in _FORCE_NOUNS or lows[k] in _STRONG_NOUNS:
                metric = "deployed"
                for x in range(b + 3, k):
                    side = subject_at(toks, x)[0]
                    if subject is None and side and side != "enemy":
                        subject = side  # "North Korean"
                quote_end = max(quote_end, toks.ends[k])
                break
    # 2. what follows the number: a predicate ("250,000 have been killed"), a noun, a noun + predicate
    head = _head(toks, b) if not metric else None
    if q.words and lows[b] == "dozen":
        h = head if head is not None else _head(toks, b)
        if h is None or not (lows[h] in lx.PEOPLE_NOUNS or lows[h] in lx.METRIC_NOUNS):
            return None  # "a dozen fronts", "two dozen times": only people are counted by the dozen
    modifiers = lows[b + 1 : head] if head is not None else []
    found_subjects: list[str] = []
    for i in range(b + 1, head if head is not None else b + 1):
        if lows[i] not in _MAY_SUBJECT:
            continue
        s, _ = subject_at(toks, i)
        if s == "enemy":
            enemy = True
        elif s and s not in found_subjects:
            found_subjects.append(s)
    if len(found_subjects) > 1 and "and" in modifiers:
        subject = "world"  # "Russian and Ukrainian troops": both sides together
    elif found_subjects:
        subject = found_subjects[0]
    elif head is not None and lows[head] in lx.PEOPLE_NOUNS and (lows[head],) in lx.SUBJECT_WORDS:
        subject = lx.SUBJECT_WORDS[(lows[head],)]  # "39,000 Palestinians killed": the noun is the side
    if not metric:
        pred, width, at = _predicate(toks, b + 1, next_a)
        if pred == "deployed" and (at > b + 1 or (relative and prev is not None)) and lows[at] == "in":
            weak = pred  # a place, not yet a presence; for a part ("including 460 in Gaza") where it happened
        elif pred:
            metric = pred
            quote_end = max(quote_end, toks.ends[at + width - 1])
    if not metric and head is not None and head < next_a:
        w = lows[head]
        if w in _CAPTIVE_NOUNS and not _RELEASE_VERBS.isdisjoint(lows[max(0, a - 4) : a]):
            return None  # "Israel released nearly 2,000 Palestinian prisoners": no longer held
        if w in _CAPTIVE_NOUNS and (relative or not _KILL_VERBS.isdisjoint(lows[max(0, a - 4) : a])):
            pass  # "executed at least 32 prisoners of war", "among them 65 prisoners": what was done to them
        elif w in lx.METRIC_NOUNS:
            pred, width = _phrase_at(toks, head, lx.PREDICATES, lx.MAX_PREDICATE_LEN)
            metric = pred if pred and "?" not in pred else lx.METRIC_NOUNS[w]
            if metric == "casualties" and not lx.PERMANENT_WORDS.isdisjoint(modifiers):
                metric = "permanent_losses"
            quote_end = max(quote_end, toks.ends[head + max(width, 1) - 1])
        elif w in lx.EQUIPMENT_NOUNS or w in lx.CURRENCY_WORDS or w in lx.PLACE_COUNT_NOUNS:
            return None
        elif w in lx.PEOPLE_NOUNS:
            quote_end = max(quote_end, toks.ends[head])
            pred, width, at = _predicate(toks, head + 1, next_a)
            if pred == "deployed" and lows[at] == "in":
                weak = weak or pred
            elif pred:
                metric = pred
                quote_end = max(quote_end, toks.ends[at + width - 1])
            s = _of_subject(toks, head + 1, in_place=metric == "displaced")
            if s and subject is None:
                subject = s  # "12,000 soldiers of the DPRK", "1.2 million people in Lebanon" (displaced)
    # 3. what precedes it: "casualties of", "death toll rose to", "lost", "killed", "there are"
    left = _left_metric(toks, a, prev_b, in_time or [False] * n)
    if left.verb and not _DESERTION.isdisjoint(lows[b + 1 : b + 6]):
        return None  # "lost about 1,700 soldiers to desertion": men gone, not casualties
    if not metric and left.metric:
        metric = left.metric
    if not metric and "there" in lows[max(0, a - 4) : a]:
        if head is None or lows[head] in lx.PEOPLE_NOUNS or lows[head] in ("in", "on", "inside"):
            metric = "deployed"  # "there are now about 70,000 soldiers in the region"
    if metric.endswith("?"):
        metric = metric[:-1]
    if not metric and weak and not (relative and prev is not None):
        metric = weak  # not for a part: "900 soldiers killed, including 460 in the ground operation"
    # 4. an elliptical list or a parenthesis: "106,720 in 2022 and 253,290 in 2023", "(+1,140)"
    adjacent = prev is not None and prev_b >= 0 and prev.q.end == toks.ends[prev_b]  # no other figure between
    listed = not metric and adjacent and not (increment or relative) and _elliptical(toks, prev_b, a, b)
    if (
        not metric
        and prev is not None
        and prev.part
        and prev.inherit_from is not None
        and adjacent
        and not (increment or relative)
        and _next_part(toks, prev_b, a, head)
    ):  # "including 7,797 children, 4,959 women and 10,006 men": each a part of the same whole
        inherit = prev.inherit_from
        relative = True
        prev = inherit
    # soldiers fight away from home: "900 soldiers killed, including 460 in Gaza" are still the army's
    soldiers_part = (
        relative
        and prev is not None
        and prev.military
        and (head is None or lows[head] not in lx.PEOPLE_NOUNS)
    )
    if not metric and prev is not None and (increment or relative or listed):
        # "383 aid workers were killed ..., 181 of them in Gaza": a part in a place of its own
        if soldiers_part:
            metric, subject = prev.metric, prev.subject
        else:
            metric, subject = (
                prev.metric,
                subject or (_side_in(toks, b) if relative else None) or prev.subject,
            )
    per = _rate(toks, a, b, next_a, prev_b, left.start_index)
    if per is None and listed and prev is not None and _TOTAL_WORDS.isdisjoint(lows[prev_b:a]):
        per = prev.per  # "averaged 1,113 a day in May, 1,081 in June and 1,072 in July"
    if (
        not metric
        and per is not None
        and adjacent
        and prev is not None
        and prev.per is None
        and a - prev_b <= 24
        and _averages_previous(toks, prev_b, a)
    ):  # "62,000 fatalities since the coup, an average of roughly 1,300 a month": the total's average
        metric, subject = prev.metric, subject or prev.subject
    if (
        not metric
        and head is not None
        and b + 1 < head
        and lows[b + 1] in _PARTICIPLES
        and lows[head] in lx.PEOPLE_NOUNS
        and not left.verb
    ):  # "had treated more than 2,000 wounded people": what the adjective says happened to them
        metric = lx.PREDICATES[(lows[b + 1],)]
    if not metric and head is not None and lows[head] in _FORCE_NOUNS and not left.verb:
        # troops counted with no verb of loss: a rate of them is a loss, a plain count is a presence
        after = head + 1
        while after < n and after < head + 7 and lows[after] in _BE_NOW:
            after += 1  # "11,000 North Korean troops are now in Russia"
        place = any(
            lows[k] in _PLACE_AFTER and not (k + 1 < n and in_time is not None and in_time[k + 1])
            for k in range(head + 1, min(n, head + 3))
        ) or (after < n and lows[after] in _PLACE_AFTER)  # "soldiers on Tuesday" is no place
        with_ = (
            lead > 0 and lows[lead - 1] == "with"
        )  # "holding a 1,000 km front with roughly 300,000 troops"
        metric = "casualties" if per else ("deployed" if place or with_ else "")
    label_start = -1
    tally = False
    label_line = False
    if not metric and prev_b < 0 and not _LABEL_MARKS.isdisjoint(lows[max(0, a - 5) : a]):
        # "- Ukrainians displaced abroad (UNHCR): 6.9 million"; in a list after "Total killed: 1,120",
        # "Druze fighters: 427" counts the same
        label = _label(toks, a, topic.metric if topic is not None and topic.listed else "")
        if label is not None:
            metric, subject, tally = label[0], subject or label[1], label[2]
            label_start = toks.starts[0]
            label_line = True
            if tally and subject is None:
                enemy = True  # a daily tally's "personnel" line counts the other side's losses
    if (
        not metric
        and topic is not None
        and q.kind == "count"
        and b + 1 < n
        and lows[b + 1] in ("were", "are", "was")
        and _breakdown(lows)
    ):  # "Of these 26, 18 were personnel of the army, three were officials and five were civilians"
        metric, subject = topic.metric, subject or topic.subject
        k = b + 2
        while k < n and k < b + 10 and lows[k] not in (",", ";", ".", "and"):
            k += 1
        quote_end = max(quote_end, toks.ends[k - 1])  # "18 were personnel of the army"
    if not metric and topic is not None and q.kind == "count" and _continues_topic(toks, a, b, per):
        # "the estimate for January was 1,556 a day", "the 253,290 recorded in 2023": what the
        # paragraph has been counting
        metric, subject = topic.metric, subject or topic.subject
    if (
        not metric
        and prev is not None
        and q.kind == prev.q.kind
        and not _ANAPHOR_NOUNS.isdisjoint(lows[max(prev_b + 1, a - 6) : a])
        and _continues_topic(toks, a, b, per or prev.per)
    ):  # "390 soldiers a day in 2022; by late 2024 the figure was well over 1,500": the same measure
        metric, subject = prev.metric, subject or prev.subject
        per = per or prev.per
    if not metric or metric not in _METRIC_SET:
        return None
    if subject is None and left.subject:
        subject = left.subject
    enemy = enemy or left.enemy

    bound = _bound(toks, a, b, q)
    quote_start = q.start
    if bound not in ("exact", "range"):
        quote_start = min(q.start, toks.starts[max(0, a - 3)])
    if left.start is not None and q.start - left.start < 60:
        quote_start = min(quote_start, left.start)
    if label_start >= 0 and q.start - label_start < 120:
        quote_start = min(quote_start, label_start)  # the label is what says what the figure counts
    for te in times:
        if (
            te.start_char >= q.end
            and te.start_char - quote_end < 30
            and (next_a >= n or te.end_char <= toks.starts[next_a])
        ):
            quote_end = max(quote_end, te.end_char)
    if per is not None:
        for i in range(b + 1, min(n, b + 10)):
            if lows[i] in _UNIT_WORDS:
                quote_end = max(quote_end, toks.ends[i])
                break
    coordinated = prev is not None and _coordinated(toks, prev_b, a, prev.subject)
    if subject is None and prev is not None and (coordinated or _averages_previous(toks, prev_b, a)):
        subject = prev.subject  # "46,000 Ukrainian soldiers were killed and 380,000 wounded"
        enemy = enemy or prev.enemy
    own = (
        b + 3 < n
        and lows[b + 1] == "of"
        and lows[b + 2] in ("its", "our", "his")
        and lows[b + 3] in lx.PEOPLE_NOUNS
    )
    if (
        subject is None
        and own
        and not any(
            subject_at(toks, k)[0] and not (np_mask and np_mask[k])
            for k in range(a)
            if lows[k] in _MAY_SUBJECT
        )
    ):
        subject = "self"  # "38 of its soldiers were killed", with no other side named before: the speaker's
    if (
        subject is None
        and not _SIDES.isdisjoint(lows[b + 1 : b + 12])
        and _BOTH_SIDES.search(" ".join(lows[b + 1 : b + 12])) is not None
    ):
        subject = "world"  # "killed or wounded on both sides", "on the two sides": both together
    if subject is None and not soldiers_part:
        subject = _subject_from_verbs(toks, a, metric, np_mask)
    if subject is not None and subject.startswith("opp:") and head is not None:
        side_in = _side_in(toks, head)  # "Israel's campaign has forced 1.2 million people in Lebanon"
        if side_in is not None and side_in != subject[4:]:
            subject = side_in
    r = Reading(q, metric, subject, bound, per, quote_start, quote_end, enemy=enemy, inherit_from=inherit)
    r.civil = not _CIVIL_WORDS.isdisjoint(
        lows[max(0, a - 2) : (head + 1 if head is not None else b + 3)]
    ) or (
        (head is None or lows[head] in lx.METRIC_NOUNS) and "toll" in lows[max(0, a - 6) : a]
    )  # "the toll has risen to 30 dead": a strike's toll counts people, not an army's losses
    r.military = (head is not None and lows[head] in _MILITARY_NOUNS) or soldiers_part
    if b + 3 < n and lows[b + 1] == "of" and lows[b + 2] in ("the", "those") and lows[b + 3] in _THE_DEAD:
        # "14,000 of the dead were militants": a part of the toll counted before, whoever says it
        r.military = False
        if r.subject is None and topic is not None and topic.metric == "killed":
            r.subject = topic.subject
        r.civil = r.subject is None
    r.cumulative = tally
    r.listed = label_line or (prev_b < 0 and 1 <= a <= 8 and lows[a - 1] == ":")  # "Total killed: 1,120"
    r.part = relative and inherit is not None
    r.coordinated = coordinated and r.per == (prev.per if prev else None)
    if inherit is not None:
        if r.subject is None:
            r.subject = inherit.subject
            r.enemy = r.enemy or inherit.enemy
        if r.per is None and not increment:
            r.per = inherit.per
        if increment:
            r.increment = True
    elif prev is not None and per is not None and prev.per is None and _averages_previous(toks, prev_b, a):
        r.inherit_from = prev
    return r


def _anaphora(toks: TokenList) -> tuple[bool, int]:
    """(the sentence opens on "This figure ...", index of the first "of these," or a large number)."""
    lows = toks.lows
    first = lows[:4]
    opens = bool(first) and first[0] in _ANAPHORA and any(w in _ANAPHOR_NOUNS for w in first[1:4])
    if "of" in lows and "," in lows and ("these" in lows or "them" in lows or "this" in lows):
        for i, w in enumerate(lows[:-2]):
            if w == "of" and lows[i + 1] in ("these", "them", "this") and lows[i + 2] == ",":
                return opens, i
    return opens, 1 << 30


_AGENT_NOUNS: Final = frozenset(
    "aggression attack attacks strike strikes airstrikes bombardment bombing shelling offensive raids "
    "occupation campaign invasion airstrike barrage barrages bombings raid fire".split()
)
# Weapons between a nationality and an attack ("a Russian missile strike", "Israeli air strikes").
_WEAPON_WORDS: Final = frozenset(
    "missile missiles drone drones rocket rockets air artillery glide bomb ballistic cruise guided "
    "aerial tank mortar full - scale full-scale large massive renewed overnight combined enemy".split()
)
_WEAPON_NOUNS: Final = frozenset(
    "missile missiles drone drones rocket rockets bomb bombs shell shells".split()
)
# Verbs whose subject is the side attacking ("Russia launched 472 drones", "Israel struck Gaza").
_STRIKE_VERBS: Final = frozenset(
    "launched launches fired fires struck strikes shelled shells bombed bombs".split()
)
_ATTACK_VERBS: Final = frozenset(
    "struck strikes strike hit hits slammed slams targeted targets killed kill kills exploded landed "
    "fell".split()
)
_SUBORDINATE: Final = frozenset("when after as while because before until where whereas".split())
_RECRUITED_PARTICIPLES: Final = frozenset("mobilised mobilized conscripted drafted".split())
_PARTICIPLES: Final = (
    frozenset("wounded injured killed dead captured missing".split()) | _RECRUITED_PARTICIPLES
)
# Words before a people noun that are not its adjective ("killed 40 and wounded soldiers").
_NOT_ADJECTIVES: Final = frozenset(
    "and or of the a an to in on at by for from with were was had have are is be been as than who that "
    "which these those them their its his her our other".split()
)
_CAPTIVE_NOUNS: Final = frozenset("prisoners hostages pows detainees captives".split())
_RELEASE_VERBS: Final = frozenset(
    "released releasing release releases freed freeing free frees exchanged swapped".split()
)
_KILL_VERBS: Final = frozenset(
    "killed executed shot murdered killing executing execution executions killings murder martyred".split()
)
_CONVERSION_GAP: Final = frozenset("( or , about roughly some nearly almost around approximately".split())


def _area_before(toks: TokenList, j: int) -> bool:
    """The figure ending at token ``j`` was an area (its unit words follow the number)."""
    return not _AREA_UNITS.isdisjoint(toks.lows[j - 2 : j + 1])


_RELATIVE: Final = frozenset(
    [("of", "whom"), ("of", "which"), ("of", "them"), ("among", "them"), ("among", "whom"), ("from", "them"),
     ("of", "these"), ("among", "these"), ("of", "those")]
)  # fmt: skip
# Words of people who are not soldiers: their side, when none is named, is the one attacked.
_CIVIL_WORDS: Final = frozenset(
    "civilian civilians people persons children women residents inhabitants villagers passengers patients "
    "pedestrians".split()
)
_QUALIFIER_WORDS: Final = frozenset(w for phrase in lx.LEFT_QUALIFIERS for w in phrase if w.isalpha()) - {
    "the",
    "of",
}
_HEADLINE_BREAKS: Final = frozenset(["-", "–", "—", ";"])
# Words between a preposition and a place's name: "in occupied Ukraine", "in eastern Ukraine".
_PLACE_ADJECTIVES: Final = frozenset(
    "occupied eastern western northern southern central northeastern southeastern".split()
)
_ELIMINATED: Final = re.compile(r"(?i:liquidated|eliminated|neutrali[sz]ed)")
_ASIDE_OPENERS: Final = frozenset("most many mostly including mainly or among".split())
_SERVING: Final = frozenset("serving based deployed stationed fighting working".split())
_FINITE_AUX: Final = frozenset("were was are is have has had".split())
# Participles before a people noun that say what is counted ("displaced people", "wounded soldiers").
_ADJECTIVE_METRICS: Final = (_PARTICIPLES - _RECRUITED_PARTICIPLES) | {"displaced"}
_AGED_NOUNS: Final = frozenset("children child boys girls men women people adults those kids infants".split())
# The spread of an estimate just given ("with a plausible range of 55,298 to 78,525").
_SPREAD_NOUNS: Final = frozenset("range interval bracket".split())
_FORCE_NOUNS: Final = frozenset("troops soldiers servicemen fighters marines paratroopers conscripts".split())
_UNIT_WORDS: Final = frozenset(
    "day days month week year daily monthly weekly annually kilometer kilometre km kilometers kilometres "
    "km2".split()
)


_TOPIC_CUES: Final = frozenset("the estimate total average tally figure record count toll rate its".split())
_TOPIC_LINKS: Final = frozenset(
    "the its was were is are at of to reached passed hit estimate total tally".split()
)
_TOPIC_NEXT: Final = frozenset(
    ". , ; ) a per each every in for from since over during by at on recorded counted estimated reported "
    "registered and".split()
)


_THE_DEAD: Final = frozenset("dead killed victims fatalities deaths".split())


def _breakdown(lows: list[str]) -> bool:
    """A sentence that breaks down the figure before it: "Of these 26, ...", "Of them, ...",
    "Among the dead, ..."."""
    return (
        len(lows) > 3
        and lows[0] in ("of", "among")
        and lows[1] in ("these", "them", "those", "the", "whom")
        and "," in lows[2:6]
    )


def _continues_topic(toks: TokenList, a: int, b: int, per: str | None) -> bool:
    """A bare figure that goes on with the paragraph's subject: a rate, or "the N recorded in 2023"."""
    lows = toks.lows
    nxt = lows[b + 1] if b + 1 < len(toks.lows) else "."
    if nxt not in _TOPIC_NEXT:
        return False  # "the 2,000 residents": a noun of its own
    j = a - 1
    while j >= 0 and _phrase_ending(toks, j, lx.LEFT_QUALIFIERS, lx.MAX_QUALIFIER_LEN)[0]:
        j -= _phrase_ending(toks, j, lx.LEFT_QUALIFIERS, lx.MAX_QUALIFIER_LEN)[1]
    if j < 0 or lows[j] not in _TOPIC_LINKS:
        return False  # a stray number ("... at the Front - 1")
    if not lx.EQUIPMENT_NOUNS.isdisjoint(lows[max(0, a - 6) : a]):
        return False  # "its count of Russian tanks lost to 10,933"
    if per is not None:
        return True
    return not _TOPIC_CUES.isdisjoint(lows[max(0, a - 6) : a])


def _of_subject(toks: TokenList, i: int, in_place: bool = False) -> str | None:
    """The side named right after a noun: "soldiers of the DPRK", "troops from North Korea"."""
    lows = toks.lows
    if i < len(toks.lows) and (
        lows[i] in ("of", "from", "among") or (in_place and lows[i] in ("in", "inside"))
    ):
        j = i + 1
        if j < len(lows) and lows[j] == "the":
            j += 1
        if j < len(toks.lows):
            s, _ = subject_at(toks, j)
            return s
    return None


_METRIC_SET: Final = frozenset(
    "casualties killed wounded killed_or_missing missing captured permanent_losses recruited deployed "
    "territory_km2 territory_pct displaced".split()
)


def _predicate(toks: TokenList, start: int, stop: int) -> tuple[str, int, int]:
    """A predicate phrase within a few words after ``start`` ("are killed or missing")."""
    lows = toks.lows
    i = start
    n = len(lows)
    if stop < n:
        n = stop
    weak: tuple[str, int, int] = ("", 0, 0)
    reach = 12  # words looked at, asides aside
    while i < n and i - start < reach:
        w = lows[i]
        if w in ("-", "+") or (w == "plus" and i > start and lows[i - 1] == "-"):
            i += 1  # "3 million-plus have fled"
            continue
        if w == "on" and i + 1 < n and lows[i + 1] == "board":
            i += 2  # "all 74 people on board were killed"
            continue
        if w in _PP_OPENERS and i == start and i > 0 and _people_noun(lows, i - 1):
            verb = next(
                (x for x in range(i + 1, min(n, i + 6)) if lows[x] in _FINITE_AUX or lows[x] in _OF_BREAKS),
                -1,
            )
            if verb > 0 and lows[verb] in _FINITE_AUX:
                i = verb  # "33 militants at the site were killed": a place between the people and their verb
                continue
        if w == "of" and i > start and i + 1 < n:
            if lows[i - 1] in lx.PEOPLE_NOUNS and lows[i + 1] not in ("them", "whom", "these"):
                verb = next(
                    (
                        x
                        for x in range(i + 1, min(n, i + 9))
                        if lows[x] in _FINITE_AUX or lows[x] in _OF_BREAKS
                    ),
                    -1,
                )
                if verb > 0 and lows[verb] in _FINITE_AUX:
                    i = verb  # "238 members of the army ... had been killed", "10 members of his family were"
                    continue
        if w in _JOINERS and _people_noun(lows, i - 1):
            # more people before the verb: "women and children", "patients and their companions", "and
            # four civilians", "and up to 3,000 troops", "13 South African soldiers, three Malawian
            # soldiers and one Uruguayan peacekeeper were killed" (after a comma, only with a figure)
            nk = i + 1
            for width in (3, 2, 1):
                if tuple(lows[nk : nk + width]) in lx.LEFT_QUALIFIERS:
                    nk += width
                    break
            noun = _people_after(lows, nk, figure=w == ",") if nk < len(lows) else -1
            if noun > 0:  # "10 soldiers and four civilians were killed": the verb after the second
                reach += noun + 1 - i
                i, n = noun + 1, min(len(lows), noun + 13)
                continue
        if w in _SERVING and i + 1 < n and lows[i + 1] in ("with", "in", "on", "alongside", "under"):
            verb = next((x for x in range(i + 2, min(n, i + 10)) if lows[x] in _FINITE_AUX), -1)
            if verb > 0:
                i = verb  # "14 of its soldiers serving with UN missions were killed"
                continue
        if w not in _PREDICATE_SPECIAL:  # only the last tests can hold: decide at once
            if (
                w in _AUX_RIGHT
                or w in lx.MODIFIERS
                or (toks.texts[i][:1].isupper() and (weak[0] or (i > start and lows[i - 1] == "in")))
            ):
                i += 1  # "1.9 million people in Gaza, ..., have been displaced": a place passed over
                continue
            break
        if (
            w == ","
            and i + 1 < len(lows)
            and (
                (i + 1 < n and (lows[i + 1] in _ASIDE_OPENERS or (lows[i + 1],) in lx.LEFT_QUALIFIERS))
                or (i + 1 == stop and _part_aside(lows, i + 1))
            )
        ):
            k = next((x for x in range(i + 1, min(len(lows), i + 14)) if lows[x] == ","), None)
            if k is not None and (
                k < n
                or lows[i + 1] not in _ASIDE_OPENERS
                or (lows[i + 1] in ("including", "among") and _verb_after(lows, k))
            ):
                # "70,000 Ukrainians, most of them soldiers, are listed as missing"; "1.9 million
                # people, about 90 per cent of the population, have been displaced": past the aside's
                # own figure
                reach += k + 1 - i
                i, n = k + 1, min(len(lows), max(n, k + 13))
                continue
        if w == "(":
            close = next((x for x in range(i + 1, min(len(lows), i + 14)) if lows[x] in (")", "(")), -1)
            if (
                close > 0
                and lows[close] == ")"
                and close + 1 < len(lows)
                and (lows[close + 1] in _FINITE_AUX or (lows[close + 1],) in lx.PREDICATES)
            ):
                reach += close + 1 - i
                i, n = close + 1, min(len(lows), max(n, close + 13))
                continue  # "300 civilians (including 90 children) died": past the bracket's own figure
        if w in _BOUNDARY or w == ",":
            break
        if w in _PARTICIPLES and i + 1 < n and (lows[i + 1] in lx.PEOPLE_NOUNS or _side_people(toks, i + 1)):
            i += 1  # "captured two wounded North Korean soldiers": an adjective, not what happened
            continue
        pred, width = (
            _phrase_at(toks, i, lx.PREDICATES, lx.MAX_PREDICATE_LEN) if w in _PRED_FIRST else _NO_PHRASE
        )
        if pred == "deployed?":
            if i + 2 < len(toks.lows) and toks.texts[i + 2][:1].isupper() and not weak[0]:
                weak = ("deployed", width, i)
            i += 1
            continue
        if pred:
            return pred, width, i
        rate, rw = _phrase_at(toks, i, lx.RATE_PHRASES, 4) if w in _RATE_FIRST else _NO_PHRASE
        if rate:
            i += rw
            continue
        if w in _AUX_RIGHT or w in lx.MODIFIERS or (w in _MAY_SUBJECT and subject_at(toks, i)[0]):
            i += 1
            continue
        if toks.texts[i][:1].isupper() and weak[0]:
            i += 1
            continue
        break
    return weak


def _side_people(toks: TokenList, i: int) -> bool:
    """A side's people named at ``i``: "North Korean soldiers", "Palestinians" (not "worldwide")."""
    s, width = subject_at(toks, i)
    if not s:
        return False
    k = i + width
    return toks.lows[i] in lx.PEOPLE_NOUNS or (k < len(toks.lows) and _people_noun(toks.lows, k))


def _part_aside(lows: list[str], i: int) -> bool:
    """A part of the people counted named in an aside with its own figure: "40 people, three of them
    children, were killed" (``i`` is the aside's figure)."""
    j = i + 1
    while j < len(lows) and j < i + 4 and lows[j] != "of":
        j += 1  # the figure's own words ("three", "3,000")
    return j + 1 < len(lows) and lows[j] == "of" and lows[j + 1] in ("them", "whom")


def _verb_after(lows: list[str], k: int) -> bool:
    """A finite verb right after the comma that closes an aside: "..., including three children, were",
    "..., among them 8 women, died"."""
    return k + 1 < len(lows) and (lows[k + 1] in _FINITE_AUX or (lows[k + 1],) in lx.PREDICATES)  # "died"


_OF_BREAKS: Final = frozenset(", ; : ( ) . - – — who which that".split())
_NUMBER_WORDS: Final = frozenset(list(lx.UNITS) + list(lx.TENS) + list(lx.SCALES))


_POSSESSIVES: Final = frozenset("their its his her our".split())
_JOINERS: Final = frozenset(["and", "or", ","])
_PP_OPENERS: Final = frozenset("at in inside near on aboard".split())


def _people_noun(lows: list[str], k: int) -> bool:
    return lows[k] in lx.PEOPLE_NOUNS or lows[k] in _AGED_NOUNS


def _people_after(lows: list[str], k: int, figure: bool = True) -> int:
    """Index of the people noun of a figure starting at ``k`` ("four civilians", "1,200 Palestinian
    children"; with ``figure`` false also without one: "their companions"), or -1 when it counts none."""
    start = k
    while k < len(lows) and k < start + 4 and (lows[k][:1].isdigit() or lows[k] in _NUMBER_WORDS):
        k += 1
    if k == start and figure:
        return -1
    while (
        k < len(lows)
        and k < start + 8
        and (lows[k] in lx.MODIFIERS or lows[k] in _MAY_SUBJECT or lows[k] in _POSSESSIVES)
    ):
        k += 1
    return k if k < len(lows) and _people_noun(lows, k) else -1


# Words _predicate does more with than pass over (_AUX_RIGHT, modifiers) or stop at.
_PREDICATE_SPECIAL: Final = (
    frozenset([","]) | _BOUNDARY | _PARTICIPLES | _PRED_FIRST | _RATE_FIRST | _MAY_SUBJECT
)
# Words _head does not take for the noun at once.
_HEAD_SPECIAL: Final = (
    _MAY_SUBJECT
    | lx.PEOPLE_NOUNS
    | _PARTICIPLES
    | lx.MODIFIERS
    | lx.ENEMY_WORDS
    | frozenset(["-", "+", "and", "plus"])
)


@dataclass(slots=True)
class _Left:
    """What the words before a number say about it."""

    metric: str = ""
    subject: str | None = None
    start: int | None = None  # where the phrase starts (for the quote)
    enemy: bool = False
    verb: bool = False  # the metric came from a verb ("lost", "killed")
    start_index: int = -1  # token index of that phrase


_TIGHT: Final = frozenset(
    "of at to is are was were stood stands reached rose hit totalled totaled amounted number numbered "
    "( : - – — made make makes range ranges ranged run runs ran passed passes through".split()
)
_TAKE_LIVES: Final = frozenset(
    "claimed claiming claim claims cost costing costs took taken taking take".split()
)
_LEFT_SKIP: Final = frozenset(
    "armed forces army military in for the manpower war conflict record averaged across country "
    "nationwide autumn spring summer winter among amongst units ranks on attack attacks strike strikes "
    "shelling bombing missile missiles drone drones rocket rockets air glide bomb offensive offensives "
    "raid raids assault assaults clashes fighting violence ambush incursion bombardment airstrike "
    "airstrikes massacre received malnutrition starvation hunger famine disease".split()
)


def _left_metric(toks: TokenList, a: int, prev_b: int, in_time: list[bool]) -> _Left:
    """What the words before the number say: time phrases, parentheses and asides skipped."""
    lows = toks.lows
    j = a - 1
    steps = 0
    skipped = 0
    connected = False  # a tight connector ("of", "rose to") stands between the number and this word
    subjects: list[str] = []
    enemy = False
    while j > prev_b and steps < 16:
        w = lows[j]
        if in_time[j]:
            j -= 1  # "casualties since the start of 2025 had reached 177,000"
            skipped += 1
            if skipped > 25:
                break
            continue
        if (w == "and" or w == ",") and j > 1 and lows[j - 1] in lx.EQUIPMENT_NOUNS:
            item = j - 2  # the item's number, before its noun and at most two more words
            while item > j - 4 and item > 0 and not lows[item][:1].isdigit():
                item -= 1
            if lows[item][:1].isdigit() and item > prev_b:
                steps += j - item + 1  # "lost 17 artillery systems and 1,260 personnel": the verb
                j = item - 1  # governs the whole list
                continue
        if w == "lives" and j > 1 and lows[j - 1] == "the" and lows[j - 2] in _TAKE_LIVES:
            # "the war has claimed the lives of at least 12,000 civilians"
            return _Left("killed", subjects[0] if subjects else None, toks.starts[j - 2], enemy, True, j - 2)
        if w not in _LEFT_SPECIAL:  # none of the tests below but the last can hold: decide at once
            if w in _LEFT_PASS:
                connected = connected or w in _TIGHT
                j -= 1
                steps += 1
                continue
            if j > 1 and toks.texts[j][:1].isupper() and lows[j - 1] in ("on", "in", "at", "near"):
                j -= 2  # "the death toll from Russia's attack on Dnipro rose to": a place passed over
                steps += 2
                continue
            if (
                j > 2
                and w.isalpha()
                and toks.texts[j - 1][:1].isupper()
                and lows[j - 2] in ("on", "in", "at", "near")
            ):
                j -= 3  # "Death toll from Israeli strike on Gaza cafe rises to 30": a place with its noun
                steps += 3
                continue
            if w in _PLACE_NOUNS:
                opener = _place_phrase_start(toks, j)
                if opener >= 0:  # "killed in the region", "deaths in Ethiopia's northern region at"
                    steps += j - opener + 1
                    j = opener - 1
                    continue
            if w in _FRONT_NOUNS and j > 1:
                # "losses in the Kursk direction amounted to": a place, passed over with its name
                name = j - 1
                if toks.texts[name][:1].isupper() and lows[name - 1] in ("the", "in", "on", "near", "along"):
                    j = name - 1
                    if lows[j] == "the" and j > 0 and lows[j - 1] in ("in", "on", "near", "along", "at"):
                        j -= 1
                    steps += name - j + 1
                    j -= 1
                    continue
            break
        close = _ASIDE_CLOSE.get(w)
        if close is not None:
            k = _aside_start(toks, j, close, prev_b)
            if k is not None:
                j = k - 1  # "losses (killed, missing ...) are", "losses – troops who ... – number"
                continue
        qual, qn = (
            _phrase_ending(toks, j, lx.LEFT_QUALIFIERS, lx.MAX_QUALIFIER_LEN) if w in _LQ_LAST else _NO_PHRASE
        )
        if qual and w not in lx.METRIC_NOUNS:
            j -= qn
            steps += qn
            continue
        if (
            w in lx.LEFT_VERBS
            and not connected
            and (w not in _PRED_LAST or _phrase_ending(toks, j, lx.PREDICATES, 3)[1] < 2)
        ):
            return _Left(lx.LEFT_VERBS[w], subjects[0] if subjects else None, toks.starts[j], enemy, True, j)
        if (
            w == "in"
            and j > 0
            and lows[j - 1] in ("taken", "took", "taking", "take", "takes")
            and not connected
        ):
            return _Left(
                "displaced", None, toks.starts[j - 1], enemy, True, j - 1
            )  # "has taken in 1.5 million"
        if w == "up" and j > 0 and (lows[j - 1] in _CALL or (j > 1 and lows[j - 2] in _CALL)):
            return _Left(
                "recruited", None, toks.starts[j - 2], enemy, False, j - 2
            )  # "the call-up of 300,000"
        if w == "up" and j > 0 and lows[j - 1].startswith("sign") and not connected:
            return _Left("recruited", None, toks.starts[j - 1], enemy, True, j - 1)  # "signs up 1,000 people"
        if w in lx.PEOPLE_NOUNS and j > 0 and lows[j - 1] in _ADJECTIVE_METRICS:
            j -= 1  # "the number of internally displaced people stood at": the participle counts
            w = lows[j]
        if w in lx.METRIC_NOUNS or (w in lx.PEOPLE_NOUNS and _metric_before(toks, j) >= 0):
            pred, pn = _phrase_ending(toks, j, lx.PREDICATES, lx.MAX_PREDICATE_LEN)
            if w in lx.METRIC_NOUNS:
                metric = pred if pred and pn > 1 and "?" not in pred else lx.METRIC_NOUNS[w]
                if (
                    w == "toll"
                    and metric == "casualties"
                    and _WOUND_WORDS.isdisjoint(lows[:a])
                    and not _breaks_down_wounded(lows, a)
                ):  # a toll is of the dead unless the wounded are counted with it ("the toll at 300,000,
                    # with 120,000 dead and 180,000 wounded"; not "55, and 146 others were wounded")
                    metric = "killed"
            else:
                metric, pn = "casualties", 1
                j = _metric_before(toks, j)  # the tally's loss noun: "combat losses of the enemy"
            k = j - max(pn, 1)
            own = None  # the side named in the noun phrase itself: "Russia's losses", "enemy losses"
            while k >= 0 and j - k <= 4:
                low = lows[k]
                if low in lx.PERMANENT_WORDS and metric == "casualties":
                    metric = "permanent_losses"
                s, _ = subject_at(toks, k)
                if s == "enemy":
                    enemy = True
                elif s and own is None:
                    own = s
                elif (
                    not s and low not in lx.MODIFIERS and low not in ("the", "'s", "its", "their", "average")
                ):
                    if low not in lx.PERMANENT_WORDS and low not in lx.LEFT_RATE_WORDS:
                        break
                k -= 1
            side = own or _of_subject(toks, j + 1) or (subjects[0] if subjects else None)
            return _Left(metric, side, toks.starts[max(k + 1, 0)], enemy, False, j)
        s, _width = subject_at(toks, j) if w in _MAY_SUBJECT else _NO_SUBJECT
        if s is not None:
            if s == "enemy":
                enemy = True
            elif s not in subjects:
                subjects.append(s)  # "losses of the Armed Forces of Ukraine amounted to"
            j -= 1
            steps += 1
            continue
        if w == "of" and j > 0 and lows[j - 1] in ("average", "total"):
            j -= 2  # "displacing an average of 20,000": not a noun's "of"
            steps += 2
            continue
        if w in _PRONOUN_OBJECTS:
            j -= 1  # "cost him a million men"
            steps += 1
            continue
        pred, pn = (
            _phrase_ending(toks, j, lx.PREDICATES, lx.MAX_PREDICATE_LEN) if w in _PRED_LAST else _NO_PHRASE
        )
        if pred and pn > 1 and "?" not in pred:
            return _Left(pred, subjects[0] if subjects else None, toks.starts[j - pn + 1], enemy, True, j)
        if w in lx.CONNECTORS or w in lx.MODIFIERS or w in _LEFT_SKIP:
            connected = connected or w in _TIGHT
            j -= 1
            steps += 1
            continue
        break
    if j >= 0 and not _RISE_VERBS.isdisjoint(lows[j + 1 : a]):
        # "the death toll from the shelling of the city centre has reached 25": the loss noun heads a
        # phrase that runs up to the verb
        for k in range(j, max(prev_b, j - 16), -1):
            if (
                lows[k] in _TOLL_NOUNS
                and k + 1 < a
                and lows[k + 1] in ("from", "in", "of", "after", "since", "on")
            ):
                metric = lx.METRIC_NOUNS[lows[k]]
                if lows[k] == "toll" and _WOUND_WORDS.isdisjoint(lows):
                    metric = "killed"
                start = k - 1 if k > 0 and lows[k - 1] == "death" else k
                return _Left(metric, subjects[0] if subjects else None, toks.starts[start], enemy, False, k)
            if lows[k] == "number" and k + 2 < a and lows[k + 1] == "of":
                # "the number of people who died as a result of the shelling ... has reached 25"
                for x in range(k + 2, min(a, k + 6)):
                    if (lows[x],) in lx.PREDICATES and lows[x] in _DEATH_OR_WOUND:
                        return _Left(lx.PREDICATES[(lows[x],)], subjects[0] if subjects else None,
                                     toks.starts[k], enemy, False, k)  # fmt: skip
            if lows[k] in (".", ";", ":") or lows[k][:1].isdigit():
                break
    return _Left()


_AGE: Final = frozenset(["age", "aged", "ages"])
_DEATH_OR_WOUND: Final = (_ADJECTIVE_METRICS - {"captured"}) | {"died"}
_RISE_VERBS: Final = frozenset(
    "reached rose risen climbed stood hit passed topped exceeded surpassed increased grew jumped".split()
)
_TOLL_NOUNS: Final = frozenset("toll losses deaths casualties fatalities".split())
_AREA_UNITS: Final = frozenset(["km", "km2", "km²", "kilometres", "kilometers", "miles", "mi"])
_PLACE_AFTER: Final = frozenset(["in", "on", "near", "along", "inside", "at", "across"])
_DESERTION: Final = frozenset(["desertion", "awol", "defection", "defections", "desertions"])
_EQUIPMENT_ADJECTIVES: Final = frozenset(
    "armoured armored combat fighting infantry artillery air naval cruise ballistic military attack "
    "personnel other more main battle multiple launch rocket".split()
)


def _counts_equipment(lows: list[str], b: int) -> bool:
    """The figure ending at token ``b`` counts equipment: "42 tanks", "95 infantry fighting vehicles"."""
    for k in range(b + 1, min(len(lows), b + 5)):
        if lows[k] in lx.EQUIPMENT_NOUNS:
            return True
        if lows[k] not in _EQUIPMENT_ADJECTIVES:
            return False
    return False


_BE_NOW: Final = frozenset(
    "are is were was be to remain remained now currently still already reportedly believed thought "
    "said".split()
)
_TOTAL_WORDS: Final = frozenset(["total", "tally", "sum"])
_WOUND_WORDS: Final = frozenset("wounded injured casualties maimed hurt".split())
_PRONOUN_OBJECTS: Final = frozenset("him them it us her".split())


_ASIDE_CLOSE: Final = {")": "(", "–": "–", "—": "—", "-": "-", ",": ","}
# Words _left_metric does more with than pass over (_LEFT_PASS) or stop at (anything else).
_LEFT_SPECIAL: Final = (
    frozenset(_ASIDE_CLOSE)
    | _LQ_LAST
    | frozenset(lx.LEFT_VERBS)
    | frozenset(["in", "up", "of"])
    | frozenset(lx.METRIC_NOUNS)
    | lx.PEOPLE_NOUNS
    | _MAY_SUBJECT
    | _PRONOUN_OBJECTS
    | _PRED_LAST
)
_LEFT_PASS: Final = lx.CONNECTORS | lx.MODIFIERS | _LEFT_SKIP


def _aside_start(toks: TokenList, j: int, opener: str, prev_b: int) -> int | None:
    """Index of the token opening the aside that closes at ``j``, if one is within reach."""
    lows = toks.lows
    depth = 0
    for k in range(j - 1, max(prev_b, j - 25), -1):
        w = lows[k]
        if opener == "(":
            if w == ")":
                depth += 1
            elif w == "(":
                if depth == 0:
                    return k
                depth -= 1
        elif w == opener:
            before = lows[k - 1] if k > 0 else ""
            if opener != "," or before in lx.METRIC_NOUNS:
                return k
            first = lows[k + 1] if k + 1 < len(lows) else ""
            # "the count of displaced people, published by CONASUR, stood at": a participle or
            # relative aside after the counted people
            if before in lx.PEOPLE_NOUNS and (_aside_opener(first) or first == "according"):
                return k
            return None
        elif w in (".", ";"):
            return None
    return None


_LABEL_MARKS: Final = frozenset([":", "–", "—", "-"])
# Words that say what a label's figure counts.
_LABEL_WORDS: Final = frozenset(
    "killed dead deaths fatalities casualties losses wounded injured missing displaced refugees fled".split()
)


def _group_word(toks: TokenList, k: int) -> bool:
    """A word of a label that names a group of people ("Government security personnel"), not a thing."""
    w = toks.lows[k]
    return (w.isalpha() or w in ("-", "'")) and not (
        w in _LABEL_WORDS or w in _PARTICIPLES or (w,) in lx.PREDICATES  # "Mobilised men": people of a kind
    )


def _not_things(w: str) -> bool:
    return not (w in lx.EQUIPMENT_NOUNS or w in lx.CURRENCY_WORDS or w in lx.PLACE_COUNT_NOUNS)


def _label_head(lows: list[str], words: list[int]) -> int:
    """The head word of a label: the last before a preposition ("Civilians from the villages")."""
    for n, k in enumerate(words):
        if n > 0 and lows[k] in ("of", "from", "in", "on", "at", "near", "across", "inside"):
            return words[n - 1]
    return words[-1]


def _label(toks: TokenList, a: int, listed: str = "") -> tuple[str, str | None, bool] | None:
    """(metric, side, running tally) of a figure that a short label introduces: "Civilians killed (UN
    mission): 13,134"; a daily tally's "personnel — about 1,002,790" is the running total since the war
    began.

    The label runs from the sentence's start to a colon or dash right before the figure (qualifiers
    aside) and holds no other number; words in brackets (a source, a date) are passed over.
    """
    lows = toks.lows
    j = a - 1
    while j >= 0 and (lows[j],) in lx.LEFT_QUALIFIERS:
        j -= 1
    spaced_hyphen = (  # a short label only: "personnel - around 980,890", not a title's "... - 1"
        lows[j] == "-" and j <= 3 and toks.ends[j - 1] < toks.starts[j] and toks.ends[j] < toks.starts[j + 1]
    )
    if j < 1 or j > 14 or (lows[j] not in (":", "–", "—") and not spaced_hyphen):
        return None  # "personnel — about 1,002,790", "Civilians killed: 13,134", "personnel - around 980,890"
    words: list[int] = []
    depth = 0
    for k in range(j):
        w = lows[k]
        if w == "(":
            depth += 1
        elif w == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            if w[:1].isdigit():
                return None
            words.append(k)
    metric = ""
    if [lows[k] for k in words] == ["personnel"]:
        return "casualties", None, True  # a daily tally's line: "personnel — about 1,002,790 (+1,230)"
    for k in words:
        w = lows[k]
        if w not in _LABEL_WORDS:
            continue  # "mobilised men", "former prisoners": a kind of people, not what is counted
        pred, _ = _phrase_at(toks, k, lx.PREDICATES, lx.MAX_PREDICATE_LEN) if w in _PRED_FIRST else _NO_PHRASE
        metric = pred if pred and "?" not in pred else lx.METRIC_NOUNS.get(w, "") or lx.PREDICATES[(w,)]
        break
    if (
        not metric
        and listed
        and words
        and all(_group_word(toks, k) for k in words)
        and _not_things(lows[_label_head(lows, words)])  # "Tanks: 12", "Villages: 40"
        and any(lows[k] in lx.PEOPLE_NOUNS or toks.texts[k][:1].isupper() for k in words)
    ):
        metric = listed  # a line of a list whose first line said what it counts: "Druze civilians: 298"
    if not metric:
        return None
    side = None
    for k in words:
        s, _ = subject_at(toks, k) if lows[k] in _MAY_SUBJECT else _NO_SUBJECT
        if s and not s.startswith("opp:") and s != "enemy":
            side = s
            break
    return metric, side, False


def _metric_before(toks: TokenList, j: int) -> int:
    """For "personnel – about 1,000,340" in a tally: the index of the loss noun earlier, else -1."""
    lows = toks.lows
    if j + 1 < len(toks.lows) and lows[j + 1] not in ("–", "-", ":", "≈", "—"):
        return -1
    for k in range(j - 1, max(-1, j - 30), -1):
        if lows[k] in ("losses", "casualties"):
            return k
    return -1


# Words after "of Ukraine's" that still leave a share of its land: "18% of Ukraine's internationally
# recognised territory", "20% of Ukraine's land".
_SHARE_OK: Final = frozenset(
    "internationally recognised recognized entire whole pre-war prewar total".split()
)
# What a share can be of besides land.
_NOT_LAND: Final = frozenset(
    "population people residents inhabitants voters households children women men budget gdp economy "
    "output revenue exports imports losses casualties deaths fighters troops forces army".split()
)


def _territory_share(toks: TokenList, a: int, b: int, next_a: int) -> bool:
    lows = toks.lows
    stop = min(next_a, b + 7)
    for k in range(b + 1, stop):
        w = lows[k]
        if w in lx.TERRITORY_WORDS:
            return True
        if w.rstrip("'s") in ("ukraine", "russia") and w.endswith("'s"):
            # "18% of Ukraine's" (territory) but not "40% of Russia's losses": what follows is the land
            nxt = lows[k + 1] if k + 1 < len(lows) else "."
            return not nxt.isalpha() or nxt in lx.TERRITORY_WORDS or nxt in _SHARE_OK
        if w in _BOUNDARY:
            break
    for w in lows[max(0, a - 5) : a]:
        if w in lx.GAIN_VERBS or w in lx.LOSS_VERBS_TERRITORY:
            return not lx.TERRITORY_WORDS.isdisjoint(lows[b + 1 : b + 8])
    return False


def _elliptical(toks: TokenList, prev_b: int, a: int, b: int) -> bool:
    """The number continues a list after the previous figure, with no noun of its own."""
    lows = toks.lows
    if prev_b < 0 or a - prev_b > 12:
        return False
    between = lows[prev_b + 1 : a]
    if not any(w in _COORD for w in between):
        return False
    if any(w in lx.METRIC_NOUNS for w in between[-3:]) or any(w in lx.EQUIPMENT_NOUNS for w in between):
        return False  # "persons, tanks – 10,933": another item of the list
    nxt = lows[b + 1] if b + 1 < len(toks.lows) else "."
    if nxt == "of" and not _NOT_LAND.isdisjoint(lows[b + 2 : b + 5]):
        return False  # "30% of the territory, home to 70% of its population": a share of people
    return nxt in _LIST_NEXT or nxt == "at" or (subject_at(toks, b + 1)[0] is None and not nxt.isalpha())


_PART_GAP: Final = frozenset(", and of them whom these".split())  # "14 of them civilians and one soldier"


def _next_part(toks: TokenList, prev_b: int, a: int, head: int | None) -> bool:
    """The figure at ``a`` names people in a list right after a part ("7,797 children, 4,959 women")."""
    lows = toks.lows
    between = lows[prev_b + 1 : a]
    if not between or len(between) > 5 or between[-1] not in (",", "and"):
        return False
    if not all(w in _PART_GAP or w in lx.PEOPLE_NOUNS or w in _AGED_NOUNS for w in between):
        return False
    if head is None or not (lows[head] in lx.PEOPLE_NOUNS or lows[head] in _AGED_NOUNS):
        return False
    return not (head + 1 < len(lows) and lows[head + 1] in _FINITE_AUX)  # "and 46 residents were missing"


def _coordinated(toks: TokenList, prev_b: int, a: int, prev_subject: str | None = None) -> bool:
    """The number follows the previous one in a list with no side of its own named in between."""
    lows = toks.lows
    between = lows[prev_b + 1 : a]
    if not (0 < len(between) <= 16 and ("and" in between or "," in between or "/" in between)):
        return False
    sides = {
        subject_at(toks, i)[0] for i in range(prev_b + 1, a) if lows[i - 1] not in ("in", "into", "the")
    } - {None, prev_subject}
    return not sides


def _averages_previous(toks: TokenList, prev_b: int, a: int) -> bool:
    """A rate right after a total restates it: "(average of 340 a day)", "35,050, roughly 1,130 a day"."""
    lows = toks.lows
    between = lows[prev_b + 1 : a]
    if "(" in between or "average" in between or "averaging" in between or "or" in between:
        return True
    rest = [
        w for w in between if w not in lx.MODIFIERS and w not in lx.PEOPLE_NOUNS and w not in lx.METRIC_NOUNS
    ]
    return rest[:1] == [","] and all(w in (",", "roughly", "about", "around", "some", "nearly") for w in rest)


def _bound(toks: TokenList, a: int, b: int, q: Quantity) -> str:
    lows = toks.lows
    if q.low is not None:
        return "range"
    j = a - 1
    while j >= 0 and lows[j] in ("only", "just", "a", "still", "already", "likely", "now"):
        if lows[j] in ("just",) and j + 1 < a and lows[j + 1] in ("over", "under"):
            break
        j -= 1
    bound = ""
    if j >= 0:
        bound, _ = _phrase_ending(toks, j, lx.LEFT_QUALIFIERS, lx.MAX_QUALIFIER_LEN)
    if not bound:
        bound, _ = _phrase_at(toks, b + 1, lx.RIGHT_QUALIFIERS, 2)
    if not bound:
        right = lows[b + 1 : b + 8]
        for i in range(len(right) - 1 if "estimated" in right else 0):
            if right[i] in ("is", "are", "was", "were") and right[i + 1] == "estimated":
                return "approx"
            if right[i] in _BOUNDARY and not (i == 0 and right[i] == ")"):
                break
    return bound or "exact"


def _rate(toks: TokenList, a: int, b: int, next_a: int, prev_b: int, left_start: int = -1) -> str | None:
    lows = toks.lows
    n = len(toks.lows)
    stop = min(n, next_a, b + 11)
    if not _RATE_FIRST.isdisjoint(lows[b + 1 : stop]):  # else no rate phrase follows
        for i in range(b + 1, stop):
            w = lows[i]
            if w in _RATE_STOP:
                break  # a rate follows its figure: "1,000 a day", "1,000 soldiers killed daily"
            per, width = _phrase_at(toks, i, lx.RATE_PHRASES, 5) if w in _RATE_FIRST else _NO_PHRASE
            if per and w in ("a", "an", "one") and lows[i - 1] in _SPAN_BEFORE:
                continue  # "fled within a week", "500 killed in a single day": a span, not a rate
            if per:
                after = lows[i + width] if i + width < n else ""
                if per == "km2" or after not in lx.RATE_BREAKERS or lows[i] in ("every", "each", "per"):
                    return per
    lo = max(prev_b + 1, min(a - 6, left_start - 3) if left_start >= 0 else a - 6)
    window = lows[lo:a]
    if ";" in window or ")" in window or "(" in window:
        for k in range(len(window) - 1, -1, -1):
            if window[k] in (";", ")", "("):
                window = window[k + 1 :]  # the words of an earlier clause do not rate this figure
                break
    if "per" in window or not _LEFT_RATE_KEYS.isdisjoint(window):
        for k, w in enumerate(window):
            if w in lx.LEFT_RATE_WORDS and (k + 1 >= len(window) or window[k + 1] not in _PUBLICATION_NOUNS):
                return lx.LEFT_RATE_WORDS[w]
            if w == "per" and k + 1 < len(window) and window[k + 1] in ("day", "month", "week", "year"):
                return window[k + 1]
    if "rate" in window:
        for w in lows:
            if w in lx.LEFT_RATE_WORDS:
                return lx.LEFT_RATE_WORDS[w]
        return "day"
    return None


_RATE_STOP: Final = frozenset([";", "(", ")", ","])
_SPAN_BEFORE: Final = frozenset("within in over for during inside under".split())
_LEFT_RATE_KEYS: Final = frozenset(lx.LEFT_RATE_WORDS)
# "daily figures", "a weekly update", "the monthly tally": the word dates a publication, it does
# not make the figure a rate.
_PUBLICATION_NOUNS: Final = lx.DATA_NOUNS | frozenset(
    "total report reports update updates bulletin bulletins briefing briefings summary summaries "
    "statement statements tallies release survey surveys review reviews assessment assessments".split()
)


def _subject_from_verbs(toks: TokenList, a: int, metric: str, mask: list[bool] | None = None) -> str | None:
    """Whose loss: the grammatical subject of a loss verb, the agent of a gain, else the nearest name."""
    lows = toks.lows
    territory = metric.startswith("territory")
    # soldiers fight away from home: "405 soldiers were killed in Gaza" names where, not whose
    # and hostages are held where they were taken: "251 people were taken hostage into Gaza"
    abroad = not territory and (not _MILITARY_NOUNS.isdisjoint(lows[a + 1 : a + 5]) or metric == "captured")
    j = a - 1
    if (_TERRITORY_VERBS if territory else _LOSS_OR_INFLICT).isdisjoint(lows[max(0, a - 14) : a]):
        j = -1  # no verb to read in reach
    while j >= 0 and a - j <= 14:
        w = lows[j]
        if w in (";",):
            break
        gain = territory and w in lx.GAIN_VERBS
        lose = (territory and w in lx.LOSS_VERBS_TERRITORY) or (not territory and w in lx.LOSS_VERBS)
        inflict = not territory and w in lx.INFLICT_VERBS
        if (
            inflict
            and j > 0
            and (
                # "13,341 civilians killed", "Ukrainian soldiers killed since ... at"; but "Eritrean
                # troops killed more than 100": a verb with the figure as its object
                (lows[j - 1] in lx.PEOPLE_NOUNS and not (j > 1 and subject_at(toks, j - 2)[0] and a - j <= 3))
                or lows[j - 1] in lx.ENEMY_WORDS
                or lows[j - 1][:1].isdigit()
                or lows[j - 1] in _PASSIVE_AUX
            )
        ):
            inflict = False  # "13,341 civilians killed", "were killed": a participle or passive, no agent
        if gain or lose or inflict:
            if inflict:
                for k in range(a + 1, min(len(toks.lows), a + 12)):
                    s, _ = subject_at(toks, k)
                    if abroad and s and _placed(lows, k):
                        continue
                    if s and s != "enemy" and not s.startswith("opp:"):
                        return s  # "killed 100 people in Gaza": the victims' side
                    if lows[k] in _BOUNDARY or lows[k] in _SUBORDINATE or lows[k] == ",":
                        break
            if (
                lose
                and j > 0
                and (lows[j - 1] == "we" or (j > 1 and lows[j - 2] == "we" and lows[j - 1] in _HAVE))
            ):
                return "self"  # "we lost six men": the speaker's own side
            v = _past_said(lows, j) if inflict else j
            agent, target = _agent_before(toks, v)
            if inflict and target and (agent is None or agent.startswith("opp:")):
                return target  # "Israeli strikes on Lebanon killed": the people where the strikes fell
            if inflict and agent is None and j > 0 and lows[j - 1] == "," and lows[j].endswith("ing"):
                attack, place = _clause_sides(toks, j - 1)
                if attack is not None:  # "Israeli drones hit a car in southern Lebanon, killing three"
                    return place or attack
            agent = agent or _clause_subject(toks, v)
            if agent:
                if agent.startswith("opp:"):
                    return agent  # "Israeli strikes killed": the attack's nationality, its other side
                if territory and lose:
                    return "opp:" + agent
                if inflict:  # "Sudan's war has killed", "Russia has killed": the agent's opponent, or
                    return "by:" + agent  # with none known the agent's own country (a civil war)
                return agent
        j -= 1
    j = a - 1 if not _MAY_SUBJECT.isdisjoint(lows[:a]) else -1
    while j >= 0:
        if lows[j] not in _MAY_SUBJECT:
            if lows[j] in _HEADLINE_BREAKS and toks.ends[j - 1] < toks.starts[j] if j > 0 else False:
                break  # "Israel-Iran conflict - eight killed": a headline's parts
            j -= 1
            continue
        s, width = subject_at(toks, j)
        owner = j + width < len(toks.lows) and lows[j + width] in lx.TERRITORY_WORDS  # "Ukraine's territory"
        if (
            s
            and s != "world"
            and not owner
            and not (j > 0 and lows[j - 1] in _PLACE_WORDS)
            and not (j > 1 and lows[j - 1] in _PLACE_ADJECTIVES and lows[j - 2] in _PLACE_WORDS)
            and not (j > 0 and lows[j - 1] == "since")  # "since Russia's invasion, ... civilian deaths"
            and not (mask and mask[j])
        ):
            return s
        j -= 1
    clause = False
    for k in range(a + 1, len(toks.lows) if not _MAY_SUBJECT.isdisjoint(lows[a + 1 :]) else 0):
        if lows[k] == ";" or (lows[k] in ("and", "but") and lows[k - 1] == "," and not clause):
            break  # "hosts 3.1 million of them, and pressure is mounting in Lebanon": another clause
        if lows[k] in _SUBORDINATE:
            clause = True  # "..., when Israel resumed its offensive": another clause names no victim,
            continue  # but its attacker may be theirs: "died when a Russian missile strike hit"
        if lows[k] not in _MAY_SUBJECT:
            continue
        s, width = subject_at(toks, k)
        if clause and not (s and s.startswith("opp:")):
            continue
        owner = k + width < len(toks.lows) and lows[k + width] in lx.TERRITORY_WORDS
        if abroad and _placed(lows, k):
            continue
        if lows[k] == "world" and k > a + 2 and lows[k - 2 : k] == ["in", "the"]:
            continue  # "one of the largest such crises in the world": no world figure
        if metric == "displaced" and (
            lows[k - 1] in ("into", "to", "towards") or _listed_after_into(toks, k)
        ):
            continue  # "crossed into Chad", "fled to Poland": where they went, not whose people they are
        if lows[k - 1] == "since":
            continue  # "killed since Israel resumed its campaign": the subject of a time clause
        if s and s != "enemy" and not owner and not (mask and mask[k]):
            return s
    return None


def _listed_after_into(toks: TokenList, k: int) -> bool:
    """A name in a list of places people went to: "crossed into Chad, Egypt, South Sudan and ..."."""
    lows = toks.lows
    j = k - 1
    while j > 0 and k - j < 14 and (lows[j] in (",", "and") or toks.texts[j][:1].isupper()):
        j -= 1
    return j < k - 1 and lows[j] in ("into", "to", "towards") and lows[k - 1] in (",", "and")


def _where(lows: list[str], k: int) -> bool:
    """The name at ``k`` is a place: "in Gaza", "in southern Lebanon", "in the Gaza Strip"."""
    return _placed(lows, k) or (k > 1 and lows[k - 1] in _PLACE_ADJECTIVES and lows[k - 2] in _PLACE_WORDS)


def _placed(lows: list[str], k: int) -> bool:
    """The name at ``k`` follows a preposition of place ("in Gaza", "in the Gaza ground operation")."""
    return lows[k - 1] in _PLACE_WORDS or (k > 1 and lows[k - 1] == "the" and lows[k - 2] in _PLACE_WORDS)


def _side_in(toks: TokenList, b: int) -> str | None:
    """The side named by "in X" right after the figure ending at token ``b`` ("181 of them in Gaza")."""
    lows = toks.lows
    for x in range(b + 1, min(len(lows) - 1, b + 5)):
        if lows[x] == "in" and lows[x + 1] in _MAY_SUBJECT:
            side = subject_at(toks, x + 1)[0]
            return side if side and not side.startswith("opp:") and side != "enemy" else None
        if lows[x] in (",", ";", "."):
            break
    return None


def _place_phrase_start(toks: TokenList, j: int) -> int:
    """The preposition opening a place named by the common noun at ``j`` ("in the region", "across
    the country", "in Ethiopia's northern region"), or -1."""
    lows = toks.lows
    k = j - 1
    while k > 0 and j - k <= 4:
        w = lows[k]
        if w in ("in", "across", "near", "on", "at", "throughout"):
            return k if k < j - 1 else -1
        if w in ("the", "that", "this", "its", "their", "'s") or w.endswith("'s") or w in _DIRECTIONS:
            k -= 1
            continue
        return -1
    return -1


_DIRECTIONS: Final = frozenset("northern southern eastern western central north south east west".split())
# Places named by a common noun ("in the region", "across the country").
_PLACE_NOUNS: Final = frozenset(
    "region area city town village country province oblast district territory enclave strip state capital "
    "south north east west".split()
)
# Nouns of a stretch of front named by a place before them ("the Kursk direction", "the Pokrovsk axis").
_FRONT_NOUNS: Final = frozenset("direction axis sector bridgehead salient oblast province".split())
_HAVE: Final = frozenset("have had 've".split())
# People nouns for the military, whose losses are often far from home.
_MILITARY_NOUNS: Final = frozenset(
    "soldiers soldier troops servicemen serviceman personnel marines paratroopers infantrymen "
    "reservists conscripts".split()
)


_PLACE_WORDS: Final = frozenset("in into on across to help".split())
_PASSIVE_AUX: Final = frozenset("was were been being".split())
_TERRITORY_VERBS: Final = lx.GAIN_VERBS | lx.LOSS_VERBS_TERRITORY
_LOSS_OR_INFLICT: Final = lx.LOSS_VERBS | lx.INFLICT_VERBS


_STOP_AGENT: Final = frozenset("against on at in of by for with that which who".split())


def _clause_subject(toks: TokenList, verb: int) -> str | None:
    """The first side named in the clause of a verb: "The enemy in the zone of ... has lost".

    Asides between commas before the verb are passed over: "The first war, fought from 1988 to
    1994 as the Soviet Union broke apart, killed" names no side of its own.
    """
    lows = toks.lows
    end = verb
    for _ in range(3):
        k = end - 1
        while k > 0 and lows[k - 1] not in (",", ";", ":", "that", "and", "but") and end - k < 25:
            k -= 1
        aside = lows[end - 1] == "," and k > 1 and lows[k - 1] == "," and _aside_opener(lows[k])
        if not aside:
            for i in range(k, end):
                s, _ = subject_at(toks, i)
                if s and not s.startswith("opp:") and not _where(lows, i):
                    return s  # not a place: "Israeli troops opened fire ... in southern Lebanon, killing 22"
            return None
        end = k - 1  # the comma opening the aside: the clause before it
    return None


def _clause_sides(toks: TokenList, end: int) -> tuple[str | None, str | None]:
    """(the attack's nationality as "opp:X", the side of the place it hit) in the clause ending at
    ``end``: "Israeli drones hit a car in southern Lebanon" gives ("opp:israel", "lebanon")."""
    lows = toks.lows
    k = end - 1
    while k > 0 and lows[k - 1] not in (",", ";", ":", ".") and end - k < 20:
        k -= 1
    attack = place = None
    for i in range(k, end):
        if lows[i] not in _MAY_SUBJECT:
            continue
        s, _ = subject_at(toks, i)
        if s and s.startswith("opp:") and attack is None:
            attack = s
        elif (
            s
            and not s.startswith("opp:")
            and s != "enemy"
            and attack is not None
            and _placed_loosely(lows, i)
        ):
            place = place or s
    return attack, place


def _placed_loosely(lows: list[str], i: int) -> bool:
    """A name after a preposition of place, with up to two words between ("in southern Lebanon")."""
    return any(lows[x] in _TARGET_WORDS for x in range(max(0, i - 3), i))


def _aside_opener(w: str) -> bool:
    """A word that opens a subordinate or participle clause: "as ...", "fought from ..."."""
    return (
        w in _SUBORDINATE
        or w in ("since", "though", "although", "which", "who")
        or (len(w) > 4 and (w.endswith("ed") or w.endswith("ing")))
        or w in ("fought", "begun", "known", "led", "held", "run", "waged")
    )


def _agent_before(toks: TokenList, verb: int) -> tuple[str | None, str | None]:
    """(agent, target) named before an inflicting verb: "Israeli strikes on Lebanon killed" gives
    the attack's side and the place it fell on."""
    lows = toks.lows
    j = verb - 1
    steps = 0
    nouns = 0
    target = None
    while j >= 0 and steps < 7:
        s, _ = subject_at(toks, j)
        if s is None and j > 0:
            s2, w2 = subject_at(toks, j - 1)
            if s2 and w2 == 2:
                s = s2
                j -= 1  # a name of two words ("Kryvyi Rih"): what comes before it is before its first
                steps += 1
        if s and (lows[j] in lx.TARGET_PLACES or _capital_hit(lows, j)):
            target = (
                target or s
            )  # "a Gaza airstrike killed", "the Moscow drone attack injured": where it fell
            j -= 1
            steps += 1
            continue
        prep = j - 2 if j > 0 and lows[j - 1] in _PLACE_ADJECTIVES else j - 1  # "of southern Lebanon"
        if s and prep > 0 and (lows[prep] in _TARGET_WORDS or lows[prep] == "of"):
            target = target or s
            steps += j - prep + 1
            j = (
                prep - 1
            )  # "Israeli strikes on Rafah killed", "strikes on the towns of southern Lebanon have killed"
            continue
        if s:
            return s, target
        if lows[j] in lx.AUXILIARIES or lows[j] in ("the", "'s", "its") or lows[j] in lx.MODIFIERS:
            j -= 1
            steps += 1
            continue
        if lows[j] in ("that", "which") and j == verb - 1:
            j -= 1  # "a missile strike on Kyiv that killed 31 people"
            steps += 1
            continue
        if nouns < 3 and lows[j].isalpha() and lows[j] not in _BOUNDARY and lows[j] not in _STOP_AGENT:
            nouns += (
                1  # the agent's own nouns: "Israeli strikes killed", "a Russian glide bomb strike killed"
            )
            j -= 1
            steps += 1
            continue
        break
    return None, target


def _past_said(lows: list[str], verb: int) -> int:
    """Where the clause of a verb ends once a reporting clause before it is passed over: "a barrage
    that Ukrainian officials said killed 39" is read as "a barrage that killed 39"."""
    j = verb - 1
    if j < 2 or lows[j] not in _SAID:
        return verb
    k = j - 1
    while k > 0 and j - k < 6 and lows[k] not in ("that", "which", ","):
        k -= 1
    return k if lows[k] in ("that", "which") else verb


_SIDES: Final = frozenset(["side", "sides"])
_BOTH_SIDES: Final = re.compile(r"\b(?:on|from|among|of)[ ](?:both|the[ ]two|each)[ ]sides?\b")
_CALL: Final = frozenset("call calling called calls".split())
_STRONG_NOUNS: Final = frozenset(
    "contingent force forces army brigade corps garrison group unit units".split()
)
_SAID: Final = frozenset("said says say claimed claims claim reported believe believes believed".split())
_TARGET_WORDS: Final = frozenset("on in at near across against over".split())
# "bringing the death toll to 54,000", "taking total losses to over 1 million": a running total
# that a new figure brings up, from the start of the count to the day it is said.
_RUNNING_VERBS: Final = frozenset(
    "bringing brings brought bring taking takes took take pushing pushes pushed push raising raises raised "
    "lifting lifted".split()
)
_RUNNING_NOUNS: Final = frozenset("total toll tally count number losses figure sum".split())


def running_total(toks: TokenList, a: int) -> int:
    """The index of the verb that brings a total to the figure at token ``a`` ("bringing the total to
    1,020,530"), or -1 when the figure is no such total."""
    lows = toks.lows
    j = a - 1
    while j >= 0 and a - j <= 4 and lows[j] != "to":
        if lows[j] not in lx.MODIFIERS and (lows[j],) not in lx.LEFT_QUALIFIERS and lows[j] not in (
            "more", "than", "over", "about", "nearly", "almost", "some", "around", "roughly",
        ):  # fmt: skip
            return -1
        j -= 1
    if j < 1 or lows[j] != "to":
        return -1
    for k in range(j - 1, max(-1, j - 11), -1):  # "bringing the total killed in the region this month to"
        if lows[k] in _RUNNING_VERBS:
            return k if not _RUNNING_NOUNS.isdisjoint(lows[k + 1 : j]) else -1
        if lows[k] in (",", ";", ":"):
            break
    return -1


def cumulative_start(r: Reading) -> bool:
    return r.metric in _LOSS_METRICS and r.per is None


def is_snapshot(r: Reading) -> bool:
    return r.metric in _SNAPSHOT_METRICS


def period_for(
    r: Reading,
    toks: TokenList,
    times: list[TimeExpr],
    ref: date | None,
    war_start: date | None,
    next_start: int,
    prev_end: int,
) -> tuple[date | None, date | None, bool]:
    """(start, end, found): the period the figure covers, from the time expressions around it."""
    lows = toks.lows
    q = r.q
    stop = next_start
    starts = toks.starts
    i = bisect.bisect_left(starts, q.end)  # the tokens after the figure, up to the next one
    when_at = -1
    while i < len(starts) and starts[i] < stop:
        w = lows[i]
        if w == "when" and when_at < 0 and i > 0 and lows[i - 1] in _WHEN_AFTER:
            when_at = starts[i]  # "were killed when a missile hit a block on Saturday": the event's day
            i += 1
            continue
        if w == "including" and i > 0 and lows[i - 1] == ",":
            close = next((k for k in range(i + 1, min(len(lows), i + 8)) if lows[k] == ","), -1)
            if close > 0 and not any(x[:1].isdigit() for x in lows[i + 1 : close]):
                i = close + 1  # "700,000 casualties, including killed and wounded, since ...": an aside
                continue
        if w in _CLAUSE_STOP or (w in _AFTER_COMMA_STOP and i > 0 and lows[i - 1] == ","):
            stop = starts[i]  # "..., it is 12 percent more than in April", "including ... seized in 2014"
            break
        if w == "the" and i > 0 and lows[i - 1] == "," and i + 1 < len(lows) and _superlative(lows[i + 1]):
            stop = starts[i]  # "240, the slowest month since the summer of 2024": a comparison's time
            break
        i += 1
    right = [t for t in times if q.end <= t.start_char < stop]
    nxt = bisect.bisect_left(starts, next_start)
    if (
        right
        and stop == next_start
        and nxt < len(starts)
        and starts[nxt] == next_start
        and (lows[nxt][:1].isdigit() or lows[nxt] in _NUMBER_WORDS)
    ):
        # "took 379 in April, and in March only 240": a time right before the next figure is its own
        k = bisect.bisect_left(starts, right[-1].end_char)
        if 0 <= nxt - k <= 2 and all(lows[x] in _BEFORE_FIGURE for x in range(k, nxt)):
            right = right[:-1]
    if when_at >= 0:
        before = [t for t in right if t.start_char < when_at]
        right = before or [t for t in right if t.is_date][:1]
    left = [
        t for t in times if prev_end <= t.start_char and t.end_char <= q.start and not _publication(toks, t)
    ]
    if left and r.cumulative:
        verb = running_total(toks, bisect.bisect_left(starts, q.start))
        if verb >= 0:  # "lost 1,110 over the past day, bringing total losses to 1,020,530": that day's,
            left = [t for t in left if t.start_char > starts[verb]]  # but "bringing this month's toll to"
    if not right and not left:
        return None, None, False
    start: date | None = None
    end: date | None = None
    found = False
    giver = None
    for t in right + left[::-1]:
        if t.kind != "asof" and giver is None:
            giver = t
    asof = next((t for t in right + left[::-1] if t.kind == "asof"), None)
    if giver is not None:
        s, e, open_end = giver.resolve(ref, war_start)
        start, end, found = s, e, True
        if open_end:
            end = ref
        if s is not None and s == e and _milestone(toks, q.start):
            start = None  # "passed 1,000,000 on June 12": the day a running total stood there
        elif ("updated" in lows or "revised" in lows) and _updated_before(toks, giver):
            start = None  # "6,000 deaths, a figure last updated in September 2022": as of then
    if asof is not None:
        _, e, _ = asof.resolve(ref, war_start)
        end = e
        found = True
    return start, end, found


# Verbs of a running total crossing a mark: with one day, that day is when it stood there, not a
# one-day total ("losses passed 1,000,000 on June 12" against "lost 1,130 on Tuesday").
_MILESTONE_VERBS: Final = frozenset("passed surpassed topped crossed reached exceeded hit".split())


def _updated_before(toks: TokenList, t: TimeExpr) -> bool:
    """The time expression dates an update of a running figure: "a figure last updated in May"."""
    i = bisect.bisect_left(toks.starts, t.start_char)
    return "updated" in toks.lows[max(0, i - 3) : i] or "revised" in toks.lows[max(0, i - 3) : i]


def _milestone(toks: TokenList, figure_start: int) -> bool:
    i = bisect.bisect_left(toks.starts, figure_start)
    return not _MILESTONE_VERBS.isdisjoint(toks.lows[max(0, i - 3) : i])


# The words of a predicate that a "when" clause dating the event may follow ("were killed when").
_WHEN_AFTER: Final = frozenset("killed injured wounded dead died hurt displaced".split())
_BEFORE_FIGURE: Final = frozenset("only just about nearly some roughly around another".split())


_SUPERLATIVES: Final = frozenset(
    "most least worst best deadliest bloodiest highest lowest largest biggest smallest greatest slowest "
    "fastest heaviest longest shortest sharpest steepest".split()
)


def _superlative(w: str) -> bool:
    return w in _SUPERLATIVES


_CLAUSE_STOP: Final = frozenset("than including which who when while whereas although but ;".split())
_AFTER_COMMA_STOP: Final = frozenset("it that so meaning making this".split()) | _RUNNING_VERBS
_PUBLICATION: Final = frozenset(
    "published released issued posted update report study statement interview briefing aired "
    "broadcast".split()
)


def _publication(toks: TokenList, t: TimeExpr) -> bool:
    """A date that belongs to a publication: "in a study published in January", "an update on March 20"."""
    i = bisect.bisect_left(toks.starts, t.start_char)
    return not _PUBLICATION.isdisjoint(toks.lows[max(0, i - 6) : i])  # "published by The Economist in May"
