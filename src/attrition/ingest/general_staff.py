"""The Ukrainian General Staff's daily tallies of Russian personnel losses, as claims.

The file (``russia_losses_personnel.json`` of the PetroIvaniuk dataset) is a JSON list of records such as
``{"date": "2022-02-25", "day": 2, "personnel": 2800, "personnel*": "about", "POW": 0}``. Each record is
one cumulative claim: the report dated D counts Russian losses from 2022-02-24 to the end of D - 1.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from attrition.errors import InputError, UsageError
from attrition.ingest._files import WAR_START, Imported, read_text
from attrition.model import Bound, Claim, Document, Figure, Period, Source, Span, document_id

EXTRACTOR = "import.general-staff.v1"
SOURCE = Source(
    "Ukrainian General Staff",
    kind="military",
    party="ukraine",
    aliases=("General Staff of the Armed Forces of Ukraine",),
)
TITLE = "Ukrainian General Staff daily tallies (personnel)"

# The dataset's "personnel*" qualifier: "about 2800", "more than 11000".
QUALIFIERS: dict[str, Bound] = {"about": "approx", "more": "at_least"}

_WS = " \t\r\n"
_PERSONNEL = re.compile(r'"personnel"\s*:\s*[-+0-9.eE]+')


def read_general_staff(path: Path) -> Imported:
    """Read the General Staff personnel file at ``path``: see :func:`parse_general_staff`."""
    doc, claims, sources, errors = parse_general_staff(read_text(path), str(path))
    return dataclasses.replace(doc, path=str(path)), claims, sources, errors


def parse_general_staff(text: str, name: str) -> Imported:
    """The Document (the file itself), one Claim per good record, the one Source, and the records skipped.

    ``name`` names the input in messages. Text that is not JSON or not a list of records raises
    InputError; a record without a usable date or personnel count is skipped and reported as an
    InputError naming ``name`` and the record's index (0-based) and line.
    """
    doc_id = document_id(text)
    records = _records(text, name)
    errors: list[InputError] = []
    kept: list[tuple[int, Span, date, int, str | None]] = []
    seen: dict[date, int] = {}
    line, counted = 1, 0
    for i, (span, rec) in enumerate(records):
        line, counted = line + text.count("\n", counted, span.start), span.start
        where = f"{name}: record {i} (line {line})"
        try:
            day, personnel, qualifier = _fields(rec, where)
            if day in seen:
                raise InputError(f"{where}: date {day} repeats record {seen[day]}; one record per day")
        except InputError as e:
            errors.append(e)
            continue
        seen[day] = i
        kept.append((i, span, day, personnel, qualifier))

    by_day = {day: personnel for _, _, day, personnel, _ in kept}
    claims = []
    for _, span, day, personnel, qualifier in kept:
        before = by_day.get(day - timedelta(days=1))
        quote_span = _quote_span(text, span)
        claims.append(
            Claim(
                doc_id=doc_id,
                metric="casualties",
                subject="russia",
                figure=Figure(float(personnel), bound=QUALIFIERS[qualifier] if qualifier else "exact"),
                per=None,
                period=Period(WAR_START, day - timedelta(days=1)),
                source=SOURCE.name,
                said_on=day,
                quote=quote_span.of(text),
                span=span,
                extractor=EXTRACTOR,
                attrs=(
                    ("increase", None if before is None else personnel - before),
                    ("report_date", day.isoformat()),
                    ("qualifier", qualifier),
                ),
            )
        )
    doc = Document(
        id=doc_id,
        text=text,
        published=max(by_day) if by_day else None,
        title=TITLE,
        outlet=SOURCE.name,
    )
    return doc, claims, [SOURCE], errors


def yearly_totals(claims: Iterable[Claim]) -> dict[int, int]:
    """Each complete calendar year's losses, from one cumulative series (the claims of
    :func:`read_general_staff`): the figure at the end of 31 Dec of Y minus that at the end of
    31 Dec of Y - 1, the war starting from 0 on 2022-02-24. Years whose ends the series lacks are left out.
    Two claims ending on the same day with different figures are not one series: UsageError."""
    at_end: dict[date, float] = {}
    for c in claims:
        if c.period.end is None or c.figure.value is None:
            continue
        prior = at_end.setdefault(c.period.end, c.figure.value)
        if prior != c.figure.value:
            raise UsageError(
                f"two figures end on {c.period.end} ({prior:g} and {c.figure.value:g}): "
                "yearly_totals needs one cumulative series, e.g. the claims of one General Staff file"
            )
    totals: dict[int, int] = {}
    if not at_end:
        return totals
    for year in range(WAR_START.year, max(at_end).year + 1):
        end = at_end.get(date(year, 12, 31))
        start = 0.0 if date(year - 1, 12, 31) < WAR_START else at_end.get(date(year - 1, 12, 31))
        if end is not None and start is not None:
            totals[year] = round(end - start)
    return totals


def _records(text: str, name: str) -> list[tuple[Span, Any]]:
    """The top-level list's items with the span of each in ``text``."""
    try:
        top = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{name}:{e.lineno}: not JSON ({e.msg}); expected a list of daily records") from None
    if not isinstance(top, list):
        raise InputError(
            f"{name}: the JSON is a {type(top).__name__}, expected a list of daily records "
            '(objects with "date" and "personnel")'
        )
    decoder = json.JSONDecoder()
    out: list[tuple[Span, Any]] = []
    pos = _skip(text, 0)
    assert text[pos] == "["  # json.loads accepted a list
    pos = _skip(text, pos + 1)
    while text[pos] != "]":
        rec, end = decoder.raw_decode(text, pos)
        out.append((Span(pos, end), rec))
        pos = _skip(text, end)
        if text[pos] == ",":
            pos = _skip(text, pos + 1)
    return out


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _WS:
        pos += 1
    return pos


def _fields(rec: Any, where: str) -> tuple[date, int, str | None]:
    if not isinstance(rec, dict):
        raise InputError(f'{where}: a {type(rec).__name__}, expected an object with "date" and "personnel"')
    raw_date = rec.get("date")
    if raw_date is None:
        raise InputError(f'{where}: no "date"; every record needs a date (YYYY-MM-DD) and a personnel count')
    try:
        day = date.fromisoformat(raw_date) if isinstance(raw_date, str) else None
    except ValueError:
        day = None
    if day is None:
        raise InputError(f'{where}: "date" is {raw_date!r}, expected YYYY-MM-DD')
    raw = rec.get("personnel")
    if raw is None:
        raise InputError(f'{where}: no "personnel"; every record needs a date and a personnel count')
    if isinstance(raw, bool) or not isinstance(raw, int | float) or raw < 0 or raw != int(raw):
        raise InputError(f'{where}: "personnel" is {raw!r}, expected a whole number of at least 0')
    qualifier = rec.get("personnel*")
    if qualifier is not None and qualifier not in QUALIFIERS:
        raise InputError(f'{where}: "personnel*" is {qualifier!r}, expected one of {sorted(QUALIFIERS)}')
    return day, int(raw), qualifier


def _quote_span(text: str, span: Span) -> Span:
    """The ``"personnel": N`` part of a record, or the whole record where it is written otherwise."""
    m = _PERSONNEL.search(text, span.start, span.end)
    return Span(m.start(), m.end()) if m else span
