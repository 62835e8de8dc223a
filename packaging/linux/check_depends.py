"""Check a .deb's Depends against the system libraries its bundle really loads.

    python check_depends.py BUNDLE_DIR "libc6, libgl1, ..."

Every ELF file of the bundle is run through ldd. A library resolved outside the bundle
must belong (dpkg -S) to a package named in Depends, or one that such a package
depends on transitively; otherwise the check fails. A library not found at all fails
the check when the Qt core or the app needs it; for an optional plugin (the GTK theme,
say) it is reported only: Qt skips a plugin it cannot load.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path


def elf_files(root: Path):
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as f:
                if f.read(4) == b"\x7fELF":
                    yield path


def ldd(path: Path, root: Path) -> dict[str, str | None]:
    # as the frozen app runs: the bootloader puts the bundle's folders first
    env = dict(os.environ, LD_LIBRARY_PATH=f"{root}/_internal:{root}/_internal/PySide6/Qt/lib")
    out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
    libs = {}
    for line in out.splitlines():
        m = re.match(r"\s*(\S+) => (not found|(\S+))", line)
        if m:
            libs[m.group(1)] = None if m.group(2) == "not found" else m.group(3)
    return libs


def package_of(path: str, cache: dict) -> str | None:
    if path in cache:
        return cache[path]
    candidates = [path, os.path.realpath(path)]
    candidates += [c.replace("/usr/lib/", "/lib/", 1) for c in candidates if c.startswith("/usr/lib/")]
    candidates += [c.replace("/lib/", "/usr/lib/", 1) for c in candidates if c.startswith("/lib/")]
    found = None
    for candidate in candidates:
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if result.returncode == 0:
            found = result.stdout.split(":")[0].strip()
            break
    cache[path] = found
    return found


def closure(packages: set[str]) -> set[str]:
    """The packages and everything they depend on (as installed here)."""
    seen, todo = set(), list(packages)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        out = subprocess.run(["dpkg-query", "-W", "-f=${Depends},${Pre-Depends}", name],
                             capture_output=True, text=True).stdout
        for alternative in out.split(","):
            dep = alternative.split("|")[0].strip().split(" ")[0].split(":")[0]
            if dep:
                todo.append(dep)
    return seen


def main(bundle: str, depends: str) -> int:
    root = Path(bundle).resolve()
    declared = {d.strip().split(" ")[0] for d in depends.split(",") if d.strip()}
    allowed = closure(declared)
    owners: dict = {}
    needed: dict[str, set[str]] = {}
    missing_core, missing_optional = set(), set()
    for elf in elf_files(root):
        # plugins, and the Qt libraries only the Wayland plugins load
        optional = "plugins" in elf.relative_to(root).parts or elf.name.startswith(("libQt6Wayland", "libQt6Wl"))
        for name, where in ldd(elf, root).items():
            if where is None:
                (missing_optional if optional else missing_core).add(f"{name} (for {elf.relative_to(root)})")
            elif not os.path.realpath(where).startswith(str(root)):
                package = package_of(where, owners) or f"<no package: {where}>"
                needed.setdefault(package, set()).add(name)
    bad = 0
    for package in sorted(needed):
        ok = package in allowed
        bad += not ok
        print(f"  {'ok ' if ok else 'MISSING'} {package}: {', '.join(sorted(needed[package]))}")
    for entry in sorted(missing_core):
        bad += 1
        print(f"  NOT FOUND {entry}")
    for entry in sorted(missing_optional):
        print(f"  (optional plugin, skipped by Qt when absent) {entry}")
    unused = declared - set(needed) - {"libc6"}
    if unused:
        print(f"  declared but not loaded directly (kept: Qt opens them at run time): {', '.join(sorted(unused))}")
    if bad:
        print(f"Depends check failed: {bad} problem(s)", file=sys.stderr)
        return 1
    print(f"Depends check passed: {len(needed)} system packages, all covered by Depends")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
