"""The hand-written C functions (``_speedups.c``) give exactly what the pure Python they replace gives."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attrition.extract import native, text

REPO = Path(__file__).resolve().parents[1]

# Characters each branch of the token pattern and the whitespace test turn on: cases, Latin letters
# beyond ASCII (with the × and ÷ the range holds), other scripts, digits that are Unicode decimals
# and digits that are not, straight and curly apostrophes, points, commas, dashes, spaces of several
# kinds, and letters whose lower case is longer than they are.
_ALPHABET = "aZqM.,'’ \t\n\r\x0b\x1c0123456789٣²×÷Àßɏɐİẞжщ-–—()/%\u00a0\u2009\u202f\u3000_"


def _speedups() -> ModuleType:
    if native.active().get("_speedups"):
        return importlib.import_module("attrition.extract._speedups")
    if os.environ.get("CI"):
        pytest.fail("CI builds the C speed-ups (make native), but they are not in use")
    pytest.skip("no current native build in this checkout (run `make native`): nothing to compare")


def _texts() -> list[str]:
    files = sorted((REPO / "examples" / "articles").glob("*.txt"))
    files += sorted((REPO / "tests" / "data").glob("*/*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40), st.integers(0, 45), st.integers(0, 45))
def test_tokenize_gives_the_token_patterns_split(s: str, a: int, b: int) -> None:
    fast = _speedups()
    start, stop = min(a, b, len(s)), min(max(a, b), len(s))
    assert fast.tokenize(s, start, stop) == text.split_tokens(s, start, stop)


def test_tokenize_gives_the_token_patterns_split_on_articles() -> None:
    fast = _speedups()
    docs = _texts()
    assert len(docs) >= 40
    tokens = 0
    for doc in docs:
        got = fast.tokenize(doc, 0, len(doc))
        assert got == text.split_tokens(doc, 0, len(doc))
        tokens += len(got[0])
    assert tokens > 40_000
