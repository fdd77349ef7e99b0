"""The ledger's claims as a Parquet file (for pandas, polars, DuckDB, R's arrow)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from attrition.store.ledger import ClaimRow

COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "string"), ("doc", "string"), ("quote", "string"), ("metric", "string"), ("subject", "string"),
    ("value", "float64"), ("low", "float64"), ("high", "float64"), ("bound", "string"), ("per", "string"),
    ("start", "date32"), ("end", "date32"), ("source", "string"), ("said_on", "date32"),
    ("extractor", "string"), ("url", "string"), ("title", "string"), ("published", "date32"),
)  # fmt: skip


def to_parquet(rows: Sequence[ClaimRow], path: Path) -> None:
    """Write one row per claim with typed columns: numbers as float64, dates as dates."""
    import pyarrow as pa  # imported here: only this export needs it
    import pyarrow.parquet as pq

    records = [r.to_record() for r in rows]
    arrays = {}
    for name, typ in COLUMNS:
        values = [rec.get(name) for rec in records]
        if typ == "date32":
            from datetime import date

            arrays[name] = pa.array([date.fromisoformat(v) if v else None for v in values], pa.date32())
        elif typ == "float64":
            arrays[name] = pa.array([float(v) if v is not None else None for v in values], pa.float64())
        else:
            arrays[name] = pa.array(values, pa.string())
    pq.write_table(pa.table(arrays), path)
