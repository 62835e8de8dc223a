#!/usr/bin/env bash
# Windows (Git Bash on the workflow's Windows runner): the bundle, its smoke test, code
# signing when a certificate is given, and the NSIS installer in dist/.
#   packaging/windows/build.sh          (from the repository root, '.[package]' installed)
# The bundle has newsdesk.exe (the window, no console) and newsdesk-cli.exe (the same
# program with a console, for `newsdesk-cli index ...` and `--debug`). Shell syntax is
# checked on Linux by shellcheck (.github/workflows/build.yml); the NSIS script is compiled
# on Linux by packaging/windows/check.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-.venv/Scripts/python.exe}
VERSION=$("$PY" packaging/versions.py)
NUMERIC=$("$PY" packaging/versions.py --numeric)
OUT="dist/newsdesk-$VERSION-windows-x64-setup.exe"

echo "== icons and bundle"
"$PY" packaging/make_icons.py build/icons >/dev/null
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/newsdesk.spec

echo "== smoke test"
# The windowed exe has no console: its exit code tells (0 once the bundled seeds loaded).
QT_QPA_PLATFORM=offscreen timeout 300 dist/newsdesk/newsdesk.exe --smoke
dist/newsdesk/newsdesk-cli.exe --version
# ...read with the index's compiled scanner (a missing one is an import error with this set)
rows=$(NEWSDESK_REQUIRE_COMPILED_SCAN=1 dist/newsdesk/newsdesk-cli.exe index dist/newsdesk/_internal/newsdesk/seeds --json | wc -l)
[ "$rows" -eq 5 ] || { echo "newsdesk-cli index printed $rows rows, not 5" >&2; exit 1; }

packaging/windows/sign.sh dist/newsdesk/newsdesk.exe dist/newsdesk/newsdesk-cli.exe

echo "== installer"
export PATH="$PATH:/c/Program Files (x86)/NSIS"
command -v makensis >/dev/null || choco install nsis -y --no-progress
makensis -V2 -WX -DVERSION="$VERSION" -DVERSION_NUMERIC="$NUMERIC" \
    -DSOURCE_DIR="$(cygpath -w "$PWD/dist/newsdesk")" -DLICENSE_FILE="$(cygpath -w "$PWD/LICENSE")" \
    -DICON="$(cygpath -w "$PWD/build/icons/newsdesk.ico")" -DOUT_FILE="$(cygpath -w "$PWD/$OUT")" \
    packaging/windows/newsdesk.nsi
packaging/windows/sign.sh "$OUT"
echo "$OUT: $(du -h "$OUT" | cut -f1)"
