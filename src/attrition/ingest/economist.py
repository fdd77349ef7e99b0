"""The Economist's table of published estimates of Russian and Ukrainian military losses, as claims.

``estimates.csv`` has one estimate per row (the header's last column is "ignore for chart, data from
warring parties")::

    date,estimate_low,estimate_high,estimate,type,source,source_url,country,"ignore for chart, ..."
    16/01/2024,,,390580,casualties,Armed Forces of Ukraine,https://www.mil.gov.ua/...,russia,yes

Dates are day/month/year (leading zeros optional); numbers may carry thousands separators ("140,000");
``type`` is "deaths" or "casualties"; ``country`` is the side whose soldiers died or were wounded; the
last column is "yes" for figures from a warring party.

A row becomes one cumulative claim since 2022-02-24, ending and said on the row's date. Its figure:

* a point estimate: ``value``, bound "exact" (a low or high given beside it goes to attrs "low"/"high");
* low and high only: a range;
* low only ("at least 15,000"): ``value`` = low, bound "at_least"; high only ("up to 25,000"): "at_most".

These rules are what :func:`attrition.store.export.to_economist_csv` inverts, so that a row exported and
read again has the same values.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from attrition.errors import InputError
from attrition.ingest._files import WAR_START, Imported, read_text
from attrition.model import Claim, Document, Figure, Period, Source, Span, document_id

EXTRACTOR = "import.economist.v1"
OUTLET = "The Economist"
TITLE = "Published estimates of Russian and Ukrainian military deaths and casualties (The Economist)"
HEADER: tuple[str, ...] = (
    "date",
    "estimate_low",
    "estimate_high",
    "estimate",
    "type",
    "source",
    "source_url",
    "country",
    "ignore for chart, data from warring parties",
)
# The "type" column and the metric it is.
TYPES: dict[str, str] = {"deaths": "killed", "casualties": "casualties"}
# The two warring parties, each with the other.
SIDES: dict[str, str] = {"russia": "ukraine", "ukraine": "russia"}

_DATE = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_NAMES_SIDE = {"ukraine": re.compile(r"\bukrain", re.I), "russia": re.compile(r"\brussia", re.I)}


def read_economist(path: Path) -> Imported:
    """Read the Economist estimates file at ``path``: see :func:`parse_economist`."""
    doc, claims, sources, errors = parse_economist(read_text(path), str(path))
    return dataclasses.replace(doc, path=str(path)), claims, sources, errors


def parse_economist(text: str, name: str) -> Imported:
    """The Document (the file itself), one Claim per good row, one Source per source name, the rows skipped.

    ``name`` names the input in messages. A file without the expected header raises InputError; a row
    with an unreadable date or number, an unknown type, no figure or no country is skipped and reported
    as an InputError naming ``name:LINE``.
    """
    doc_id = document_id(text)
    rows = _rows(text)
    first = next(rows, None)
    if first is None:
        raise InputError(f"{name}: empty; expected the header {','.join(HEADER)}")
    header, _, _ = first
    if [h.strip().lower() for h in header] != list(HEADER):
        raise InputError(
            f"{name}:1: the header is {','.join(header)!r}; expected {','.join(HEADER)!r} "
            "(the Economist's estimates.csv)"
        )
    claims: list[Claim] = []
    errors: list[InputError] = []
    parties: dict[str, str | None] = {}
    n = 0
    for cells, span, line in rows:
        if not any(c.strip() for c in cells):
            continue
        n += 1
        try:
            claim, flagged = _claim(cells, doc_id, text, span, n, line, f"{name}:{line}")
        except InputError as e:
            errors.append(e)
            continue
        claims.append(claim)
        src = claim.source or ""
        if flagged and parties.get(src) is None:
            parties[src] = _party(src, claim.subject)
        else:
            parties.setdefault(src, None)
    sources = [Source(s, party=p) for s, p in parties.items() if s]
    ends = [c.period.end for c in claims if c.period.end is not None]
    doc = Document(id=doc_id, text=text, published=max(ends, default=None), title=TITLE, outlet=OUTLET)
    return doc, claims, sources, errors


def parse_date(raw: str) -> date | None:
    """A day/month/year date ("17/9/2024", "01/04/2022"), or None where it is not one."""
    m = _DATE.fullmatch(raw)
    if not m:
        return None
    try:
        return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None


def parse_number(raw: str) -> float | None:
    """A figure as written in the table ("140,000", "1300000"); None for an empty cell.

    Raises ValueError for anything else."""
    s = raw.strip().replace(",", "").replace(" ", "")
    if not s:
        return None
    if not _NUMBER.fullmatch(s):
        raise ValueError(raw)
    return float(s)


def _party(source: str, subject: str | None) -> str | None:
    """The warring party a flagged source belongs to: the side its name names ("Armed Forces of Ukraine",
    "Russian Ministry of Defense", "Office of the President of Ukraine" on Ukraine's own losses), else
    the side opposite to the one whose losses it counts."""
    named = [side for side, rx in _NAMES_SIDE.items() if rx.search(source)]
    if len(named) == 1:
        return named[0]
    return SIDES.get(subject or "")


def _claim(
    cells: list[str], doc_id: str, text: str, span: Span, row: int, line: int, where: str
) -> tuple[Claim, bool]:
    if len(cells) != len(HEADER):
        raise InputError(f"{where}: {len(cells)} fields, expected {len(HEADER)} ({','.join(HEADER)})")
    raw_date, raw_low, raw_high, raw_est, raw_type, source, url, raw_country, raw_flag = cells
    day = parse_date(raw_date)
    if day is None:
        raise InputError(f"{where}: date {raw_date!r} is not day/month/year (e.g. 17/09/2024)")
    nums: list[float | None] = []
    for col, raw in (("estimate_low", raw_low), ("estimate_high", raw_high), ("estimate", raw_est)):
        try:
            nums.append(parse_number(raw))
        except ValueError:
            raise InputError(f"{where}: {col} {raw!r} is not a number") from None
    low, high, est = nums
    metric = TYPES.get(raw_type.strip().lower())
    if metric is None:
        raise InputError(f"{where}: type {raw_type!r} is not one of {', '.join(TYPES)}")
    country = raw_country.strip().lower().replace(" ", "_")
    if not country:
        raise InputError(f"{where}: no country (whose losses the figure counts)")
    flag = raw_flag.strip().lower()
    if flag not in ("", "yes", "no"):
        raise InputError(f"{where}: the warring-parties flag is {raw_flag!r}, expected yes or empty")
    extra: list[tuple[str, str | float | None]] = []
    try:
        if est is not None:
            figure = Figure(est, bound="exact")
            extra = [(k, v) for k, v in (("low", low), ("high", high)) if v is not None]
        elif low is not None and high is not None:
            figure = Figure(None, low, high, bound="range")
        elif low is not None:
            figure = Figure(low, bound="at_least")
        elif high is not None:
            figure = Figure(high, bound="at_most")
        else:
            raise InputError(f"{where}: no figure (estimate_low, estimate_high and estimate are all empty)")
    except ValueError as e:
        raise InputError(f"{where}: {e}") from None
    claim = Claim(
        doc_id=doc_id,
        metric=metric,
        subject=country,
        figure=figure,
        per=None,
        period=Period(WAR_START, day),
        source=source or None,
        said_on=day,
        quote=span.of(text),
        span=span,
        extractor=EXTRACTOR,
        attrs=(("url", url or None), ("row", row), ("line", line), *extra),
    )
    return claim, flag == "yes"


def _rows(text: str) -> Iterator[tuple[list[str], Span, int]]:
    """The CSV records of ``text``, each with the span of its line(s) (without the line end) and the
    number of its first line."""
    starts: list[int] = []

    def lines() -> Iterator[str]:
        for m in re.finditer(r"[^\n]*\n|[^\n]+$", text):
            starts.append(m.start())
            yield m.group()

    reader = csv.reader(lines())
    done = 0
    for cells in reader:
        first, done = done, reader.line_num
        end = text.find("\n", starts[done - 1])
        end = len(text) if end < 0 else end
        if text[end - 1 : end] == "\r":
            end -= 1
        yield cells, Span(starts[first], end), first + 1
