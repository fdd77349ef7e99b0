"""Who says it: reporting verbs, "according to", canonical source names.

The alias table lives in ``data/sources.json``; this module finds the noun
phrase that asserts a figure and maps it to a canonical name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Final

from attrition.extract import lexicon as lx
from attrition.extract.text import (
    AFTER_ANY,
    AFTER_NO_WORD_OR_HYPHEN,
    BEFORE_ANY,
    BEFORE_NO_WORD_OR_HYPHEN,
    TokenList,
    only_ascii_letters,
    word_alternation,
    word_scanner,
)

_STOP_LEFT: Final = frozenset(
    ', ; : ( ) [ ] " “ ” ‘ ’ that but while as which who whom when where because although though '
    "and if whereas since after before - – — . ! ?".split()
)
_SKIP_BEFORE_VERB: Final = frozenset(
    "has have had also previously earlier later separately recently further reportedly first again then "
    "repeatedly initially once "
    "publicly officially itself himself herself on in a an statement thursday monday tuesday "
    "wednesday friday saturday sunday yesterday today last week".split()
)
_NP_LEAD_DROP: Final = frozenset(
    "the a an unnamed anonymous senior top one some several two three another other its "
    "his her their our in by".split()
)
_PASSIVE: Final = frozenset("was were is are be been being".split())
_NOUN_VERBS: Final = frozenset("estimates report reports data figures claims estimate statement".split())
# Words after one of those that make it a noun ("estimates are lower", "figures vary").
_AFTER_NOUN: Final = frozenset("of are is were was have has vary range differ remain ) ,".split())


@dataclass(frozen=True, slots=True)
class SourceInfo:
    name: str
    kind: str | None
    party: str | None


@dataclass(slots=True)
class Attribution:
    """A reporting clause in a sentence: who, where its verb is, and the date it gives."""

    name: str | None  # canonical source, None while unresolved (generic)
    party: str | None
    verb_char: int
    verb_end: int
    np_start: int
    np_end: int
    post: bool  # comes after the figures it covers ("..., NATO says.")
    generic: bool  # "the official", "he": a back-reference to an earlier source
    anaphoric: bool  # "the NATO official", "the MoD": an earlier statement goes on
    said_on: Any = None  # a date, set by the caller once resolved


@dataclass(slots=True)
class DocSources:
    """What a document has taught about its sources: abbreviations and people."""

    aliases: dict[str, str] = field(default_factory=dict)  # lower-case phrase -> canonical
    memo: dict[tuple[str, int], tuple[str | None, bool, bool]] = field(default_factory=dict)
    _re: _Words | None = None
    _re_size: int = -1

    _key: tuple[tuple[str, str], ...] = ()
    _key_size: int = 0

    def pattern(self) -> _Words:
        """One pattern for every learned alias, longest first (rebuilt when aliases change)."""
        if self._re is None or self._re_size != len(self.aliases):
            words = tuple(self.aliases)
            got = _ALIAS_RES.get(words)
            if got is None:
                if len(_ALIAS_RES) >= 512:
                    _ALIAS_RES.clear()
                got = _ALIAS_RES[words] = _Words(list(words), fold=False)
            self._re = got
            self._re_size = len(self.aliases)
        return self._re

    def key(self) -> tuple[tuple[str, str], ...]:
        """The learned aliases in the order learned: what ``canonical`` depends on besides the phrase."""
        if self._key_size != len(self.aliases):
            self._key = tuple(self.aliases.items())
            self._key_size = len(self.aliases)
        return self._key


# Compiled alias patterns and canonical names by the aliases a document has learned: documents
# from one outlet learn the same ones. Both are cleared when full.
_ALIAS_RES: dict[tuple[str, ...], _Words] = {}
_CANONICAL: dict[tuple[str, tuple[tuple[str, str], ...]], tuple[str | None, bool, bool]] = {}


def _words_re(words: list[str], flags: int) -> re.Pattern[str]:
    """Any of ``words`` as a whole word, the longest where several match at one place.

    The alternation is shaped as a trie (see ``word_alternation``): at a place only one branch can
    go on, and its optional tails are greedy, so the longest word wins as with a longest-first list.
    """
    other = ""
    if flags & re.I:
        # case folding beyond ASCII ("Médecins Sans Frontières"): those words as a plain list, tried
        # after the trie of the others
        wide = sorted((w for w in words if not w.isascii()), key=len, reverse=True)
        if wide:
            other = "|" + "|".join(re.escape(w) for w in wide)
        words = [w.lower() for w in words if w.isascii()]  # one branch per letter whatever the case
    return re.compile(r"(?<![\w-])(?:" + word_alternation(set(words)) + other + r")(?![\w-])", flags)


class _Words:
    """Any of ``words`` as a whole word (:func:`_words_re`), the longest where several match at one
    place; with ``fold``, in any case. ``finditer`` gives each match's start, end and text.

    The regex engine cannot scan for the first letters of a case-insensitive pattern at C speed; on
    text whose letters are all ASCII (nearly all: see ``only_ascii_letters``) lower-casing first finds
    the same words at the same places. A match's text is then in lower case, which every caller folds
    to anyway. Words that cannot occur in ASCII text (no character of theirs matches an ASCII one in
    any case) are left out of that pattern. Where the C scan is built (``word_scanner``), it finds
    what that pattern finds.
    """

    __slots__ = ("any_case", "lower", "scan")

    def __init__(self, words: list[str], fold: bool = True) -> None:
        self.any_case = _words_re(words, re.I) if fold else None
        plain = [w.lower() for w in words if w.isascii() or _may_match_ascii(w)] if fold else words
        self.lower = _words_re(plain, 0) if plain else None
        self.scan = (
            word_scanner(plain, BEFORE_NO_WORD_OR_HYPHEN, AFTER_NO_WORD_OR_HYPHEN, True) if plain else None
        )

    def _hay(self, text: str) -> str | None:
        """The text the case-sensitive pattern is searched in, or None where only ``any_case`` will do."""
        if self.any_case is None:
            return text
        return text.lower() if only_ascii_letters(text) else None

    def finditer(self, text: str) -> list[tuple[int, int, str]]:
        hay = self._hay(text)
        if hay is None:
            assert self.any_case is not None
            return [(m.start(), m.end(), m.group()) for m in self.any_case.finditer(text)]
        if self.scan is not None:
            return [(a, b, hay[a:b]) for a, b in self.scan.find(hay, 0, len(hay))]
        return [(m.start(), m.end(), m.group()) for m in self.lower.finditer(hay)] if self.lower else []

    def search(self, text: str) -> tuple[int, int, str] | None:
        hay = self._hay(text)
        if hay is None or self.scan is None:
            rx = self.any_case if hay is None else self.lower
            m = rx.search(text if hay is None else hay) if rx is not None else None
            return None if m is None else (m.start(), m.end(), m.group())
        found = self.scan.find(hay, 0, len(hay))
        return (found[0][0], found[0][1], hay[found[0][0] : found[0][1]]) if found else None


def _may_match_ascii(word: str) -> bool:
    """Whether every character of ``word`` matches some ASCII character when case is ignored."""
    return all(
        ch.isascii() or any(re.fullmatch(re.escape(ch), chr(k), re.I) for k in range(128)) for ch in word
    )


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    raw = resources.files("attrition.extract").joinpath("data/sources.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    by_alias: dict[str, SourceInfo] = {}
    exact: dict[str, SourceInfo] = {}
    for s in data["sources"]:
        info = SourceInfo(s["name"], s.get("kind"), s.get("party"))
        for a in [s["name"], *s["aliases"]]:
            if a.isupper() or (len(a) <= 4 and a[:1].isupper()):
                exact[a] = info
            else:
                by_alias[a.lower()] = info
    nat: dict[str, str] = {}
    for key, words in data["nationalities"].items():
        for w in words:
            nat[w.lower()] = key
    templates = [
        (
            sorted(t["office"], key=len, reverse=True),
            t["by_nationality"],
            t.get("default"),
            _Words(t["office"]),
        )
        for t in data["templates"]
    ]
    parties = {s["name"]: s.get("party") for s in data["sources"]}
    for _, by_nat, _default, _re in templates:
        for k, name in by_nat.items():
            parties.setdefault(name, k if k not in ("uk", "us") else None)
    ci = sorted(by_alias, key=len, reverse=True)
    cs = sorted(exact, key=len, reverse=True)
    return {
        "ci": _Words(ci),
        "cs": _Words(cs, fold=False),
        "by_alias": by_alias,
        "exact": exact,
        "nat": nat,
        "nat_re": _Words(list(nat)),
        "templates": templates,
        # every template's office words at once: where none is, no template needs trying
        "any_office": _Words(sorted({w for t in data["templates"] for w in t["office"]})),
        "countries": dict(data.get("countries", {})),
        "own_side": [
            (_Words(t["office"]), t["by_nationality"]) for t in data["templates"] if t.get("own_side")
        ],
        "parties": parties,
    }


def source_info(name: str) -> SourceInfo | None:
    """The table's entry for a canonical name, if it has one."""
    t = _table()
    info: SourceInfo | None = t["by_alias"].get(name.lower()) or t["exact"].get(name)
    if info is None and name in t["parties"]:
        return SourceInfo(name, None, t["parties"][name])
    return info


def _fold(s: str) -> str:
    """A case-insensitive match as the alias tables key it: lower case, without the combining dot
    that lower-casing a dotted capital I leaves ("İ" matches "i" but lowers to "i̇")."""
    return s.lower().replace("\u0307", "")


def first_known_source(text: str) -> str | None:
    """The first organisation of the alias table named in ``text`` (the author of "we" and "our")."""
    t = _table()
    best: tuple[int, str] | None = None
    for rx, names, key in ((t["ci"], t["by_alias"], _fold), (t["cs"], t["exact"], str)):
        for start, _, found in rx.finditer(text):
            info = names.get(key(found))
            if info is None:
                continue  # a match the table cannot name (odd case folding): look further
            if best is None or start < best[0]:
                best = (start, info.name)
            break
    return best[1] if best else None


@lru_cache(maxsize=4096)
def own_office(name: str, side: str) -> str | None:
    """The office a phrase with no nationality names, when that office counts its own side's people.

    "the health ministry" with the claim's subject Gaza's Palestinians is the Gaza Health Ministry; a
    defence ministry is not resolved this way (it counts the other side's losses as often as its own).
    """
    t = _table()
    if t["nat_re"].search(name) is not None:
        return None
    for office_re, by_nat in t["own_side"]:
        if side in by_nat and office_re.search(name) is not None:
            return str(by_nat[side])
    return None


def party_of(name: str | None) -> str | None:
    """The conflict party a source belongs to: from the table, or a metonym ("Kyiv", "Moscow")."""
    if not name:
        return None
    info = source_info(name)
    if info is not None:
        return info.party
    return lx.SUBJECT_WORDS.get(tuple(name.lower().split()))


def canonical(np: str, doc: DocSources) -> tuple[str | None, bool, bool]:
    """(name, generic, anaphoric) for a source noun phrase."""
    if not doc.aliases:
        return _canonical_static(np)  # shared across documents: the same phrases recur
    key = (np, doc.key())
    got = _CANONICAL.get(key)
    if got is None:
        if len(_CANONICAL) >= 8192:
            _CANONICAL.clear()
        got = _CANONICAL[key] = _canonical(np, doc)
    return got


@lru_cache(maxsize=8192)
def _canonical_static(np: str) -> tuple[str | None, bool, bool]:
    return _canonical(np, DocSources())


def _canonical(np: str, doc: DocSources) -> tuple[str | None, bool, bool]:
    t = _table()
    text = np.strip()
    relayed = _RELAYED.search(text)
    if relayed is not None and relayed.start() > 0:
        inner = _canonical(text[: relayed.start()], doc)  # "a NATO official quoted by ArmyInform": NATO
        if inner[0] is not None and not inner[1]:
            return inner
    low = text.lower()
    found: list[tuple[int, int, str]] = []
    for start, end, alias in t["ci"].finditer(text):
        info = t["by_alias"].get(_fold(alias))
        if info is not None:
            found.append((start, end, info.name))
    for start, end, alias in t["cs"].finditer(text):
        info = t["exact"].get(alias)
        if info is not None:
            found.append((start, end, info.name))
    anaphoric = low.startswith("the ") and any(w in low.split() for w in lx.GENERIC_SOURCE_WORDS)
    nat = None
    for _, _, word in t["nat_re"].finditer(text):
        nat = t["nat"].get(_fold(word))
        if nat is not None:
            break
    if found:
        found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
        start, end, name = found[0]
        if text[start:end].lower() not in _CAPITALS:
            return name, False, anaphoric
        # a capital names its government ("Kyiv says"), unless an office is named with it ("the
        # General Staff in Kyiv"): then it gives the office's nationality
        for _offices, by_nat, _default, office_re in t["templates"]:
            if nat and nat in by_nat and office_re.search(text) is not None:
                return by_nat[nat], False, anaphoric
        return name, False, anaphoric
    for _offices, by_nat, default, office_re in t["templates"] if t["any_office"].search(text) else ():
        office_found = office_re.search(text)
        if office_found is None:
            continue
        if nat and nat in by_nat:
            return by_nat[nat], False, anaphoric
        office = office_found[2].lower()
        for alias, name in doc.aliases.items():
            if office in alias:
                return name, False, True
        if default and not nat:
            return default, False, anaphoric
    if doc.aliases:
        alias_found = doc.pattern().search(low)
        if alias_found is not None:
            return doc.aliases[alias_found[2]], False, True
    country = t["countries"].get(low[4:] if low.startswith("the ") else low)
    if country is not None:
        return country, False, False  # "Ukraine estimates that ...": its government
    org = org_phrase(text)
    if org is not None:
        return org, False, anaphoric  # "a research fellow at the National Institute for Strategic Studies"
    words = _NP_WORDS.findall(low)
    if (
        len(words) > 2
        and words[0] == "the"
        and words[1] in _PLACE_POSSESSIVES
        and nat is None
        and any(office_re.search(text) for office_re, _ in t["own_side"])
    ):
        # "the territory's health ministry": the one named before, else the office as such
        return " ".join(text.split()[2:]), True, True
    if len(words) > 1 and words[0] in ("its", "their") and words[-1] in _PUBLICATION_NOUNS:
        return None, True, True  # "its daily intelligence update said": the source named before
    if words and all(
        w in lx.GENERIC_SOURCE_WORDS or w in _NP_LEAD_DROP or w in _GENERIC_EXTRA or w in lx.DATA_NOUNS
        for w in words
    ):
        return None, True, True
    return _clean(text), False, False


_NP_WORDS: Final = re.compile(r"[\w'’-]+")
_GENERIC_EXTRA: Final = frozenset("the military defence defense foreign our".split())
_CAPITALS: Final = frozenset(["kyiv", "kiev", "moscow"])
_RELAYED: Final = re.compile(r"[ ,]+(?:as[ ]+)?(?:quoted|cited|interviewed)[ ]+by[ ]")
_PLACE_POSSESSIVES: Final = frozenset(
    "territory's country's enclave's strip's region's state's city's nation's territory’s country’s "
    "enclave’s".split()
)
_PUBLICATION_NOUNS: Final = frozenset(
    "update updates report bulletin statement assessment analysis study tally estimate estimates figures "
    "data briefing summary release survey review".split()
)


_PERSON_THEN: Final = re.compile(r"([A-Z][\w'’-]+(?:[ ][A-Z][\w'’-]+){1,3}),[ ]")


def _clean(np: str) -> str:
    person = _PERSON_THEN.match(np.strip())
    if person is not None:
        return person.group(1)  # "Tom Perriello, then the US special envoy for Sudan": the person
    words = np.replace("U.S.", "US").replace("U.K.", "UK").split()
    single = bool(words) and words[0].lower() in ("a", "an", "one")
    while words and words[0].lower().strip("'’") in _NP_LEAD_DROP:
        words = words[1:]
    if single and words and words[-1].lower() in ("official", "source", "analyst", "diplomat"):
        words[-1] += "s"  # "a Western official" speaks for "Western officials"
    return " ".join(words).strip(" ,.;:'\"“”‘’") or np.strip()


_ORG_PHRASE: Final = re.compile(
    r"(?:[A-Z][\w'’&.-]*[ ]+(?:(?:of|for|the|and|on|&)[ ]+)*)*"
    "(?:" + "|".join([*lx.ORG_WORDS, "group", "project", "monitor"]) + ")"
    r"(?:[ ]+(?:of|for|on|in)[ ]+(?:the[ ]+)?[A-Z][\w'’-]*(?:[ ]+(?:[A-Z][\w'’-]*|of|for|the|and|&))*)?"
)


def org_phrase(np: str) -> str | None:
    """The organisation named inside a phrase about a person: "analyst X of the Black Bird Group"."""
    if _ORG_WORD_SCAN is not None and not _ORG_WORD_SCAN.starts(np, 0, len(np)):
        return None  # no organisation's word: no match (the scan is far quicker than the pattern)
    best = None
    for m in _ORG_PHRASE.finditer(np):
        phrase = m.group().strip()
        if phrase[:1].isupper() and " " in phrase and (best is None or len(phrase) > len(best)):
            best = phrase
    if best is None:
        return None
    words = best.split()
    if "of" in words:  # "Deputy Head Ivan Marchenko of the Sumy Regional Military Administration"
        k = words.index("of")
        if _ORG_WORD_SET.isdisjoint(words[:k]) and not _ORG_WORD_SET.isdisjoint(words[k + 1 :]):
            words = words[k + 1 :]  # a person's title and name before "of": the organisation is after
    while words and words[0] in ("The", "A", "An", "the"):
        words = words[1:]
    return " ".join(words) or None


_ORG_WORD_SET: Final = frozenset([*lx.ORG_WORDS, "group", "project", "monitor"])
# Those words anywhere (_ORG_PHRASE needs one; in C where it is built).
_ORG_WORD_SCAN: Final = word_scanner(_ORG_WORD_SET, BEFORE_ANY, AFTER_ANY, False)


def learn(text: str, doc: DocSources) -> None:
    """Learn a document's abbreviations ("British Ministry of Defence (MoD)") and people.

    Each pattern is anchored on something rare and literal (a parenthesis, a title word, ", a "),
    and the capitalised words around it are read from a short window.
    """
    for m in _ABBREV.finditer(text):
        before = _CAPS_BEFORE.search(text, max(0, m.start() - 120), m.start())
        if before is None:
            continue
        name, generic, _ = canonical(before.group(), doc)
        if name and not generic:
            doc.aliases.setdefault(m.group(1).lower(), name)
    for m in _titles(text):
        if m.start() > 0 and text[m.start() - 1].isalpha():
            continue
        before = _CAPS_BEFORE.search(text, max(0, m.start() - 100), m.start())
        org = (before.group() if before else "") + m.group("title")
        name, generic, _ = canonical(org, doc)
        if (
            name
            and not generic
            and name.lower() not in ("ukraine", "russia")
            and (source_info(name) is not None or org_phrase(name) is not None)
        ):  # an organisation's officer, not a rank ("Lieutenant Colonel Andriy Savka")
            if source_info(name) is None:
                name = org_phrase(name) or name  # "Kharkiv Oblast Military Administration Head"
            _learn_person(m.group("person"), name, doc)
    for m in _offices_then_persons(text):
        name, generic, _ = canonical(m.group("org"), doc)
        if not name or generic:
            continue
        if source_info(name) is None:
            name = m.group("office")  # "the Chief Minister of Balochistan, Sarfraz Bugti": the office
        else:  # "the General Staff" later in the text is this one, whatever the usual default
            doc.aliases.setdefault(m.group("org").lower(), name)
        _learn_person(m.group("person"), name, doc)
    for m in _APPOSITIVE.finditer(text):
        person = _PERSON_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if person is None:
            continue
        name, generic, _ = canonical(m.group("org"), doc)
        if name and not generic:
            _learn_person(person.group(), name, doc)


def _offices_then_persons(text: str) -> list[re.Match[str]]:
    """``_OFFICE_THEN_PERSON``'s matches, tried only before an " of " that follows an office word."""
    out: list[re.Match[str]] = []
    last = 0
    i = text.find(" of ")
    while i >= 0:
        word_start = text.rfind(" ", max(0, i - 16), i) + 1
        if text[word_start:i] in _OFFICE_LAST and word_start >= last:
            m = _OFFICE_THEN_PERSON.search(text, max(last, word_start - 12), i + 240)
            if m is not None and m.start() <= word_start:
                out.append(m)
                last = m.end()
        i = text.find(" of ", i + 4)
    return out


def named_before(text: str, end: int, np: str) -> str | None:
    """The known organisation named earlier in the text by a name holding the generic phrase's noun:
    "the mission" after "The UN Human Rights Monitoring Mission in Ukraine (HRMMU) has been counting"."""
    words = np.split()
    if not words or words[0].lower() not in ("the", "this"):
        return None
    nouns = [w.lower().removesuffix("'s").removesuffix("’s") for w in words]  # "the Observatory's estimate"
    noun = next((w for w in nouns if w in _NAMED_NOUNS), None)
    if noun is None:
        return None
    cap = " " + noun.capitalize()
    lo = max(0, end - 6000)
    at = text.rfind(cap, lo, end)
    while at >= 0:
        before = _CAPS_BEFORE.search(text, max(0, at - 100), at + 1)  # the name's words before the noun
        if before is not None:
            name, generic, _ = canonical(before.group() + cap[1:], DocSources())
            if name and not generic and source_info(name) is not None:
                return name
        at = text.rfind(cap, lo, at)
    return None


_NAMED_NOUNS: Final = frozenset("mission ministry agency monitor observatory office commission".split())


def _learn_person(person: str, name: str, doc: DocSources) -> None:
    doc.aliases.setdefault(person.lower(), name)
    doc.aliases.setdefault(person.split()[-1].lower(), name)


_CAP: Final = r"[A-Z][\w'’-]*"
_ABBREV: Final = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")
_CAPS_BEFORE: Final = re.compile(rf"(?:{_CAP}[ ]+(?:(?:of|for|the|and|on)[ ]+)*){{1,8}}$")
_TITLES: Final = (
    "Secretary General|Minister|Chief|Commander|Head|Director|Spokesman|Spokeswoman|"
    "Spokesperson|General|Admiral|Colonel|President|Chairman|Fellow|Analyst"
).split("|")
_TITLE: Final = re.compile(
    "(?P<title>" + "|".join(t.replace(" ", "[ ]") for t in _TITLES) + ")"
    rf"[ ]+(?P<person>{_CAP}(?:[ ]+{_CAP}){{1,2}})"
)
# Where a title word begins (in C where it is built): _TITLE is tried only there.
_TITLE_SCAN: Final = word_scanner(_TITLES, BEFORE_ANY, AFTER_ANY, False)


def _titles(text: str) -> list[re.Match[str]]:
    """``_TITLE.finditer(text)``'s matches, tried only where a title word begins."""
    if _TITLE_SCAN is None:
        return list(_TITLE.finditer(text))
    out = []
    last = 0
    for p in _TITLE_SCAN.starts(text, 0, len(text)):
        if p < last:
            continue
        m = _TITLE.match(text, p)
        if m is not None:
            out.append(m)
            last = m.end()
    return out


_PERSON_BEFORE: Final = re.compile(rf"{_CAP}[ ]+{_CAP}$")
# An office of an organisation, then its holder: "the Director General of Inter-Services Public
# Relations (ISPR), Lieutenant General Ahmed Sharif Chaudhry", "the Chief Minister of Balochistan,
# Sarfraz Bugti". Anchored on the office's literal words.
_OFFICE_LAST: Final = frozenset(
    "General Minister Governor Head Director Chief Spokesman Spokeswoman Spokesperson Commander Chairman "
    "Chairwoman Secretary Mayor".split()
)
_OFFICE_THEN_PERSON: Final = re.compile(
    r"(?P<office>(?:Director[ ]General|Chief[ ]Minister|Governor|Head|Director|Chief|Minister|Spokesman|"
    r"Spokeswoman|Spokesperson|Commander|Chairman|Chairwoman|Secretary|Mayor|Prosecutor[ ]General)"
    rf"[ ]+of[ ]+(?:the[ ]+)?(?P<org>{_CAP}(?:[ ]+(?:{_CAP}|of|for|the|and)){{0,12}}?))"
    r"(?:[ ]+\([A-Za-z]{2,8}\))?,[ ]+"
    rf"(?P<person>{_CAP}(?:[ ]+{_CAP}){{1,4}})"
)
_APPOSITIVE: Final = re.compile(
    r",[ ]+(?:a|an|the)[ ]+[^,.;]{0,60}?(?:at|of|with|for)[ ]+(?:the[ ]+)?"
    rf"(?P<org>{_CAP}(?:[ ]+(?:{_CAP}|of|for|the|and))*)"
)


def find_attributions(toks: TokenList, text: str, doc: DocSources) -> list[Attribution]:
    """Reporting clauses of one sentence (tokens of that sentence).

    Forms: "according to X", "by X's figures", "X said (that)", "..., said X", "..., X said",
    a headline's "X: ..." and "... - X".
    """
    out: list[Attribution] = []
    n = len(toks.lows)
    lows = toks.lows
    head = _headline_source(toks, text, doc)
    if head is not None:
        out.append(head)
    label = _label_source(toks, text, doc)
    if label is not None:
        out.append(label)

    def add(np: tuple[int, int] | None, i: int, j: int, post: bool = False, strict: bool = False) -> bool:
        """Append the attribution of the phrase ``np`` to the trigger tokens ``i..j``, if it names one."""
        a = (
            _make(toks, np, toks.starts[i], toks.ends[j], post=post, text=text, doc=doc, strict=strict)
            if np
            else None
        )
        if a is not None:
            out.append(a)
        return a is not None

    triggers = _TRIGGERS
    for i in [k for k in range(n) if lows[k] in triggers]:  # the trigger words (a compiled loop)
        w = lows[i]
        if w == "according" and i + 1 < n and toks.lows[i + 1] == "to":
            add(_np_right(toks, i + 2), i, i + 1)
            continue
        if (w == "by" or w == "per" or w == "citing") and not lx.DATA_NOUNS.isdisjoint(lows[i + 1 : i + 8]):
            # "by Ukrainian General Staff figures", "by ISW's reckoning", "per the latest UN figures"
            add(_np_right(toks, i + 1), i, i)
            continue
        if w == "from" and i > 0 and lows[i - 1] in ("come", "comes", "came"):
            add(
                _np_right(toks, i + 1), i, i, strict=True
            )  # "the highest numbers come from the General Staff"
            continue
        if w not in lx.REPORTING_VERBS or w == "according":
            continue
        if w in _NOUN_VERBS and (
            (i + 1 < n and (toks.lows[i + 1] in lx.REPORTING_VERBS or toks.lows[i + 1] in _AFTER_NOUN))
            or (i > 0 and toks.lows[i - 1].endswith("'s"))
        ):
            continue  # "estimates suggest", "Western estimates of ...", "Washington's estimates are": a noun
        prev = toks.lows[i - 1] if i else ""
        if prev in _PASSIVE or prev in _DETERMINERS:
            continue  # "were reported killed", "the reported figure"
        if i > 1 and prev in _REPORT_ADJECTIVES and toks.lows[i - 2] in _DETERMINERS:
            continue  # "presenting its quarterly report", "the latest update": a noun
        if (
            "according" in lows[max(0, i - 6) : i]
            and "," not in lows[lows.index("according", max(0, i - 6)) : i]
        ):
            continue  # "according to the ministry report released on Monday": a noun in the phrase
        nxt = toks.lows[i + 1] if i + 1 < n else ""
        if w in ("estimated", "estimate", "put", "puts") and (
            nxt[:1].isdigit() or nxt in ("to", "at", "out")
        ):
            continue  # "put out of action", "estimated 1,000": not a statement
        if (
            w in ("state", "states")
            and i > 1
            and toks.texts[i - 1][:1].isupper()
            and ((nxt.isalpha() and nxt != "that") or nxt in (".", ",", ";", ")", ""))
        ):
            continue  # "Borno state governor Zulum said", "towards Gedaref and Kassala states.": a noun
        weak = w in lx.WEAK_REPORTING_VERBS and nxt not in ("that", ":", ",", "on", ".", "")
        if weak and prev not in (",", "”", '"'):
            add(_np_left(toks, i), i, i, strict=True)  # "Iraq Body Count has documented 186,901 deaths"
            continue
        if prev in (",", "”", '"', "’", "'") and i + 1 < n:
            k = _skip_date_words(toks, i + 1)
            if (
                k < n
                and any(t[:1].isupper() for t in toks.texts[k : k + 7])
                and toks.lows[k] not in _PRONOUNS
            ):
                if add(_np_right(toks, k), i, i, post=True):  # '..., said NATO Secretary General Mark Rutte.'
                    continue
                # no name after it: the name may come before an aside ("Russia, for its part, claims
                # Ukraine has lost ...", "Ukraine's General Staff, which publishes a tally, counted ...")
        np = _np_left(toks, i)
        if not np:
            continue
        lead = toks.lows[np[0] - 1] if np[0] > 0 else ""
        rest = sum(1 for t in lows[i + 1 :] if t.isalnum()) if lead in (",", "”", '"', "’") else 0
        # "..., NATO says." closes the sentence; "..., the ministry said Russia had ..." opens a clause
        post = lead in (",", "”", '"', "’") and not _followed_by_that(toks, i) and rest <= 8
        add(np, i, i, post=post)
    return out


# Rubrics that lead a headline as a source would ("LIVE: ...", "Factbox: ...").
_RUBRICS: Final = frozenset(
    "live breaking update updated updates exclusive analysis opinion watch explainer factbox video photos "
    "timeline editorial comment review interview profile latest news".split()
)
# Heads of lower-case names of offices that still name a source: "the commissioner for missing persons".
_OFFICE_HEADS: Final = frozenset("commissioner ombudsman monitor commission mission tracker".split())
_FUNCTION_WORDS: Final = frozenset("in on at the a an according last this by for from with".split())
_CLAUSE_WORDS: Final = frozenset("had has have been was were is are will would".split())
_PRONOUNS: Final = frozenset("it he she they we this that there".split())
_SUBJECT_PRONOUNS: Final = frozenset("it he she they we".split())
_DATE_WORDS: Final = frozenset(
    "on monday tuesday wednesday thursday friday saturday sunday morning evening night afternoon "
    "yesterday today last week".split()
)
_ORG_WORDS: Final = frozenset(w.lower() for w in lx.ORG_WORDS) | {"forces", "army", "intelligence"}


_DATE_LINKS: Final = frozenset("on in at the this last of".split())


def _skip_date_words(toks: TokenList, i: int) -> int:
    """After an inverted verb: "reported on Wednesday morning the General Staff"."""
    j = i
    while (
        j < len(toks.lows)
        and j - i < 6
        and (
            toks.lows[j] in _DATE_WORDS or (toks.lows[j][:1].isdigit() and j > i and toks.lows[j - 1] == "on")
        )
    ):
        j += 1
    if j < len(toks.lows) and toks.lows[j] in lx.MONTHS:
        j += 1
        while j < len(toks.lows) and toks.lows[j][:1].isdigit():
            j += 1
    if all(w in _DATE_LINKS for w in toks.lows[i:j]):
        return i  # "reported on the fighting in Belgorod": no date skipped, no name after the verb
    return j


def _headline_source(toks: TokenList, text: str, doc: DocSources) -> Attribution | None:
    """ "ISW: Russian army losing 1,140 soldiers a day", "Russian losses top 1 million - Kyiv"."""
    n = len(toks.lows)
    lows = toks.lows
    if ":" not in lows[1:11] and _TRAILERS.isdisjoint(lows[max(1, n - 7) : n - 1]):
        return None  # neither form can be there (the loops below look no further)
    for k in range(1, min(n, 11)):
        if toks.lows[k] == ":":
            if k + 1 < n and toks.lows[k + 1][:1].isdigit() and k > 0 and toks.lows[k - 1].isdigit():
                return None  # a time of day
            end = next((x for x in range(k) if toks.lows[x] == ","), k)  # "X update, 3 June 2025:"
            lead = _make(
                toks, (0, end), toks.starts[k], toks.ends[k], post=False, text=text, doc=doc, strict=True
            )
            if lead is not None:
                return lead
            break  # "Russia Lost 1 Million Soldiers: General Staff" may still name its source last
        if not (
            toks.texts[k][:1].isupper()
            or toks.lows[k]
            in ("of", "for", "the", "and", "'s", ",", "update", "report", "briefing", "summary")
            or toks.lows[k][:1].isdigit()
        ):
            break
    for k in range(n - 2, max(0, n - 8), -1):
        if toks.lows[k] in _TRAILERS and k + 1 < n:  # "... - Kyiv", "...: Ukrainian General Staff"
            end = n - 1 if toks.lows[-1] in (".", "!") else n
            if end > k + 1 and toks.texts[k + 1][:1].isupper():
                return _make(toks, (k + 1, end), toks.starts[k], toks.ends[k], post=True, text=text, doc=doc,
                             strict=True)  # fmt: skip
    return None


def _label_source(toks: TokenList, text: str, doc: DocSources) -> Attribution | None:
    """The source in brackets closing a label before a figure: "Civilians killed (UN mission): 13,134"."""
    lows = toks.lows
    if ")" not in lows or ")" not in lows[2:16]:
        return None
    close = lows.index(")", 2)
    if close + 1 >= len(lows) or lows[close + 1] not in (":", "–", "—"):
        return None
    if not any(w[:1].isdigit() for w in lows[close + 2 : close + 5]):
        return None
    opening = next((k for k in range(close - 1, max(-1, close - 9), -1) if lows[k] == "("), None)
    if opening is None:
        return None
    end = next((k for k in range(opening + 1, close) if lows[k] in (",", ";")), close)
    return _make(
        toks, (opening + 1, end), toks.starts[close + 1], toks.ends[close + 1], post=False, text=text, doc=doc
    )


def _followed_by_that(toks: TokenList, i: int) -> bool:
    return not _THAT.isdisjoint(toks.lows[i + 1 : i + 6])


_THAT: Final = frozenset(["that", ":"])
# Marks before a headline's closing source: "... - Kyiv", "...: Ukrainian General Staff".
_TRAILERS: Final = frozenset(["-", "–", "—", ":"])
# The words find_attributions acts on: reporting verbs ("according" among them) and "by".
_TRIGGERS: Final = lx.REPORTING_VERBS | {"by", "per", "citing", "from"}


_RELATIVE_PRONOUNS: Final = frozenset(["which", "who", "whose", "that"])


def _np_left(toks: TokenList, verb: int) -> tuple[int, int] | None:
    j = verb - 1
    while j >= 0 and (
        toks.lows[j] in _SKIP_BEFORE_VERB or toks.lows[j][:1].isdigit() or toks.lows[j] in lx.MONTHS
    ):
        j -= 1
    if j >= 2 and toks.lows[j] == ")" and toks.lows[j - 2] == "(":
        j -= 3  # "The British Ministry of Defence (MoD) reported"
    if j >= 0 and toks.lows[j] in _SUBJECT_PRONOUNS:
        return (j, j + 1)  # "... 1,570 a day it calculated": the pronoun alone is the subject
    end = j + 1
    if j > 0 and toks.lows[j] == ",":
        # "Dmitry Medvedev, deputy head of Russia's Security Council, said": the person and the aside
        c = next((x for x in range(j - 1, max(-1, j - 28), -1) if toks.lows[x] in (",", ";", ".")), None)
        relative = (
            c is not None
            and c + 1 < j
            and toks.lows[c + 1] in _RELATIVE_PRONOUNS
            and not _acronym(toks, c + 1)
        )
        if (
            c is not None
            and (j - c < 14 or relative)
            and toks.lows[c] == ","
            and c > 0
            and (
                toks.texts[c - 1][:1].isupper()
                or toks.lows[c - 1] in lx.GENERIC_SOURCE_WORDS
                or toks.lows[c - 1] == ")"  # "Observatory for Human Rights (SOHR), which"
            )
        ):
            # "The ministry, which publishes a daily tally, said": the relative clause is no part of the
            # name; an aside is ("Dmitry Medvedev, deputy head of Russia's Security Council, said")
            # unless it names nothing ("Russia, for its part, claims")
            aside = toks.texts[c + 1 : j]
            bare = not any(t[:1].isupper() for t in aside) and lx.GENERIC_SOURCE_WORDS.isdisjoint(
                toks.lows[c + 1 : j]
            )
            end = c if relative or bare else j
            j = c - 1
        elif (
            c is not None
            and toks.lows[c] == ","
            and 1 < j - c < 14
            and any(t[:1].isupper() for t in toks.texts[c + 1 : j])
        ):
            end = j  # "The military's media wing, Inter-Services Public Relations (ISPR), said": the name
            j -= 1
    k = j
    while k >= 0 and j - k <= 14:
        w = toks.lows[k]
        if w in lx.WEEKDAYS or w in lx.MONTHS or w[:1].isdigit():
            break  # "On Friday the General Staff said": the date is not part of the name
        if w == ")" and k >= 2 and toks.lows[k - 2] == "(":
            k -= 3  # "the Center for Strategic and International Studies (CSIS) in Washington"
            continue
        if w in _STOP_LEFT and not _acronym(toks, k):  # "the WHO said": a name, not a relative pronoun
            if (
                w == "and"
                and 0 < k
                and toks.texts[k - 1][:1].isupper()
                and k + 1 < end
                and toks.texts[k + 1][:1].isupper()
            ):
                k -= 1
                continue
            if (
                w in ("-", "–")
                and 0 < k
                and toks.texts[k - 1][:1].isalpha()
                and toks.texts[k + 1][:1].isalpha()
            ):
                k -= 1
                continue
            break
        k -= 1
    start = k + 1
    if start >= end:
        return None
    return start, end


def _np_right(toks: TokenList, i: int) -> tuple[int, int] | None:
    j = i
    n = len(toks.lows)
    if i < n and toks.lows[i] in ("in", "on", "at", "during", "last", "this", "earlier", "later"):
        return None  # "..., Medvedev said in January": a time, not a name
    while j < n and j - i < 14:
        w = toks.lows[j]
        if w in (",", ";", ".", "!", "?", "(", ":", "that", "“", "”", '"', "while", "but", "and"):
            if not (w == "and" and j + 1 < n and toks.texts[j + 1][:1].isupper()):
                break
        if w in ("said", "says", "say", "show", "shows", "showed", "suggest", "suggests") and j > i:
            break
        j += 1
    if j < n and toks.lows[j] == "," and j + 1 < n and toks.lows[j + 1] in ("a", "an", "the"):
        k = j + 1
        while k < n and k - j < 16 and toks.lows[k] not in (",", ";", ".", "!", "?", ":"):
            k += 1
        return (i, k) if k > i else None
    return (i, j) if j > i else None


_DETERMINERS: Final = frozenset(["the", "a", "an", "its", "their", "his", "her"])
_OWNER_OF_DATA: Final = re.compile(
    r"['’]s[ ]+(?:latest[ ]+|own[ ]+|new[ ]+)?(?:" + "|".join(sorted(lx.DATA_NOUNS)) + r")$"
)
_REPORT_ADJECTIVES: Final = frozenset(
    "quarterly monthly weekly daily annual yearly latest new recent final interim first second last "
    "previous special joint official preliminary periodic regular lower higher low high lowest highest "
    "upper earlier later newer newest rough conservative central median best worst prior initial".split()
)
# A body referred back to by a generic noun that may govern a weak verb ("the mission verified 286").
_DEFINITE_BODIES: Final = frozenset("mission monitor observatory ministry agency commission".split())


def _acronym(toks: TokenList, k: int) -> bool:
    """The token at ``k`` is a name in capitals ("WHO"), not the word it spells ("who")."""
    t = toks.texts[k]
    return len(t) > 1 and t.isupper()


def _clause(toks: TokenList, np: tuple[int, int]) -> bool:
    """A clause word among the phrase's words, not a name in capitals ("the WHO said")."""
    return any(toks.lows[k] in _CLAUSE_WORDS and not _acronym(toks, k) for k in range(*np))


def _make(
    toks: TokenList,
    np: tuple[int, int],
    verb_char: int,
    verb_end: int,
    post: bool,
    text: str,
    doc: DocSources,
    strict: bool = False,
) -> Attribution | None:
    a, b = np
    lows = toks.lows[a:b]
    if not lows or lows[0] in ("neither", "nor", "no", "none"):
        return None  # "neither Moscow nor Kyiv publishes a full account": nobody says a figure
    if all(w in _RUBRICS or not w.isalpha() for w in lows):
        return None  # a headline's rubric ("LIVE: ...", "Analysis: ..."), not who says
    texts = toks.texts[a:b]
    np_start = toks.starts[a]
    np_end = toks.ends[b - 1]
    head = lows[-1]
    if head in lx.NON_SOURCE_HEADS:
        known, _, _ = canonical(text[np_start:np_end], doc)
        if known is None or source_info(known) is None:
            return None  # "Russian forces reported" is no source; "Ukraine's armed forces" is
    office = head in _OFFICE_HEADS or not _OFFICE_HEADS.isdisjoint(lows[-4:])
    if (
        not office
        and lx.GENERIC_SOURCE_WORDS.isdisjoint(lows)
        and not any(t[:1].isupper() and w not in _FUNCTION_WORDS for t, w in zip(texts, lows, strict=True))
    ):
        return None  # no capital, no office, no generic word: no source
    if (not _CLAUSE_WORDS.isdisjoint(lows) and _clause(toks, (a, b))) or any(w[:1].isdigit() for w in lows):
        return None  # a clause, not a name: "1,140 Russian troops had been put out of action"
    np_text = text[np_start:np_end]
    owner = _OWNER_OF_DATA.search(np_text)
    if owner is not None and owner.start() > 0:
        np_text = np_text[: owner.start()]  # "Global Desk's calculation": Global Desk
    name, generic, anaphoric = canonical(np_text, doc)
    if name is None and not generic:
        return None
    if strict and (
        (generic and not (lows[0] == "the" and len(lows) == 2 and lows[1] in _DEFINITE_BODIES))
        or (source_info(name or "") is None and _ORG_WORDS.isdisjoint(lows) and len(lows) > 1)
        or any(w in lx.SUBJECT_WORDS_FLAT and source_info(name or "") is None for w in lows[:1])
        or (len(lows) == 1 and lows[0] in ("ukraine", "russia", "israel", "sudan", "gaza", "syria"))
    ):
        return None  # a headline's "Sudan: ...", "Ukraine: ..." names a place, not a source
    return Attribution(name, party_of(name), verb_char, verb_end, np_start, np_end, post, generic, anaphoric)
