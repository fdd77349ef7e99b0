#!/usr/bin/env python3
"""Output oracle for the extractor: save every claim record of many inputs, compare later exactly.

usage: python benchmarks/extract_oracle.py save  [--src DIR] [--out PATH] [--jobs N]
       python benchmarks/extract_oracle.py check [--src DIR] [--base PATH] [--jobs N] [--show K]

For speed work on ``attrition.extract``: output must not change. ``save`` writes the records
(``Claim.to_record()``) of every input to a baseline (gzipped JSON, by default
``benchmarks/.oracle/base.json.gz``, a folder that ignores itself in git); ``check`` extracts again
and reports every input whose records differ (exit status 1 when any does), with the first
differing record of a few.

``--src`` puts another source tree first on ``sys.path``: a baseline from committed code while the
working tree has changes, e.g.::

    git archive HEAD src | tar -x -C /tmp/base_src && \\
        python benchmarks/extract_oracle.py save --src /tmp/base_src/src

Inputs (about 9 MB, 3,000+ documents): the 5 MB benchmark corpus (seed 0), every ``*.txt`` of
``tests/data/*/`` and ``examples/articles/``, the seed documents of ``../shared/bench`` (with their
``published`` dates, when present), ``tests/data/sentences.jsonl`` (with dates), corpora of other
seeds made from all those articles (half of them with a publication date), a corpus with unicode
oddities inserted (a letter whose lower case is longer, curly quotes, no-break spaces, ligatures,
stray parentheses), and the hostile inputs at 60 KB. ``ATTRITION_ORACLE_SKIP=articles8,articles9``
leaves those folders of ``tests/data`` out (a data set being written must not change the inputs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
SHARED_BENCH = REPO.parent / "shared" / "bench"
DEFAULT_BASE = BENCH_DIR / ".oracle" / "base.json.gz"

Input = tuple[str, str, dt.date | None]


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def inputs() -> Iterator[Input]:
    """(key, text, published) of every input, in a fixed order."""
    from corpus import hostile_inputs, make_corpus

    for i, d in enumerate(make_corpus(5_000_000, seed=0)):
        yield f"c0/{i}", d, None
    arts: list[str] = []
    skip = {d for d in os.environ.get("ATTRITION_ORACLE_SKIP", "").split(",") if d}
    files = [f for f in sorted(REPO.glob("tests/data/*/*.txt")) if f.parent.name not in skip]
    files += sorted(REPO.glob("examples/articles/*.txt"))
    for f in files:
        t = f.read_text(encoding="utf-8")
        arts.append(t)
        yield str(f.relative_to(REPO)), t, None
    seeds = SHARED_BENCH / "seeds.docs.jsonl"
    if seeds.exists():
        for line in seeds.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            e = json.loads(line)
            path = (SHARED_BENCH / e["file"]).resolve()
            if path.exists():
                t = path.read_text(encoding="utf-8")
                arts.append(t)
                yield f"seed/{e['doc']}", t, _date(e.get("published"))
    sents = REPO / "tests" / "data" / "sentences.jsonl"
    for i, line in enumerate(sents.read_text(encoding="utf-8").splitlines()):
        if line.strip():
            e = json.loads(line)
            yield f"s/{i}", e["text"], _date(e.get("published"))
    for seed in (1, 2, 3):
        for i, d in enumerate(make_corpus(700_000, seed=seed, articles=arts)):
            yield f"c{seed}/{i}", d, dt.date(2025, 6, 1) if i % 2 else None
    rng = random.Random(5)
    odd = ["İ", "’", "\u00a0", "ß", "ﬁ", "\n\n", "(", "- ", "Σ", "\u2009"]
    for i, d in enumerate(make_corpus(300_000, seed=9, articles=arts)):
        s = list(d)
        for _ in range(6):
            s.insert(rng.randrange(len(s) + 1), rng.choice(odd))
        yield f"u/{i}", "".join(s), None
    for k, v in hostile_inputs(60_000).items():
        yield f"h/{k}", v, None


def _extract(item: Input) -> tuple[str, list[dict[str, Any]]]:
    from attrition.extract import extract_text

    key, text, published = item
    return key, [c.to_record() for c in extract_text(text, published=published, doc_id="d")]


def run_all(jobs: int) -> dict[str, list[dict[str, Any]]]:
    items = list(inputs())
    if jobs <= 1:
        return dict(map(_extract, items))
    import multiprocessing as mp

    with mp.get_context("fork").Pool(jobs) as pool:
        return dict(pool.imap(_extract, items, chunksize=16))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["save", "check"])
    ap.add_argument("--src", help="source tree to import attrition from (default: this checkout's src)")
    ap.add_argument("--out", "--base", dest="base", default=str(DEFAULT_BASE), help="baseline file")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--show", type=int, default=5, help="differing inputs to print")
    ap.add_argument(
        "--summary",
        type=int,
        default=0,
        help="print the N commonest claims only in the baseline or only in the new run",
    )
    args = ap.parse_args(argv)
    src = Path(args.src).resolve() if args.src else REPO / "src"
    for p in (str(BENCH_DIR), str(src)):
        if p not in sys.path:
            sys.path.insert(0, p)
    import attrition.extract

    print("attrition.extract from", Path(attrition.extract.__file__).parent, file=sys.stderr)
    out = run_all(args.jobs)
    base_path = Path(args.base)
    n_claims = sum(len(v) for v in out.values())
    if args.mode == "save":
        base_path.parent.mkdir(parents=True, exist_ok=True)
        if base_path.parent == DEFAULT_BASE.parent:
            (base_path.parent / ".gitignore").write_text("*\n")
        with gzip.open(base_path, "wt", encoding="utf-8") as f:
            json.dump(out, f)
        print(f"saved {len(out)} inputs, {n_claims} claims to {base_path}")
        return 0
    with gzip.open(base_path, "rt", encoding="utf-8") as f:
        base = json.load(f)
    bad = [k for k in base if base[k] != out.get(k)] + [k for k in out if k not in base]
    n_base = sum(len(v) for v in base.values())
    print(f"inputs {len(base)}, claims {n_base} -> {n_claims}, differing {len(bad)}")
    for k in bad[: args.show]:
        b, o = base.get(k, []), out.get(k, [])
        print(f"== {k}: {len(b)} -> {len(o)} claims")
        for x, y in zip(b, o, strict=False):
            if x != y:
                print("  base", x)
                print("  new ", y)
                break
        else:
            print("  extra", (b[len(o) :] or o[len(b) :])[:2])
    if args.summary:
        _summary(base, out, bad, args.summary)
    return 1 if bad else 0


_FIELDS = ("metric", "subject", "bound", "per", "start", "end", "source")


def _summary(
    base: dict[str, list[dict[str, Any]]], out: dict[str, list[dict[str, Any]]], bad: list[str], n: int
) -> None:
    """Claims only in one of the two runs, counted over all inputs by their quote (digits as 0) and fields."""
    from collections import Counter

    def shape(c: dict[str, Any]) -> tuple[Any, ...]:
        return (re.sub(r"[0-9]", "0", c["quote"][:50]), *(c.get(f) for f in _FIELDS))

    only: dict[str, Counter[tuple[Any, ...]]] = {"baseline": Counter(), "new": Counter()}
    for k in bad:
        b = Counter(shape(c) for c in base.get(k, []))
        o = Counter(shape(c) for c in out.get(k, []))
        only["baseline"].update(b - o)
        only["new"].update(o - b)
    for side, counts in only.items():
        print(f"-- only in the {side} run ({sum(counts.values())} claims; quote, {', '.join(_FIELDS)}):")
        for key, k in counts.most_common(n):
            print(f"  {k:4d}  {key}")


if __name__ == "__main__":
    sys.exit(main())
