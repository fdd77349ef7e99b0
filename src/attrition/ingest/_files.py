"""What the structured connectors share: the start of the full-scale war, reading a file, the result type."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from attrition.errors import InputError
from attrition.model import Claim, Document, Source

# The full-scale invasion: cumulative figures "since the start of the war" count from this day.
WAR_START = date(2022, 2, 24)

# What a connector returns: the file as a Document, one Claim per good record, the Sources it names,
# and one InputError per record it skipped (each names FILE and the record or FILE:LINE).
Imported = tuple[Document, list[Claim], list[Source], list[InputError]]


def read_text(path: Path) -> str:
    """The text of ``path`` (UTF-8, a byte-order mark dropped), or an InputError naming the file."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None
