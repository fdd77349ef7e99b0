"""RSS and Atom feeds: each entry is an article (its title and summary or content, or, when asked, the
page its link leads to)."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import feedparser

from attrition.errors import InputError
from attrition.ingest.common import (
    Page,
    bom_codec,
    check_not_binary,
    html_to_text,
    input_error,
    language,
    tidy,
    to_document,
)
from attrition.model import Document


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of a feed: its number (from 1), title, link, text (title and body) and date."""

    number: int
    title: str | None
    link: str | None
    text: str
    date: date | None
    lang: str | None


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its title (taken as the outlet), language and entries."""

    title: str | None
    lang: str | None
    entries: tuple[Entry, ...]


def parse_feed(data: bytes, name: str, *, base_url: str | None = None) -> Feed:
    """The entries of an RSS or Atom feed. A broken feed is read as far as it goes; one with no entry
    at all raises InputError (naming ``name``), as do binary and empty data."""
    if bom_codec(data) is None:
        check_not_binary(data, name)
    if not data.strip():
        raise input_error(name, "empty (no feed in it)")
    headers = {"content-location": base_url} if base_url else {}
    # bytes in a stream: a str or bytes argument could be taken for a URL or a file name by feedparser
    parsed: Any = feedparser.parse(io.BytesIO(data), response_headers=headers)
    raw_entries: list[Any] = list(parsed.get("entries") or [])
    if not raw_entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            raise input_error(name, f"not a readable RSS or Atom feed ({problem or 'malformed'})")
        if not parsed.get("version"):
            raise input_error(name, "not an RSS or Atom feed (no <rss>, <feed> or RDF element)")
        raise input_error(name, "the feed has no entries")
    info: Any = parsed.get("feed") or {}
    feed_lang = language(info.get("language"))
    entries = tuple(_entry(n, e, feed_lang) for n, e in enumerate(raw_entries, 1))
    return Feed(title=_plain(info.get("title_detail"), info.get("title")), lang=feed_lang, entries=entries)


def entry_page(entry: Entry, feed: Feed, name: str) -> Page:
    """The page of a feed entry as the feed gives it; InputError when the entry has no text."""
    if not entry.text:
        raise input_error(name, f"entry {entry.number} has no title, summary or content")
    return Page(
        text=entry.text,
        title=entry.title,
        url=entry.link,
        outlet=feed.title,
        lang=entry.lang or feed.lang,
        date=entry.date,
    )


def merge_fetched(entry: Entry, feed: Feed, page: Page) -> Page:
    """The page an entry's link leads to, with what the feed says first (title, date, language)."""
    return replace(
        page,
        title=entry.title or page.title,
        url=page.url or entry.link,
        outlet=page.outlet or feed.title,
        lang=entry.lang or page.lang or feed.lang,
        date=entry.date or page.date,
    )


def feed_documents(
    data: bytes,
    name: str,
    *,
    path: str | None = None,
    published: date | None = None,
    base_url: str | None = None,
    fetch_page: Callable[[str], Page] | None = None,
) -> Iterator[Document | InputError]:
    """The Documents of a feed's entries, in feed order, with one InputError for each entry that has no
    text (or, with ``fetch_page``, whose page cannot be fetched or read); the other entries go on.

    With ``fetch_page``, each entry's link is followed and the page's main text replaces the summary.
    A date: the entry's, else ``published``, else the page's, else a dateline in the text.
    """
    try:
        feed = parse_feed(data, name, base_url=base_url)
    except InputError as e:
        yield e
        return
    where = path if path is not None else name
    for entry in feed.entries:
        try:
            if fetch_page is not None and entry.link:
                try:
                    page = merge_fetched(entry, feed, fetch_page(entry.link))
                except InputError as e:
                    yield InputError(f"{e} (entry {entry.number} of {name})")
                    continue
            else:
                page = entry_page(entry, feed, name)
            yield to_document(page, path=where, published=published)
        except InputError as e:
            yield e


def _entry(number: int, e: Any, feed_lang: str | None) -> Entry:
    title = _plain(e.get("title_detail"), e.get("title"))
    bodies = [_plain(c, c.get("value")) for c in (e.get("content") or []) if isinstance(c, dict)]
    body = max((b for b in bodies if b), key=len, default=None)
    if not body:
        body = _plain(e.get("summary_detail"), e.get("summary"))
    if title and body and not body.startswith(title):
        text = f"{title}\n\n{body}"
    else:
        text = body or title or ""
    link = e.get("link")
    lang = None
    for detail in (e.get("summary_detail"), *(e.get("content") or [])):
        if isinstance(detail, dict) and language(detail.get("language")):
            lang = language(detail.get("language"))
            break
    return Entry(
        number=number,
        title=title,
        link=link if isinstance(link, str) and link.strip() else None,
        text=text,
        date=_entry_date(e),
        lang=lang or feed_lang,
    )


def _plain(detail: Any, value: Any) -> str | None:
    """The plain text of a feed field (HTML stripped when the feed says it is HTML)."""
    if isinstance(detail, dict) and isinstance(detail.get("value"), str):
        value = detail["value"]
        kind = str(detail.get("type") or "")
    else:
        kind = "text/html"
    if not isinstance(value, str):
        return None
    text = html_to_text(value) if "html" in kind else tidy(value)
    return text or None


def _entry_date(e: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = e.get(key)
        if isinstance(t, time.struct_time):
            try:
                return date(t.tm_year, t.tm_mon, t.tm_mday)
            except ValueError:
                continue
    return None
