#!/usr/bin/env python3
"""The extraction benchmark: accuracy on the seeds, throughput, a speed reference and hostile input.

usage: python benchmarks/bench_extract.py [--json] [--mb 5] [--seed 0] [--quantulum3-kb 200]
                                          [--hostile-timeout 120] [--peak-mb 1] [--no-peak] [--cli]
                                          [--extractor MODULE:FUNCTION]

1. Accuracy: the extractor reads every document of ``../shared/bench/seeds.docs.jsonl`` (with its
   ``published`` date and doc id), its records go to a temporary JSON Lines file and
   ``../shared/bench/score.py`` scores them against ``seeds.gold.jsonl``. Skipped, with nulls, when
   ``../shared/bench`` does not exist.
2. Throughput: ``extract_text`` over a synthetic corpus (``benchmarks/corpus.py``, >= 5 MB by
   default) in this process, one call per document. MB are 1e6 bytes of UTF-8. ``peak_mb`` is the
   tracemalloc peak of Python allocations during a second, untimed pass over the first
   ``--peak-mb`` MB of the corpus (tracemalloc slows Python down about 4x, so it is kept out of
   the timed pass); ``rss_delta_mb`` is the growth of the process's max RSS during the timed pass.
3. Speed reference: ``quantulum3.parser.parse`` over the first ``--quantulum3-kb`` KB of the same
   corpus, one call per paragraph (quantulum3 is quadratic in the length of its input, so
   paragraphs are its fastest fair unit); ``speedup_vs_quantulum3`` is ours / theirs in MB/s.
4. Hostile input: each kind of ``corpus.hostile_inputs`` at 1, 2 and 4 MB, timed (best of a few
   runs when fast); t(4 MB) / t(1 MB) is about 4 when extraction is linear. A run longer than
   ``--hostile-timeout`` seconds is stopped (SIGALRM) and listed in ``hostile_timeouts``; the ratio
   then uses the time limit as a lower bound. ``hostile_linear`` is true when nothing timed out or
   raised and every ratio is at most 8 (the geometric mean of linear, 4, and quadratic, 16).
5. Optional (``--cli``): ``attrition extract --manifest M --format jsonl -o OUT`` over the same
   corpus in a subprocess, start-up included (``cli_mb_per_s``).

``--json`` prints exactly one JSON object on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import importlib
import importlib.util
import json
import os
import platform
import resource
import signal
import subprocess
import sys
import tempfile
import time
import tracemalloc
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
SHARED_BENCH = REPO.parent / "shared" / "bench"
MB = 1_000_000
HOSTILE_SIZES_MB = (1, 2, 4)
# t(4 MB) / t(1 MB) is 4 when linear and 16 when quadratic; above their geometric mean it is not linear.
LINEAR_RATIO_LIMIT = 8.0
SCORE_KEYS = ("precision", "recall", "f1", "bound_acc", "per_acc", "period_acc", "source_acc", "said_on_acc")

Extract = Callable[..., Sequence[Any]]


_START = time.perf_counter()


def log(msg: str) -> None:
    """Progress on stderr, with the seconds since the start."""
    print(f"[{time.perf_counter() - _START:7.1f} s] {msg}", file=sys.stderr, flush=True)


def setup_path() -> None:
    """Make ``attrition`` importable from the checkout and ``corpus`` from beside this file."""
    for path in (BENCH_DIR, REPO / "src"):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))


def load_extractor(spec: str) -> Extract:
    module_name, _, name = spec.partition(":")
    fn = getattr(importlib.import_module(module_name), name or "extract_text")
    if not callable(fn):
        raise TypeError(f"{spec} is not callable")
    return fn  # type: ignore[no-any-return]


def import_path(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


# --- 1. accuracy on the seeds -------------------------------------------------------------------


def seeds_accuracy(extract: Extract, bench_dir: Path) -> dict[str, Any]:
    """Score the extractor on the seed documents with the shared scorer."""
    manifest = bench_dir / "seeds.docs.jsonl"
    gold = bench_dir / "seeds.gold.jsonl"
    scorer = bench_dir / "score.py"
    if not (manifest.is_file() and gold.is_file() and scorer.is_file()):
        return {"skipped": "../shared/bench not found"}
    score = import_path("attrition_bench_score", scorer)
    records: list[dict[str, Any]] = []
    errors: list[str] = []
    docs = 0
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        docs += 1
        text = (manifest.parent / entry["file"]).read_text(encoding="utf-8")
        try:
            claims = extract(text, published=parse_date(entry.get("published")), doc_id=entry["doc"])
            records.extend(claim.to_record() for claim in claims)
        except Exception as e:
            errors.append(f"{entry['doc']}: {type(e).__name__}: {e}")
    with tempfile.TemporaryDirectory(prefix="attrition-bench-") as tmp:
        pred = Path(tmp) / "seeds.pred.jsonl"
        pred.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        result, _missed, _extra, _pairs = score.score(score.load(str(gold)), score.load(str(pred)))
    out = {k: result.get(k) for k in (*SCORE_KEYS, "start_acc", "end_acc", "gold", "pred", "matched")}
    out.update(docs=docs, errors=errors)
    return out


# --- 2. throughput --------------------------------------------------------------------------------


def maxrss_mb() -> float:
    """The process's peak resident set so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / MB if sys.platform == "darwin" else rss * 1024 / MB


def throughput(extract: Extract, docs: Sequence[str], peak_bytes: int | None = MB) -> dict[str, Any]:
    """MB/s of one call per document; then the tracemalloc peak over the first ``peak_bytes`` of the
    corpus (all of it when 0, none when None), in a separate pass because tracemalloc is slow."""
    size = sum(utf8_len(d) for d in docs)
    t0 = time.perf_counter()
    extract(docs[0], doc_id="warmup")  # compiles patterns and loads data; timed on its own
    first_call_s = time.perf_counter() - t0

    rss_before = maxrss_mb()
    claims = 0
    t0 = time.perf_counter()
    for i, doc in enumerate(docs):
        claims += len(extract(doc, doc_id=f"syn_{i:06d}"))
    seconds = time.perf_counter() - t0
    rss_delta = maxrss_mb() - rss_before

    peak_mb = None
    peak_method = None
    if peak_bytes is not None:
        sampled = 0
        tracemalloc.start()
        try:
            for i, doc in enumerate(docs):
                if peak_bytes and sampled >= peak_bytes:
                    break
                extract(doc, doc_id=f"syn_{i:06d}")
                sampled += utf8_len(doc)
            peak_mb = tracemalloc.get_traced_memory()[1] / MB
        finally:
            tracemalloc.stop()
        peak_method = f"tracemalloc peak over the first {sampled / MB:.2f} MB in a second pass"
    return {
        "corpus_mb": size / MB,
        "corpus_docs": len(docs),
        "seconds": seconds,
        "first_call_s": first_call_s,
        "mb_per_s": size / MB / seconds if seconds > 0 else None,
        "claims": claims,
        "claims_per_mb": claims / (size / MB) if size else None,
        "peak_mb": peak_mb,
        "peak_method": peak_method,
        "rss_delta_mb": rss_delta,
    }


# --- 3. the quantulum3 speed reference ------------------------------------------------------------


def quantulum3_rate(docs: Sequence[str], sample_bytes: int) -> dict[str, Any]:
    """quantulum3's MB/s on the first ``sample_bytes`` of the corpus, one parse per paragraph."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "classifier dependencies not installed"
        try:
            from quantulum3 import parser  # type: ignore[import-untyped]
        except ImportError as e:
            return {"skipped": f"quantulum3 not installed ({e}); pip install -e '.[bench]'"}
        paragraphs: list[str] = []
        size = 0
        for doc in docs:
            for p in doc.split("\n\n"):
                if p.strip() and size < sample_bytes:
                    paragraphs.append(p)
                    size += utf8_len(p)
        parser.parse("about 1,000 soldiers were killed")  # loads its unit and entity tables
        quantities = 0
        t0 = time.perf_counter()
        for p in paragraphs:
            quantities += len(parser.parse(p))
        seconds = time.perf_counter() - t0
    return {
        "sample_mb": size / MB,
        "paragraphs": len(paragraphs),
        "seconds": seconds,
        "quantities": quantities,
        "mb_per_s": size / MB / seconds if seconds > 0 else None,
    }


# --- 4. hostile input -----------------------------------------------------------------------------


class Timeout(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`Timeout` in this (main) thread after ``seconds``; no limit without SIGALRM."""
    if seconds <= 0 or not hasattr(signal, "setitimer"):
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise Timeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def time_call(extract: Extract, text: str, timeout: float, runs: int = 5, budget: float = 2.0) -> float:
    """The best of up to ``runs`` timings, stopping once they add up to ``budget`` seconds."""
    best = total = 0.0
    for i in range(runs):
        gc.collect()
        with time_limit(timeout):
            t0 = time.perf_counter()
            extract(text, doc_id="hostile")
            t = time.perf_counter() - t0
        best = t if i == 0 else min(best, t)
        total += t
        if total >= budget:
            break
    return best


def hostile(extract: Extract, timeout: float) -> dict[str, Any]:
    from corpus import hostile_inputs

    times: dict[str, dict[str, float | None]] = {}
    timeouts: list[str] = []
    errors: list[str] = []
    failed: set[str] = set()
    for size in HOSTILE_SIZES_MB:
        for kind, text in hostile_inputs(size * MB).items():
            row = times.setdefault(kind, {})
            if kind in failed:  # a bigger input would only fail or time out again
                row[str(size)] = None
                continue
            try:
                row[str(size)] = round(time_call(extract, text, timeout), 4)
                log(f"  hostile {kind:<17} {size} MB: {row[str(size)]:.3f} s")
            except Timeout:
                row[str(size)] = None
                timeouts.append(f"{kind}@{size}MB")
                failed.add(kind)
                log(f"  hostile {kind:<17} {size} MB: timed out after {timeout:g} s")
            except Exception as e:
                row[str(size)] = None
                errors.append(f"{kind}@{size}MB: {type(e).__name__}: {e}")
                failed.add(kind)
                log(f"  hostile {kind:<17} {size} MB: {type(e).__name__}: {e}")
    ratios: dict[str, float | None] = {}
    for kind, row in times.items():
        t1, t4 = row.get("1"), row.get("4")
        if t1 and t4:
            ratios[kind] = round(t4 / t1, 2)
        elif t1 and any(t.startswith(f"{kind}@") for t in timeouts):
            ratios[kind] = round(timeout / t1, 2)  # a lower bound: t(4 MB) is over the time limit
        else:
            ratios[kind] = None
    known = [r for r in ratios.values() if r is not None]
    max_ratio = max(known) if known else None
    ok = not timeouts and not errors and max_ratio is not None and max_ratio <= LINEAR_RATIO_LIMIT
    return {
        "hostile": times,
        "hostile_ratio_4_over_1": ratios,
        "hostile_max_ratio_4_over_1": max_ratio,
        "hostile_timeouts": timeouts,
        "hostile_errors": errors,
        "hostile_linear": ok,
    }


# --- optional: the CLI end to end ----------------------------------------------------------------


def cli_rate(docs: Sequence[str]) -> dict[str, Any]:
    """Time ``attrition extract --manifest M --format jsonl -o OUT`` over the corpus, start-up included."""
    from corpus import write_manifest

    with tempfile.TemporaryDirectory(prefix="attrition-bench-") as tmp:
        manifest = write_manifest(docs, Path(tmp))
        out = Path(tmp) / "claims.jsonl"
        code = "import sys; from attrition.cli import main; sys.exit(main())"
        cmd = [sys.executable, "-c", code, "extract", "--manifest", str(manifest), "--format", "jsonl"]
        env = dict(
            os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])
        )
        t0 = time.perf_counter()
        proc = subprocess.run([*cmd, "-o", str(out)], env=env, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - t0
        if proc.returncode != 0:
            return {"error": f"exit {proc.returncode}: {proc.stderr.strip()[-500:]}"}
        with out.open(encoding="utf-8") as f:
            claims = sum(1 for line in f if line.strip())
    size = sum(utf8_len(d) for d in docs)
    return {"seconds": seconds, "mb_per_s": size / MB / seconds, "claims": claims}


# --- the run and its report -----------------------------------------------------------------------


def rounded(x: Any, digits: int = 4) -> Any:
    return round(x, digits) if isinstance(x, float) else x


def compiled_modules() -> bool | None:
    """Whether attrition's extraction runs as its mypyc build (``make native``); None for others."""
    native = sys.modules.get("attrition.extract.native")
    return all(native.active().values()) if native is not None else None


def run(args: argparse.Namespace, extract: Extract) -> dict[str, Any]:
    from corpus import make_corpus

    result: dict[str, Any] = {
        "extractor": args.extractor,
        "python": platform.python_version(),
        "seed": args.seed,
        "compiled": compiled_modules(),
    }

    log(f"accuracy on the seeds ({SHARED_BENCH})")
    seeds = seeds_accuracy(extract, SHARED_BENCH)
    if "skipped" in seeds:
        log(f"  skipped: {seeds['skipped']}")
    result["seeds_skipped"] = seeds.get("skipped")
    for k in SCORE_KEYS:
        result[k] = seeds.get(k)
    for k in ("gold", "pred", "matched", "docs", "errors"):
        result[f"seeds_{k}"] = seeds.get(k)

    log(f"generating a {args.mb:g} MB corpus (seed {args.seed})")
    docs = make_corpus(int(args.mb * MB), seed=args.seed)
    log("throughput")
    peak_bytes = None if args.no_peak else int(args.peak_mb * MB)
    speed = throughput(extract, docs, peak_bytes=peak_bytes)
    result.update({k: rounded(v) for k, v in speed.items()})

    log(f"quantulum3 on {args.quantulum3_kb:g} KB")
    q = quantulum3_rate(docs, int(args.quantulum3_kb * 1000))
    result["quantulum3_skipped"] = q.get("skipped")
    result["quantulum3_mb_per_s"] = rounded(q.get("mb_per_s"), 6)
    result["quantulum3_sample_mb"] = rounded(q.get("sample_mb"))
    result["quantulum3_unit"] = "paragraph"
    ours, theirs = speed["mb_per_s"], q.get("mb_per_s")
    result["speedup_vs_quantulum3"] = round(ours / theirs, 1) if ours and theirs else None

    if args.cli:
        log("CLI end to end")
        cli = cli_rate(docs)
        result["cli_mb_per_s"] = rounded(cli.get("mb_per_s"))
        result["cli_error"] = cli.get("error")

    sizes = ", ".join(map(str, HOSTILE_SIZES_MB))
    log(f"hostile input at {sizes} MB (limit {args.hostile_timeout:g} s a run)")
    result.update(hostile(extract, args.hostile_timeout))
    return result


def fmt(x: Any, spec: str = ".3f") -> str:
    if x is None:
        return "n/a"
    return format(x, spec) if isinstance(x, float) else str(x)


def report(r: dict[str, Any]) -> str:
    build = {True: ", compiled by mypyc", False: ", pure Python"}.get(r["compiled"], "")
    lines = [f"attrition extraction benchmark ({r['extractor']}, Python {r['python']}{build})", ""]
    lines.append("accuracy on the seeds (../shared/bench)")
    if r["seeds_skipped"]:
        lines.append(f"  skipped: {r['seeds_skipped']}")
    else:
        lines.append(
            f"  {r['seeds_docs']} documents, gold {r['seeds_gold']}, predicted {r['seeds_pred']}, "
            f"matched {r['seeds_matched']}"
        )
        lines.append(f"  precision {fmt(r['precision'])}  recall {fmt(r['recall'])}  F1 {fmt(r['f1'])}")
        for k in ("bound_acc", "per_acc", "period_acc", "source_acc", "said_on_acc"):
            lines.append(f"  {k:<12} {fmt(r[k])}")
        for e in r["seeds_errors"]:
            lines.append(f"  ERROR {e}")
    lines += [
        "",
        f"throughput on {fmt(r['corpus_mb'], '.2f')} MB ({r['corpus_docs']} documents, seed {r['seed']})",
        f"  {fmt(r['mb_per_s'])} MB/s ({fmt(r['seconds'], '.2f')} s; first call {fmt(r['first_call_s'])} s)",
        f"  {r['claims']} claims ({fmt(r['claims_per_mb'], '.1f')} per MB)",
        (
            f"  peak {fmt(r['peak_mb'], '.2f')} MB ({r['peak_method']})"
            if r["peak_mb"] is not None
            else "  peak not measured (--no-peak)"
        )
        + f"; max RSS grew {fmt(r['rss_delta_mb'], '.1f')} MB during the timed pass",
        "",
    ]
    if r["quantulum3_skipped"]:
        lines.append(f"quantulum3: skipped: {r['quantulum3_skipped']}")
    else:
        lines.append(
            f"quantulum3 on {fmt(r['quantulum3_sample_mb'], '.2f')} MB (per paragraph): "
            f"{fmt(r['quantulum3_mb_per_s'], '.4f')} MB/s; ours is {fmt(r['speedup_vs_quantulum3'], '.1f')}x"
        )
    if "cli_mb_per_s" in r:
        lines.append(f"CLI end to end: {fmt(r['cli_mb_per_s'])} MB/s {r['cli_error'] or ''}".rstrip())
    lines += ["", "hostile input: seconds at 1 / 2 / 4 MB, ratio t(4)/t(1) (about 4 when linear)"]
    for kind, row in r["hostile"].items():
        cells = []
        for s in HOSTILE_SIZES_MB:
            if f"{kind}@{s}MB" in r["hostile_timeouts"]:
                cells.append("timeout")
            elif any(e.startswith(f"{kind}@{s}MB:") for e in r["hostile_errors"]):
                cells.append("error")
            else:
                cells.append(fmt(row.get(str(s))))
        ratio = fmt(r["hostile_ratio_4_over_1"][kind], ".2f")
        if any(t.startswith(f"{kind}@") for t in r["hostile_timeouts"]) and ratio != "n/a":
            ratio = ">= " + ratio
        lines.append(f"  {kind:<17} {' / '.join(cells):<28} ratio {ratio}")
    verdict = "linear" if r["hostile_linear"] else "NOT linear"
    verdict += f" (limit {LINEAR_RATIO_LIMIT:g})"
    lines.append(f"  max ratio {fmt(r['hostile_max_ratio_4_over_1'], '.2f')}: {verdict}")
    for t in r["hostile_timeouts"]:
        lines.append(f"  TIMEOUT {t}")
    for e in r["hostile_errors"]:
        lines.append(f"  ERROR {e}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the report")
    ap.add_argument("--mb", type=float, default=5.0, help="size of the generated corpus in MB (default 5)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the generated corpus (default 0)")
    ap.add_argument(
        "--quantulum3-kb", type=float, default=200.0, help="quantulum3 sample in KB (default 200)"
    )
    ap.add_argument(
        "--hostile-timeout", type=float, default=120.0, help="seconds per hostile run (default 120)"
    )
    ap.add_argument(
        "--peak-mb", type=float, default=1.0, help="corpus MB for the tracemalloc pass (0: all; default 1)"
    )
    ap.add_argument("--no-peak", action="store_true", help="skip the tracemalloc pass (no peak_mb)")
    ap.add_argument("--cli", action="store_true", help="also time `attrition extract --manifest` end to end")
    ap.add_argument(
        "--extractor",
        default="attrition.extract:extract_text",
        help="MODULE:FUNCTION to benchmark (default attrition.extract:extract_text)",
    )
    args = ap.parse_args(argv)
    setup_path()
    try:
        extract = load_extractor(args.extractor)
    except (ImportError, AttributeError, TypeError) as e:
        log(f"Error: cannot load the extractor {args.extractor}: {e}; is src/attrition/extract written yet?")
        return 2
    stdout = sys.stdout
    # With --json nothing but the JSON object may reach stdout, whatever the code under test prints.
    with contextlib.redirect_stdout(sys.stderr) if args.json else contextlib.nullcontext():
        result = run(args, extract)
    if args.json:
        print(json.dumps(result), file=stdout)
    else:
        print(report(result), file=stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
