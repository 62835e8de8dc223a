"""The project's version in the forms the installers need.

    python packaging/versions.py            1.2.0rc1      (pyproject.toml's, as is)
    python packaging/versions.py --numeric  1.2.0.0       (Windows: four numbers only)

Windows version resources and NSIS's VIProductVersion take four 16-bit numbers, so a
pre-release (1.2.0rc1, 1.2.0.dev3, 1.2.0-beta.2) keeps its numbers and drops the tag;
the full string stays in the text fields (ProductVersion, DisplayVersion).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent


def project_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["version"]


def numeric(version: str) -> tuple[int, int, int, int]:
    """1.2.0rc1 -> (1, 2, 0, 0); at most four numbers, each 0..65535."""
    m = re.match(r"\d+(\.\d+)*", version.strip().lstrip("v"))
    if m is None:
        raise ValueError(f"{version!r} does not start with a version number")
    parts = [int(p) for p in m.group(0).split(".")][:4]
    if any(p > 65535 for p in parts):
        raise ValueError(f"{version!r}: Windows versions take numbers up to 65535")
    return tuple(parts + [0] * (4 - len(parts)))  # type: ignore[return-value]


def windows_version_info(version: str, exe_name: str, description: str) -> str:
    """The version resource of a Windows executable, in the text form PyInstaller reads
    (``EXE(version=FILE)``; its classes cannot be imported off Windows, the text can be
    checked anywhere)."""
    nums = numeric(version)
    strings = {"CompanyName": "Newsdesk developers", "FileDescription": description, "FileVersion": version,
               "InternalName": exe_name.removesuffix(".exe"),
               "LegalCopyright": "Copyright (c) 2026 Newsdesk developers, MIT licence",
               "OriginalFilename": exe_name, "ProductName": "Newsdesk", "ProductVersion": version}
    table = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={nums}, prodvers={nums}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('040904B0', [
{table}])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def write_windows_version_info(out_dir: Path, version: str, exe_name: str, description: str) -> str:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{exe_name}.version.txt"
    path.write_text(windows_version_info(version, exe_name, description), encoding="utf-8")
    return str(path)


if __name__ == "__main__":
    v = project_version()
    print(".".join(map(str, numeric(v))) if "--numeric" in sys.argv[1:] else v)
