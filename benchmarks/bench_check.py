"""Checks benchmark: the time to check a ledger of 10,000 to 100,000 claims (target: 100,000 under 10 s).

    python benchmarks/bench_check.py            # a readable report
    python benchmarks/bench_check.py --json     # one JSON object

The claims are synthetic (``attrition.synthetic.generate``): a daily structured series per truth
and articles with cumulative totals, yearly totals with averages, monthly rates, killed and
casualties, sub-period totals and rates per km² from four sources, with six planted faults. Several
independent truths (different subjects) are stacked to reach the size, as a ledger covering
several conflicts would be. The report also counts findings by kind and checks that every planted
fault was found.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from attrition.check import run_checks
from attrition.model import Claim
from attrition.synthetic import generate, plant_faults


def ledger(n_claims: int) -> tuple[list[Claim], dict[str, Any], list[Any]]:
    claims: list[Claim] = []
    published: dict[str, Any] = {}
    planted: list[Any] = []
    k = 0
    while len(claims) < n_claims:
        syn = generate(3_000, seed=k, days=1_500)
        cs, pub, pl = plant_faults(syn, k)
        subject = f"side{k}"
        # A separate subject per truth: the checks must not compare different wars with each other.

        moved = [dataclasses.replace(c, subject=subject, doc_id=f"{subject}/{c.doc_id}") for c in cs]
        new_id = {a.id: b.id for a, b in zip(cs, moved, strict=True)}
        claims += moved
        published |= {f"{subject}/{d}": v for d, v in pub.items()}
        planted += [
            (subject, dataclasses.replace(p, claim_ids=frozenset(new_id[i] for i in p.claim_ids))) for p in pl
        ]
        k += 1
    return claims, published, planted


def run(sizes: list[int]) -> dict[str, Any]:
    out: dict[str, Any] = {"runs": []}
    for n in sizes:
        claims, published, planted = ledger(n)
        t0 = time.perf_counter()
        findings = run_checks(claims, published)
        dt = time.perf_counter() - t0
        ids = {c.id for f in findings if f.severity != "info" for c in f.claims}
        found = sum(1 for _, p in planted if p.claim_ids & ids)
        out["runs"].append(
            {
                "claims": len(claims),
                "seconds": round(dt, 2),
                "claims_per_s": round(len(claims) / dt),
                "findings": dict(Counter(f"{f.kind}:{f.severity}" for f in findings)),
                "planted": len(planted),
                "planted_found": found,
            }
        )
    big = max(out["runs"], key=lambda r: r["claims"])
    out["seconds_100k"] = big["seconds"] if big["claims"] >= 100_000 else None
    out["pass"] = bool(out["seconds_100k"] is not None and out["seconds_100k"] < 10)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,30000,100000", help="comma-separated claim counts")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    r = run([int(x) for x in args.sizes.split(",")])
    if args.json:
        print(json.dumps(r))
        return 0
    print("checks benchmark (synthetic ledgers with planted faults)")
    for x in r["runs"]:
        print(
            f"  {x['claims']:>7,} claims: {x['seconds']:6.2f} s ({x['claims_per_s']:,} claims/s); "
            f"planted faults found {x['planted_found']}/{x['planted']}"
        )
    verdict = "PASS" if r["pass"] else "FAIL"
    print(f"  100,000 claims in {r['seconds_100k']} s [{verdict}: target < 10 s]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
