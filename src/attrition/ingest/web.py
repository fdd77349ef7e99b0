"""Fetching a URL: timeouts, a size cap, a few redirects, and what kind of content came back."""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from attrition.ingest.common import MAX_BYTES, Kind, input_error, size_text, sniff

TIMEOUT = 20.0
MAX_REDIRECTS = 5
USER_AGENT = "attrition/0.1 (reads news reports into a ledger of figures)"
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,"
    "application/json;q=0.8,text/plain;q=0.8,*/*;q=0.1"
)

_HTML_TYPES = frozenset(("text/html", "application/xhtml+xml"))
_FEED_TYPES = frozenset(
    ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
)
_JSON_TYPES = frozenset(("application/json", "text/json"))
_JSONL_TYPES = frozenset(("application/x-ndjson", "application/jsonl", "application/x-jsonlines"))
_SNIFFED_TYPES = frozenset(("", "text/plain", "application/octet-stream", "binary/octet-stream"))


@dataclass(frozen=True, slots=True)
class Fetched:
    """A downloaded body: the final URL (after redirects), its media type, charset and bytes."""

    url: str
    content_type: str
    charset: str | None
    data: bytes


def client(timeout: float = TIMEOUT) -> httpx.Client:
    """An HTTP client with connect/read timeouts of ``timeout`` seconds that follows a few redirects."""
    return httpx.Client(
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT},
    )


def fetch(
    url: str,
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    http: httpx.Client | None = None,
) -> Fetched:
    """Download ``url``. Raises a one-line InputError naming the URL for a timeout, a failed connection,
    an HTTP error status, too many redirects, or a body over ``max_bytes`` (the download stops there).

    ``timeout`` bounds the connection and each read; the whole download is also stopped after four
    times ``timeout``, so a server that trickles bytes cannot hold it forever.
    """
    if http is None:
        with client(timeout) as own:
            return fetch(url, timeout=timeout, max_bytes=max_bytes, http=own)
    deadline = time.monotonic() + 4 * timeout
    try:
        with http.stream("GET", url, timeout=httpx.Timeout(timeout)) as r:
            if r.status_code >= 400:
                reason = f" {r.reason_phrase}" if r.reason_phrase else ""
                raise input_error(url, f"HTTP {r.status_code}{reason}")
            length = r.headers.get("content-length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise input_error(
                    url, f"{size_text(int(length))} is over the {size_text(max_bytes)} limit; not downloaded"
                )
            buf = bytearray()
            for chunk in r.iter_bytes():
                buf += chunk
                if len(buf) > max_bytes:
                    raise input_error(
                        url, f"more than the {size_text(max_bytes)} limit; download stopped there"
                    )
                if time.monotonic() > deadline:
                    raise input_error(url, f"download took longer than {4 * timeout:g} s; stopped")
            media, charset = _content_type(r.headers.get("content-type", ""))
            return Fetched(url=str(r.url), content_type=media, charset=charset, data=bytes(buf))
    except httpx.ConnectTimeout as e:
        raise input_error(url, f"timed out after {timeout:g} s connecting") from e
    except httpx.TimeoutException as e:
        raise input_error(url, f"timed out after {timeout:g} s waiting for the server") from e
    except httpx.TooManyRedirects as e:
        raise input_error(url, f"more than {MAX_REDIRECTS} redirects") from e
    except httpx.UnsupportedProtocol as e:
        raise input_error(url, f"cannot fetch it ({e})") from e
    except httpx.InvalidURL as e:
        raise input_error(url, f"not a valid URL ({e})") from e
    except httpx.ConnectError as e:
        raise input_error(url, f"cannot connect ({e or 'connection refused'})") from e
    except httpx.HTTPError as e:
        raise input_error(url, f"download failed ({type(e).__name__}: {e})") from e


def _content_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media.strip().lower(), charset


def kind_of(fetched: Fetched) -> Kind:
    """What a download holds, from its media type and, where that is vague or wrong, its bytes.

    Raises InputError for media that are no text (an image, a PDF, an archive...)."""
    media = fetched.content_type
    sniffed = sniff(fetched.data)
    if media in _HTML_TYPES:
        return "feed" if sniffed == "feed" else "html"
    if media in _FEED_TYPES or media.endswith(("+xml", "/xml")):
        return "html" if sniffed == "html" else "feed"
    if media in _JSON_TYPES or media.endswith("+json"):
        return "jsonl" if sniffed == "jsonl" else "json"
    if media in _JSONL_TYPES:
        return "jsonl"
    if media in _SNIFFED_TYPES or media.startswith("text/"):
        return sniffed
    raise input_error(fetched.url, f"{media} is not HTML, a feed, JSON or text")
