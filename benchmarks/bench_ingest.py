"""Ingest benchmark: documents per second end to end (read, extract, store) and the ledger's size.

    python benchmarks/bench_ingest.py            # 10,000 generated articles, a readable report
    python benchmarks/bench_ingest.py --json     # one JSON object (docs_per_s, db_mb, ...)

The articles are generated from ``examples/articles`` by ``corpus.vary`` (fresh figures, dates,
qualifiers and ranges in the same sentence shapes), written as ``.txt`` files to a temporary folder,
and ingested in one process through the library's own path: ``iter_documents`` (read) ->
``ingest_documents`` (extract, store in the ledger, one transaction per document). The same folder
is then ingested again, which must store nothing new (the duplicate path). For the split of the
time, the extraction alone is timed over the same texts.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from attrition.extract import extract_text, native  # noqa: E402
from attrition.ingest import iter_documents  # noqa: E402
from attrition.store.ledger import Ledger  # noqa: E402
from attrition.workflow import ingest_documents  # noqa: E402
from corpus import load_articles, vary  # noqa: E402


def generate(n: int, folder: Path, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    templates = load_articles()
    texts = []
    for k in range(n):
        text = vary(rng.choice(templates), rng)
        texts.append(text)
        (folder / f"{k:06d}.txt").write_text(text, encoding="utf-8")
    return texts


def run(n: int, seed: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="attrition-bench-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        texts = generate(n, folder, seed)
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        db = Path(tmp) / "bench.db"

        with Ledger(db) as led:
            t0 = time.perf_counter()
            first = ingest_documents(led, iter_documents([str(folder)]))
            t_first = time.perf_counter() - t0
            counts = led.counts()
        with Ledger(db) as led:
            t0 = time.perf_counter()
            again = ingest_documents(led, iter_documents([str(folder)]))
            t_again = time.perf_counter() - t0
            unchanged = led.counts()["claims"] == counts["claims"]

        t0 = time.perf_counter()
        for t in texts:
            extract_text(t)
        t_extract = time.perf_counter() - t0

        db_bytes = sum(p.stat().st_size for p in Path(tmp).glob("bench.db*"))
    return {
        "compiled": all(native.active().values()),
        "documents": n,
        "corpus_mb": round(mb, 2),
        "docs_per_s": round(first.ingested / t_first, 1),
        "seconds": round(t_first, 2),
        "mb_per_s": round(mb / t_first, 3),
        "claims": counts["claims"],
        "failed": first.failed,
        "db_mb": round(db_bytes / 1e6, 2),
        "db_mb_per_10k_docs": round(db_bytes / 1e6 * 10_000 / n, 2),
        "extract_only_docs_per_s": round(n / t_extract, 1),
        "extract_share": round(t_extract / t_first, 3),
        "reingest_docs_per_s": round(n / t_again, 1),
        "reingest_duplicates": again.duplicates,
        "reingest_unchanged": unchanged and again.ingested == 0,
    }


def report(r: dict[str, Any]) -> str:
    ok = "PASS" if r["docs_per_s"] >= 300 else "FAIL"
    return "\n".join(
        [
            f"ingest benchmark: {r['documents']:,} generated articles, {r['corpus_mb']} MB"
            f" (extraction {'compiled by mypyc' if r['compiled'] else 'pure Python'})",
            f"  end to end (read, extract, store): {r['docs_per_s']:,} documents/s"
            f" ({r['seconds']} s, {r['mb_per_s']} MB/s)  [{ok}: target >= 300]",
            f"  extraction alone: {r['extract_only_docs_per_s']:,} documents/s"
            f" ({100 * r['extract_share']:.0f}% of the end-to-end time)",
            f"  stored: {r['claims']:,} claims, {r['failed']} failures",
            f"  ledger size: {r['db_mb']} MB ({r['db_mb_per_10k_docs']} MB per 10,000 documents)",
            f"  ingesting the same folder again: {r['reingest_docs_per_s']:,} documents/s,"
            f" {r['reingest_duplicates']:,} duplicates, ledger unchanged: {r['reingest_unchanged']}",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="number of generated articles (default 10,000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    r = run(args.n, args.seed)
    print(json.dumps(r) if args.json else report(r))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
