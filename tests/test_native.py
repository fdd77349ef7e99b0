"""The mypyc build of the extraction modules: used only while it matches the sources, and it gives
exactly what the pure modules give."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from attrition.extract import extract_text, native
from attrition.output import to_jsonl

REPO = Path(__file__).resolve().parents[1]


def _fake_package(root: Path, modules: tuple[str, ...]) -> Path:
    """attrition/model.py and attrition/extract/<m>.py with a build manifest of their digests."""
    pkg = root / "attrition" / "extract"
    pkg.mkdir(parents=True)
    (root / "attrition" / "model.py").write_text("X = 1\n")
    for m in modules:
        (pkg / f"{m}.py").write_text(f"NAME = {m!r}\n")
    for m in native.C_MODULES:
        (pkg / f"{m}.c").write_text(f"/* {m} */\n")
    folder = native.build_dir(pkg)
    folder.mkdir(parents=True)
    sources = native.digests(pkg, modules)
    (folder / native.MANIFEST).write_text(json.dumps({"sources": sources}))
    return pkg


def test_a_build_is_used_only_while_every_source_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ATTRITION_PURE", raising=False)
    modules = ("alpha", "beta")
    pkg = _fake_package(tmp_path, modules)
    path = [str(pkg)]
    assert native.activate(path, pkg, modules)
    assert path == [str(native.build_dir(pkg)), str(pkg)]
    assert native.activate(path, pkg, modules) and len(path) == 2  # not put on the path twice

    (pkg / "beta.py").write_text("NAME = 'edited'\n")  # an edit after the build: the sources win
    path = [str(pkg)]
    assert not native.activate(path, pkg, modules)
    assert path == [str(pkg)]

    (pkg / "beta.py").write_text("NAME = 'beta'\n")
    assert native.activate([str(pkg)], pkg, modules)
    (tmp_path / "attrition" / "model.py").write_text("X = 2\n")  # a type it was compiled against changed
    assert not native.activate([str(pkg)], pkg, modules)

    (tmp_path / "attrition" / "model.py").write_text("X = 1\n")
    assert native.activate([str(pkg)], pkg, modules)
    c_source = pkg / f"{native.C_MODULES[0]}.c"
    c_source.write_text(c_source.read_text() + "/* edited */\n")  # the hand-written C changed
    assert not native.activate([str(pkg)], pkg, modules)


def test_no_build_a_broken_manifest_or_attrition_pure_keep_the_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ATTRITION_PURE", raising=False)
    modules = ("alpha",)
    pkg = _fake_package(tmp_path, modules)
    monkeypatch.setenv("ATTRITION_PURE", "1")
    path = [str(pkg)]
    assert not native.activate(path, pkg, modules) and path == [str(pkg)]
    monkeypatch.setenv("ATTRITION_PURE", "0")
    assert native.activate([str(pkg)], pkg, modules)
    (native.build_dir(pkg) / native.MANIFEST).write_text("{not json")
    assert not native.activate([str(pkg)], pkg, modules)
    (native.build_dir(pkg) / native.MANIFEST).unlink()
    assert not native.current(pkg, modules)


def _texts() -> list[Path]:
    files = sorted((REPO / "examples" / "articles").glob("*.txt"))
    files += sorted((REPO / "tests" / "data").glob("*/*.txt"))
    return files


_PURE = """
import json, sys
from pathlib import Path
from attrition.extract import extract_text, native
from attrition.output import to_jsonl
out = {p: to_jsonl(extract_text(Path(p).read_text(encoding="utf-8"))) for p in sys.argv[1:]}
print(json.dumps({"active": native.active(), "claims": out}))
"""


def test_the_compiled_modules_give_exactly_the_pure_modules_claims() -> None:
    used = native.active()
    if not all(used.values()):
        if os.environ.get("CI"):
            pytest.fail(f"CI builds the compiled modules (make native), but they are not in use: {used}")
        pytest.skip("no current native build in this checkout (run `make native`): nothing to compare")
    files = [str(p) for p in _texts()]
    assert len(files) >= 40
    env = {**os.environ, "ATTRITION_PURE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _PURE, *files],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    pure = json.loads(done.stdout)
    assert not any(pure["active"].values()), "ATTRITION_PURE=1 still loaded compiled modules"
    total = 0
    for f in files:
        mine = to_jsonl(extract_text(Path(f).read_text(encoding="utf-8")))
        assert mine == pure["claims"][f], f
        total += mine.count("\n")
    assert total > 400  # the comparison covers a real number of claims
