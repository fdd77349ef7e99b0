"""The ledger over HTTP: a JSON API (:func:`create_app`) and :func:`serve` to run it with uvicorn."""

from __future__ import annotations

from pathlib import Path

from attrition.web.app import create_app

__all__ = ["create_app", "serve"]


def serve(
    db: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    allow_ingest: bool = False,
    *,
    max_body: int | None = None,
) -> None:
    """Serve the API over the ledger at ``db`` until interrupted. It listens on this machine only
    (127.0.0.1) unless ``host`` says otherwise; ``allow_ingest`` lets clients post documents (and, with
    a URL, make this server download pages), so keep it to trusted clients."""
    import uvicorn

    from attrition.web.app import DEFAULT_MAX_BODY

    app = create_app(
        db, allow_ingest=allow_ingest, max_body=DEFAULT_MAX_BODY if max_body is None else max_body
    )
    uvicorn.run(app, host=host, port=port, log_level="info")
