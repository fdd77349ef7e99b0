"""The extraction modules compiled to C by mypyc, used only while they match their sources.

The extractor is pure Python and works as such everywhere. ``make`` also compiles its modules with
mypyc (part of mypy, a development dependency) into ``_native/<ABI>/`` beside them, with a manifest
of the SHA-256 of every source the build read. On import, :func:`activate` puts that folder first
on the package's ``__path__`` only when every digest still matches, so an edited module is never
shadowed by a stale build: Python reads the sources until the next build. ``ATTRITION_PURE=1``
keeps the pure modules regardless. The compiled modules give exactly the pure modules' output
(``tests/test_native.py`` compares them).

The same build compiles ``_speedups.c``, hand-written C for the scans that cost most in Python: the
tokenizer, the searches for listed words (number words, date words, side and source names), sentence
ends, and figures and date candidates in digits. Each function there gives exactly what a pure
function or pattern of the modules gives (``tests/test_speedups.py`` compares them on generated text
and on every article); the modules import it only from the build's folder, so it is used only with
them. Together they take about three fifths off extraction's time.

    attrition native build     # compile if the sources changed (about a minute; make does it)
    attrition native status    # which modules are in use
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import sysconfig
import tempfile
from collections.abc import MutableSequence
from pathlib import Path

PACKAGE = "attrition.extract"
# Compiled: the modules extraction spends its time in. The model is not compiled (the ledger, the
# checks and the estimator share its classes), but the build reads its types, so it is hashed too.
MODULES = ("text", "numbers", "dates", "lexicon", "sources", "claims", "pipeline")
HERE = Path(__file__).resolve().parent
DEPENDS = ("../model.py",)
# Hand-written C, built with them: functions of the modules above made faster, each giving exactly
# what its pure Python gives (tests/test_speedups.py), imported only from the build's folder.
C_MODULES = ("_speedups",)
GROUP = f"{PACKAGE}._native"  # mypyc's shared library: attrition.extract._native__mypyc
MANIFEST = "sources.json"


def abi() -> str:
    """The interpreter's extension ABI (``cpython-311-x86_64-linux-gnu``): one build per ABI."""
    return str(sysconfig.get_config_var("SOABI") or sys.implementation.cache_tag)


def build_dir(package_dir: Path = HERE) -> Path:
    return package_dir / "_native" / abi()


def digests(package_dir: Path = HERE, modules: tuple[str, ...] = MODULES) -> dict[str, str]:
    """SHA-256 of each compiled module's source and of the sources whose types it was compiled with."""
    names = [f"{m}.py" for m in modules] + list(DEPENDS) + [f"{m}.c" for m in C_MODULES]
    return {n: hashlib.sha256((package_dir / n).read_bytes()).hexdigest() for n in names}


def current(package_dir: Path = HERE, modules: tuple[str, ...] = MODULES) -> bool:
    """True when a build exists for this interpreter and was made from the sources as they are."""
    folder = build_dir(package_dir)
    try:
        recorded = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return bool(recorded.get("sources") == digests(package_dir, modules))
    except (OSError, ValueError, AttributeError):
        return False


def activate(
    path: MutableSequence[str], package_dir: Path = HERE, modules: tuple[str, ...] = MODULES
) -> bool:
    """Put the compiled modules first on a package ``__path__`` when they match the sources."""
    if os.environ.get("ATTRITION_PURE", "") not in ("", "0"):
        return False
    if not current(package_dir, modules):
        return False
    folder = str(build_dir(package_dir))
    if folder not in path:
        path.insert(0, folder)
    return True


def active() -> dict[str, bool]:
    """For each compiled module: whether the imported one is the compiled extension."""
    out = {}
    for m in MODULES + C_MODULES:
        module = sys.modules.get(f"{PACKAGE}.{m}")
        out[m] = bool(module is not None and not str(getattr(module, "__file__", "")).endswith(".py"))
    return out


def build(force: bool = False, package_dir: Path = HERE) -> Path | None:
    """Compile the modules with mypyc into :func:`build_dir`; None when the build is already current.

    Raises ImportError when mypyc or setuptools is missing and any build error as it comes (the
    caller decides whether the pure modules will do)."""
    if not force and current(package_dir):
        return None
    from mypyc.build import mypycify  # a development dependency: imported only to build
    from setuptools import Distribution, Extension

    target = build_dir(package_dir)
    src_root = package_dir.parent.parent  # the folder that holds the package ``attrition``
    sources = digests(package_dir)
    with tempfile.TemporaryDirectory(prefix="attrition-mypyc-") as tmp:
        cwd = os.getcwd()
        os.chdir(src_root)  # mypyc names modules by their paths from here
        try:
            paths = [str((package_dir / f"{m}.py").relative_to(src_root)) for m in MODULES]
            extensions = mypycify(
                paths, opt_level="3", group_name=GROUP, target_dir=str(Path(tmp) / "c"), verbose=False
            )
            extensions += [
                Extension(f"{PACKAGE}.{m}", [str((package_dir / f"{m}.c").relative_to(src_root))])
                for m in C_MODULES
            ]
            dist = Distribution({"name": "attrition-native", "ext_modules": extensions})
            cmd = dist.get_command_obj("build_ext")
            cmd.build_lib = str(Path(tmp) / "lib")
            cmd.build_temp = str(Path(tmp) / "obj")
            cmd.ensure_finalized()
            cmd.run()
        finally:
            os.chdir(cwd)
        built = Path(tmp) / "lib" / Path(*PACKAGE.split("."))
        staging = target.with_name(target.name + ".new")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        for so in built.glob("*.so"):
            shutil.copy2(so, staging / so.name)
        (staging / MANIFEST).write_text(
            json.dumps({"abi": abi(), "modules": list(MODULES), "sources": sources}, indent=1) + "\n",
            encoding="utf-8",
        )
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)  # a half-written build is never the current one
    return target
