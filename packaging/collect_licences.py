"""The licence texts of everything a bundle redistributes, gathered into one folder.

Called by packaging/newsdesk.spec with the binaries PyInstaller collected, so the
folder lists exactly what ships; also runnable alone for a look:

    python packaging/collect_licences.py OUT_DIR

Writes OUT_DIR/*.txt and OUT_DIR/THIRD-PARTY.txt (the index: component, version,
licence, file). On Debian/Ubuntu, each system library the bundle carries brings its
package's /usr/share/doc/PKG/copyright. A text that cannot be found fails the build:
shipping without it is the mistake this guards against.
"""
from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TEXTS = HERE / "licences"


def _python_licence() -> Path:
    stdlib = Path(os.__file__).resolve().parent
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (stdlib / "LICENSE.txt", stdlib.parent / "LICENSE.txt", Path(sys.base_prefix) / "LICENSE.txt",
                      Path("/usr/share/doc") / version / "copyright"):
        if candidate.is_file():
            return candidate
    raise SystemExit("collect_licences: Python's licence text was not found")


def _dist_licence(name: str) -> str:
    dist = metadata.distribution(name)
    for f in dist.files or ():
        if Path(str(f)).name.upper().startswith(("LICENSE", "LICENCE", "COPYING")):
            return f.read_text(encoding="utf-8")
    raise SystemExit(f"collect_licences: no licence file in {name}'s metadata")


def _debian_packages(paths: list[str]) -> dict[str, str]:
    """Package of each system library path (dpkg -S, both sides of the /usr merge)."""
    if not shutil.which("dpkg") or not paths:
        return {}
    found: dict[str, str] = {}
    for path in paths:
        names = {path, os.path.realpath(path)}
        names |= {n.replace("/usr/lib/", "/lib/", 1) for n in list(names) if n.startswith("/usr/lib/")}
        names |= {n.replace("/lib/", "/usr/lib/", 1) for n in list(names) if n.startswith("/lib/")}
        out = subprocess.run(["dpkg", "-S", *sorted(names)], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if ": " in line:
                found[path] = line.split(":")[0].strip()
                break
    return found


def collect(out: Path, binaries: list[str] = ()) -> list[Path]:
    """Write the texts into ``out``; ``binaries`` are the source paths of the shipped
    shared libraries (PyInstaller's a.binaries). Returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        if old.is_file():
            old.unlink()
    rows: list[tuple[str, str, str, str]] = []

    def put(name: str, text: str, component: str, version: str, licence: str) -> None:
        (out / name).write_text(text, encoding="utf-8")
        rows.append((component, version, licence, name))

    def version_of(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "?"

    put("Newsdesk-LICENSE.txt", (ROOT / "LICENSE").read_text(encoding="utf-8"), "Newsdesk", version_of("newsdesk"),
        "MIT")
    put("Python-LICENSE.txt", _python_licence().read_text(encoding="utf-8"), "Python", platform.python_version(),
        "PSF-2.0")
    put("PyYAML-LICENSE.txt", _dist_licence("PyYAML"), "PyYAML (with libyaml)", version_of("PyYAML"), "MIT")
    pyside = version_of("PySide6-Essentials")
    for text, licence in (("LGPL-3.0.txt", "LGPL-3.0-only"), ("GPL-3.0.txt", "GPL-3.0 (the LGPL's base)")):
        put(text, (TEXTS / text).read_text(encoding="utf-8"), "Qt 6, PySide6, shiboken6", pyside, licence)
    put("ICU.txt", (TEXTS / "ICU.txt").read_text(encoding="utf-8"), "ICU (in Qt)", "", "Unicode/ICU")
    put("Apache-2.0.txt", (TEXTS / "Apache-2.0.txt").read_text(encoding="utf-8"), "OpenSSL 3", "", "Apache-2.0")

    system = [b for b in binaries if b.startswith(("/lib", "/usr/lib")) and "site-packages" not in b]
    for package in sorted(set(_debian_packages(system).values())):
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        if not copyright_file.is_file():
            raise SystemExit(f"collect_licences: {package} ships a library but has no {copyright_file}")
        put(f"debian-{package}.txt", copyright_file.read_text(encoding="utf-8", errors="replace"),
            f"{package} (a system library, from Debian)", "", "its copyright file")

    index = ["Newsdesk redistributes the following; each text is in this folder.", ""]
    index += [f"{c}{' ' + v if v else ''}: {lic} ({f})" for c, v, lic, f in rows]
    (out / "THIRD-PARTY.txt").write_text("\n".join(index) + "\n", encoding="utf-8")
    return sorted(out.iterdir())


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    for path in collect(Path(sys.argv[1])):
        print(path)
