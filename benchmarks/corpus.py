"""A deterministic synthetic news corpus and hostile inputs for the extraction benchmark.

The corpus is built from the example articles in ``examples/articles/*.txt`` (or, when there are
none, from a few built-in articles below): every document is one article with its figures, dates,
months and years rewritten at random by regular expressions, so that the same sentence shapes come
back with fresh numbers, qualifiers and ranges. The same ``seed`` and the same example articles
always give the same corpus.

``hostile_inputs`` returns texts of a given size made to trip up a regex-based extractor:
long comma runs, "between" chains, deep parentheses and very long lines.

Run as a script to write a corpus as text files plus a manifest for ``attrition extract``::

    python benchmarks/corpus.py --mb 5 -o benchmarks/.corpus
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path

ARTICLES_DIR = Path(__file__).resolve().parents[1] / "examples" / "articles"
DEFAULT_TARGET_BYTES = 5_000_000

MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Qualifiers an article may put before a figure, grouped by the bound they express.
QUALIFIERS: dict[str, tuple[str, ...]] = {
    "approx": ("about", "around", "roughly", "approximately", "some", "an estimated", "close to"),
    "at_least": ("more than", "over", "at least", "in excess of", "upwards of"),
    "at_most": ("nearly", "almost", "up to", "less than", "under", "fewer than", "as many as"),
}
ALL_QUALIFIERS: tuple[str, ...] = tuple(q for group in QUALIFIERS.values() for q in group)
BARE_RANGE_FORMS: tuple[str, ...] = ("{a} to {b}", "{a}-{b}", "{a}\u2013{b}")  # usable after "from", "the"
RANGE_FORMS: tuple[str, ...] = (*BARE_RANGE_FORMS, "between {a} and {b}", "from {a} to {b}")
YEAR_MIN, YEAR_MAX = 2014, 2026
# Words after which a qualifier or a range would not read as English ("the about 500", "as high as from").
NO_INSERT_AFTER = frozenset(
    {"the", "a", "an", "as", "than", "and", "to", "between", "from", "its", "their", "his", "her"}
)
_LAST_WORD_RE = re.compile(r"([A-Za-z]+)\W*$")
_PERCENT_RE = re.compile(r"\s*(?:%|per\s*cent|percent)")

# Built-in articles (written for this benchmark) used when examples/articles has no .txt files.
FALLBACK_ARTICLES: tuple[str, ...] = (
    """Russian losses climb as summer offensive stalls

Kyiv, June 14, 2025

Ukraine's General Staff said on Saturday that Russia has lost about 1,004,560 soldiers killed or \
wounded since the full-scale invasion began on February 24, 2022, including 1,130 over the past day.

Western officials put the figure lower. A senior NATO official told reporters in Brussels that Russian \
forces were suffering roughly 1,000 casualties a day in May, of whom between 200 and 250 were killed.

The UK Ministry of Defence estimated in its daily intelligence update that Russian casualties in 2024 \
averaged 1,523 per day in November, the highest monthly rate of the war, and that total Russian \
casualties reached more than 700,000 by the end of the year.

Analysts at the Institute for the Study of War said Russian troops had seized 4,168 square kilometres \
of Ukrainian territory in 2024, or about 0.69% of the country, at a cost of 427,000 casualties.

The Kremlin does not publish its own figures. Independent media counted 106,745 Russian soldiers \
confirmed dead by name as of June 6, 2025.
""",
    """Sudan's war forces record numbers from their homes

Geneva, 3 March 2025

More than 12 million people have been forced to flee their homes in Sudan since fighting broke out \
between the army and the paramilitary Rapid Support Forces in April 2023, the UN refugee agency said \
on Monday.

Of those, some 3.8 million have crossed into neighbouring countries, while 8.6 million are displaced \
inside Sudan, according to the International Organization for Migration.

Estimates of the dead vary widely. A study by the London School of Hygiene and Tropical Medicine \
suggested that 61,000 people died in Khartoum state alone in the first 14 months of the war, of whom \
at least 26,000 were killed by violence.

The World Health Organization said on February 27 that nearly 2,000 health workers had been injured \
and 70 attacks on hospitals recorded since January 2024.
""",
    """North Korean troops suffer heavy losses in Kursk, Seoul says

Seoul, January 13, 2025

South Korea's National Intelligence Service told lawmakers on Monday that about 300 North Korean \
soldiers had been killed and 2,700 wounded while fighting for Russia in the Kursk region.

Pyongyang sent between 11,000 and 12,000 troops to Russia in October and November 2024, the agency \
said, and may deploy up to 3,000 more in the coming months.

Ukrainian President Volodymyr Zelensky said on January 11 that his forces had captured two North \
Korean soldiers, the first prisoners of war from the country. He said earlier that almost 4,000 North \
Koreans had been killed or wounded by mid-December.

According to the US Department of Defense, roughly 60,000 Russian and North Korean troops are now \
massed in the region to push Ukrainian forces back.
""",
    """Gaza death toll passes 50,000, health ministry says

Cairo, March 23, 2025

The Palestinian health ministry in Gaza said on Sunday that 50,021 people had been killed and 113,274 \
wounded since October 7, 2023, when Hamas-led fighters attacked Israel, killing about 1,200 people.

The ministry said 673 people had been killed in the past week alone, after the ceasefire collapsed on \
March 18. It does not distinguish between civilians and combatants.

The United Nations said on March 20 that around 1.9 million people, or 90% of the population, had \
been displaced at least once since the start of the war, many of them several times.

Israel's military says it has killed more than 20,000 militants; the figure could not be verified.
""",
    """Front line barely moves despite huge cost, report finds

London, 8 August 2025

Russia gained about 1,415 square kilometres of Ukrainian land from January to April 2025, an average \
of 12 square kilometres a day, the Royal United Services Institute said in a report on Friday.

The think tank estimated that Russian forces suffered 167 casualties for every square kilometre they \
took, and that the army recruited 30,000 to 35,000 new soldiers a month to replace its losses.

Russia now occupies about 18% of Ukraine, including Crimea and the parts of Donbas seized in 2014, \
according to the report. In 2024 it took some 0.7% of the country's territory.

Ukraine has not disclosed its own losses. President Zelensky said in February that 46,000 Ukrainian \
soldiers had been killed and 380,000 wounded, while tens of thousands were missing or held captive.
""",
    """Officials revise toll from the eastern offensive

Kyiv, 21 November 2024

The ministry said on Thursday that 2,340 soldiers had been recruited in the region in October, up \
from 1,870 in September, and that 850 were missing in action after the autumn fighting.

An estimated 4,500 troops were taken prisoner over the summer, according to the Coordination \
Headquarters for the Treatment of Prisoners of War, which said 3,767 had been returned in exchanges \
by the end of 2024.

Losses over the week to November 17 reached about 11,500, or almost 1,650 a day, the highest weekly \
figure since the start of the war.
""",
)

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUM_START = r"(?<![\w.,:/$\u20ac\u00a3+#-])"  # not in a word, number, time, sum, change (+36) or name (F-16)
_NUM_END = r"(?![\w\u00b2]|[.,:]\d)"  # not an ordinal (114th), a time (16:54) or part of a longer number
_MONTH = "|".join(MONTHS)
_QUAL = "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in sorted(ALL_QUALIFIERS, key=len, reverse=True))

# One pass over each article: the alternatives are tried left to right at each position.
VARY_RE = re.compile(
    # "5 June 2025", "June 5, 2025", "June 2025", "June 5", "June"
    rf"(?P<date>(?:(?<![\d,.])(?P<day1>\d{{1,2}})\s+)?(?P<month>{_MONTH})\b"
    rf"(?:\s+(?P<day2>\d{{1,2}})(?![\w]|[.,:]\d))?(?:,?\s+(?P<year>(?:19|20)\d{{2}})\b)?)"
    # 2022-02-24
    r"|(?P<iso>\b(?:19|20)\d{2}-[01]\d-[0-3]\d\b)"
    # "between 20,000 and 25,000"
    rf"|(?P<between>\b[Bb]etween\s+{_NUM_START}(?P<blow>{_NUM})\s+and\s+(?P<bhigh>{_NUM}){_NUM_END})"
    # "30,000 to 36,000", "20,000-25,000"
    rf"|(?P<span>{_NUM_START}(?P<slow>{_NUM})(?:\s*[-\u2013]\s*|\s+to\s+)(?P<shigh>{_NUM}){_NUM_END})"
    # "about 160,000", "more than 12 million"
    rf"|(?P<qualified>\b(?P<qual>{_QUAL})\s+(?P<qnum>{_NUM}){_NUM_END})"
    # any other figure or year
    rf"|(?P<num>{_NUM_START}{_NUM}{_NUM_END})"
)


def _is_year(s: str) -> bool:
    return len(s) == 4 and s.isdigit() and 1900 <= int(s) <= 2099


class _Varier:
    """Rewrites the figures, dates and years of one article; ``year_shift`` is the same for all of it."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.year_shift = rng.choice((-3, -2, -1, -1, 0, 0, 0, 1))
        self.cap = math.inf  # 99 for a percentage

    def year(self, s: str) -> str:
        return str(min(YEAR_MAX, max(YEAR_MIN, int(s) + self.year_shift)))

    def month(self) -> str:
        return self.rng.choice(MONTHS)

    def day(self) -> str:
        return str(self.rng.randint(1, 28))

    def format(self, value: float, decimals: int, commas: bool | None = None) -> str:
        """``value`` as articles write it: thousands separators (mostly) and the given decimals."""
        if commas is None:
            commas = self.rng.random() < 0.9
        if decimals:
            return f"{value:,.{decimals}f}" if value >= 1000 and commas else f"{value:.{decimals}f}"
        n = max(1, round(value))
        return f"{n:,}" if n >= 1000 and commas else str(n)

    def value(self, s: str) -> tuple[float, int]:
        """A new value of about the magnitude of the figure ``s``, and the decimals to print."""
        rng = self.rng
        decimals = len(s.partition(".")[2])
        old = float(s.replace(",", ""))
        if old < 10 and decimals == 0:
            return float(rng.randint(1, 12)), 0
        new = min(max(old, 0.1) * math.exp(rng.uniform(-0.7, 0.7)), self.cap)
        if decimals == 0 and new >= 100 and rng.random() < 0.5:
            digits = rng.choice((1, 2, 2, 3))  # a round figure: 200,000, 160,000 or 1,230
            new = round(new, digits - 1 - math.floor(math.log10(new)))
        return new, decimals

    def number(self, s: str) -> str:
        return self.format(*self.value(s))

    def figure_range(self, s: str, bare: bool = False) -> str:
        low, decimals = self.value(s)
        high = min(low * self.rng.uniform(1.1, 1.8), max(low, self.cap))
        if decimals == 0 and high >= 100:
            high = round(high, -(len(str(round(high))) - 2))  # 25,000 rather than 24,613
        commas = self.rng.random() < 0.9
        a, b = self.format(low, decimals, commas), self.format(max(high, low), decimals, commas)
        forms = BARE_RANGE_FORMS if bare else RANGE_FORMS
        return self.rng.choice(forms).format(a=a, b=b)

    def qualifier(self, old: str) -> str:
        new = self.rng.choice(ALL_QUALIFIERS)
        return new[0].upper() + new[1:] if old[:1].isupper() else new

    def __call__(self, m: re.Match[str]) -> str:
        rng = self.rng
        kind = m.lastgroup
        self.cap = 99.0 if _PERCENT_RE.match(m.string, m.end()) else math.inf
        before = _LAST_WORD_RE.search(m.string, max(0, m.start() - 24), m.start())
        awkward = before is not None and before[1].lower() in NO_INSERT_AFTER
        if kind == "date":
            year = m["year"]
            parts = {"day1": self.day, "month": self.month, "day2": self.day, "year": lambda: self.year(year)}
            return _splice(m, "date", parts)
        if kind == "iso":
            return f"{self.year(m['iso'][:4])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if kind in ("between", "span"):
            lo, hi = ("blow", "bhigh") if kind == "between" else ("slow", "shigh")
            low, high = m[lo], m[hi]
            if _is_year(low) and _is_year(high):  # "from 2022 to 2024": keep it a span of years
                return _splice(m, kind, {lo: lambda: self.year(low), hi: lambda: self.year(high)})
            return self.figure_range(low, bare=awkward)
        if kind == "qualified":
            qual, num = m["qual"], m["qnum"]
            return _splice(m, kind, {"qual": lambda: self.qualifier(qual), "qnum": lambda: self.number(num)})
        s = m.group()
        if _is_year(s):
            return self.year(s)
        r = rng.random()
        if r < 0.65 or awkward or float(s.replace(",", "")) < 10:
            return self.number(s)
        if r < 0.85:
            return f"{rng.choice(ALL_QUALIFIERS)} {self.number(s)}"
        return self.figure_range(s)


def _splice(m: re.Match[str], outer: str, parts: dict[str, Callable[[], str]]) -> str:
    """The text of group ``outer`` with each matched inner group replaced by ``parts[name]()``."""
    base = m.start(outer)
    text = m.group(outer)
    out: list[str] = []
    pos = 0
    spans = sorted((m.start(g), m.end(g), g) for g in parts if m.group(g) is not None)
    for start, end, g in spans:
        out.append(text[pos : start - base])
        out.append(parts[g]())
        pos = end - base
    out.append(text[pos:])
    return "".join(out)


def load_articles(directory: Path = ARTICLES_DIR) -> list[str]:
    """The example articles, in file-name order; the built-in ones if there are none."""
    texts = []
    if directory.is_dir():
        for path in sorted(directory.glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace").strip()
            if text:
                texts.append(text + "\n")
    return texts or list(FALLBACK_ARTICLES)


def vary(article: str, rng: random.Random) -> str:
    """One new version of ``article``: a few body paragraphs dropped, figures and dates rewritten."""
    paragraphs = article.split("\n\n")
    kept = paragraphs[:1] + [p for p in paragraphs[1:] if rng.random() < 0.9]
    return VARY_RE.sub(_Varier(rng), "\n\n".join(kept))


def make_corpus(
    target_bytes: int = DEFAULT_TARGET_BYTES, seed: int = 0, articles: Sequence[str] | None = None
) -> list[str]:
    """Documents whose UTF-8 sizes add up to at least ``target_bytes``; the same for the same seed."""
    templates = list(articles) if articles is not None else load_articles()
    if not templates:
        raise ValueError("make_corpus needs at least one article")
    rng = random.Random(seed)
    docs: list[str] = []
    total = 0
    while total < target_bytes:
        doc = vary(rng.choice(templates), rng)
        docs.append(doc)
        total += len(doc.encode("utf-8"))
    return docs


def _repeat(unit: str, size: int) -> str:
    """``unit`` repeated to exactly ``size`` characters."""
    return (unit * (size // max(1, len(unit)) + 1))[:size]


def _counting(piece: str, size: int, start: int = 1) -> str:
    """``piece`` formatted with n = start, start + 1, ... (``c``: n with commas), to ``size`` characters."""
    out: list[str] = []
    total = 0
    i = start
    while total < size:
        s = piece.format(n=i, c=f"{i:,}")
        out.append(s)
        total += len(s)
        i += 1
    return "".join(out)[:size]


def _fit_bytes(text: str, size: int) -> str:
    """``text`` cut (on a character boundary) or padded with spaces to exactly ``size`` bytes of UTF-8."""
    data = text.encode("utf-8")[:size]
    cut = data.decode("utf-8", errors="ignore")
    return cut + " " * (size - len(cut.encode("utf-8")))


def hostile_inputs(size_bytes: int) -> dict[str, str]:
    """Texts of exactly ``size_bytes`` bytes of UTF-8 each, made to expose super-linear extraction.

    - ``digit_commas``: "1,2,3,4,..." with no space;
    - ``thousands_commas``: "1,000,000,000,...", one endless number;
    - ``between_run``: "between between 1,000 and between between 1,001 and ..." with no full stop;
    - ``nested_parens``: "((((... 1,000 soldiers were killed ...))))";
    - ``no_punct_line``: one line of repeated words and numbers without any punctuation;
    - ``long_line``: ordinary sentences (a synthetic corpus) on one line without newlines.
    """
    size = max(0, size_bytes)
    middle = " 1,000 soldiers were killed "
    depth = max(0, (size - len(middle)) // 2)
    words = (
        "killed wounded soldiers {n} casualties about {n} troops between {n} and {n} losses more than "
        "{n} Russian Ukrainian per day since month {n} square kilometres "
    )
    sentences = " ".join(" ".join(doc.split()) for doc in make_corpus(size + size // 8 + 1000, seed=size))
    return {
        "digit_commas": _counting("{n},", size),
        "thousands_commas": ("1" + _repeat(",000", size))[:size],
        "between_run": _counting("between between {c} and ", size, start=1000),
        "nested_parens": _repeat("(", depth) + _fit_bytes(middle + ")" * depth, size - depth),
        "no_punct_line": _counting(words, size),
        "long_line": _fit_bytes(sentences, size),
    }


def write_manifest(docs: Sequence[str], outdir: Path, published: str | None = None) -> Path:
    """Write ``outdir/docs/syn_NNNNNN.txt`` files and their manifest ``outdir/corpus.docs.jsonl``."""
    (outdir / "docs").mkdir(parents=True, exist_ok=True)
    manifest = outdir / "corpus.docs.jsonl"
    with manifest.open("w", encoding="utf-8") as f:
        for i, doc in enumerate(docs):
            name = f"syn_{i:06d}"
            (outdir / "docs" / f"{name}.txt").write_text(doc, encoding="utf-8")
            record = {"doc": name, "file": f"docs/{name}.txt", "published": published, "lang": "en"}
            f.write(json.dumps(record) + "\n")
    return manifest


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Write the synthetic benchmark corpus with a manifest.")
    ap.add_argument("--mb", type=float, default=DEFAULT_TARGET_BYTES / 1e6, help="size in MB (1e6 bytes)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-o", "--outdir", type=Path, default=Path(__file__).resolve().parent / ".corpus")
    a = ap.parse_args(argv)
    docs = make_corpus(int(a.mb * 1e6), a.seed)
    manifest = write_manifest(docs, a.outdir)
    size = sum(len(d.encode("utf-8")) for d in docs)
    print(f"{len(docs)} documents, {size / 1e6:.2f} MB: {manifest}")


if __name__ == "__main__":
    main()
