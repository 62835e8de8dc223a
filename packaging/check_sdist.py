"""The source release builds the compiled scanner: what pip does with it on a machine
that has no wheel for it.

    python packaging/check_sdist.py        (from any folder; needs `build`: the package extra)

Builds the sdist from the files git has, checks that every C source and header under desktop/ is inside it,
builds a wheel FROM that sdist (not from the tree), installs the wheel into a fresh venv
(with PyYAML only: the index needs no Qt) and there, outside the source tree, imports
the compiled module and runs `newsdesk index` on the bundled seeds with
NEWSDESK_REQUIRE_COMPILED_SCAN=1. setup.py's Extension is optional=True, so a header
left out of the sdist would otherwise give a working wheel with the slow scanner, unseen.
~10 s (the wheel's build installs setuptools in an isolated environment).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import venv
import zipfile
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent


def run(*cmd, **kw) -> str:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    if done.returncode != 0:
        sys.exit(f"check_sdist: {' '.join(map(str, cmd))} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return done.stdout


def c_sources() -> set[str]:
    return {p.relative_to(ROOT).as_posix() for p in (ROOT / "desktop").rglob("*")
            if p.suffix in (".c", ".h") and "build" not in p.relative_to(ROOT).parts}


def clean_copy(to: Path) -> Path:
    """The files git has (tracked, or new and not ignored) as they are in the tree; without
    git (a checkout made without it), the tree less what builds and venvs leave. Not the tree
    itself: an editable install's desktop/newsdesk.egg-info/SOURCES.txt, which setuptools
    reads back into the sdist, would put a file in it that the build no longer names."""
    # safe.directory: a checkout in a CI container belongs to another user than the job's
    done = subprocess.run(["git", "-c", "safe.directory=*", "-C", str(ROOT), "ls-files", "-z", "--cached",
                           "--others", "--exclude-standard"], capture_output=True, text=True)
    if done.returncode != 0:
        shutil.copytree(ROOT, to, ignore=shutil.ignore_patterns(
            ".git", ".venv*", ".lint", "build", "dist", "*.egg-info", "__pycache__", "*.so", "*.pyd"))
        return to
    for name in filter(None, done.stdout.split("\0")):
        if (ROOT / name).is_file():
            (to / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, to / name)
    return to


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="newsdesk-sdist-", ignore_cleanup_errors=True) as tmp:
        out = Path(tmp)
        run(sys.executable, "-m", "build", "--sdist", "-o", out / "sdist", clean_copy(out / "src"))
        [sdist] = (out / "sdist").glob("*.tar.gz")
        with tarfile.open(sdist) as tar:
            inside = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
        missing = sorted(c_sources() - inside)
        if missing:
            sys.exit(f"check_sdist: {sdist.name} lacks {', '.join(missing)} (setup.py's sources/depends)")
        print(f"{sdist.name}: {len(c_sources())} C files inside")

        run(sys.executable, "-m", "build", "--wheel", "-o", out / "wheel", sdist)
        [wheel] = (out / "wheel").glob("*.whl")
        with zipfile.ZipFile(wheel) as z:
            built = [n for n in z.namelist() if n.startswith("newsdesk/core/indexing/_scan.")]
        if not built:
            sys.exit(f"check_sdist: {wheel.name}, built from {sdist.name}, has no compiled scanner")
        print(f"{wheel.name} (from the sdist): {built[0]}")

        venv.create(out / "venv", with_pip=True)
        py = out / "venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        with open(ROOT / "pyproject.toml", "rb") as f:
            yaml_req = next(d for d in tomllib.load(f)["project"]["dependencies"] if d.startswith("PyYAML"))
        run(py, "-m", "pip", "install", "-q", "--no-deps", wheel, yaml_req)
        env = {**os.environ, "NEWSDESK_REQUIRE_COMPILED_SCAN": "1", "NEWSDESK_CACHE_DIR": str(out / "cache")}
        env.pop("PYTHONPATH", None)
        env.pop("NEWSDESK_PURE_SCAN", None)
        where = run(py, "-c", "import newsdesk.core.indexing._scan as s, newsdesk, pathlib; "
                    "print(s.__file__); print(pathlib.Path(newsdesk.__file__).parent / 'seeds')",
                    cwd=out, env=env).splitlines()
        if not Path(where[0]).resolve().is_relative_to((out / "venv").resolve()):
            sys.exit(f"check_sdist: the scanner was imported from {where[0]}, not the fresh venv")
        listed = run(py, "-m", "newsdesk", "index", where[1], "--json", cwd=out, env=env).splitlines()
        seeds = len(list(Path(where[1]).glob("*.txt")))
        if len(listed) != seeds or not seeds:
            sys.exit(f"check_sdist: `newsdesk index` of the {seeds} seeds listed {len(listed)} rows")
        print(f"fresh venv: compiled scanner imported, `newsdesk index` listed the {seeds} seeds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
