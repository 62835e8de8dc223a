#!/usr/bin/env bash
# Proves the NSIS script valid on Linux: makensis compiles it with the Linux bundle as a
# stand-in payload (the real Windows bundle is built by the workflow on Windows).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-.venv/bin/python}
VERSION=${VERSION:-$("$PY" packaging/versions.py)}
NUMERIC=$("$PY" -c "import sys; sys.path.insert(0, 'packaging'); import versions; print('.'.join(map(str, versions.numeric('$VERSION'))))")
[ -d dist/newsdesk ] || { echo "build the bundle first (packaging/linux/build.sh)" >&2; exit 1; }
[ -f build/icons/newsdesk.ico ] || "$PY" packaging/make_icons.py build/icons >/dev/null
out=dist/newsdesk-${VERSION}-windows-STANDIN-setup.exe
makensis -V2 -WX -DNO_COMPRESSION -DVERSION="$VERSION" -DVERSION_NUMERIC="$NUMERIC" -DLICENSE_FILE="$PWD/LICENSE" \
  -DSOURCE_DIR="$PWD/dist/newsdesk" \
  -DICON="$PWD/build/icons/newsdesk.ico" -DOUT_FILE="$PWD/$out" packaging/windows/newsdesk.nsi
file "$out"
echo "NSIS script compiled: $out ($(du -h "$out" | cut -f1), Linux payload: not for installing)"
rm -f "$out"
# A pre-release version must compile too (VIProductVersion takes four numbers only).
if [ -z "${PRERELEASE_CHECKED:-}" ]; then PRERELEASE_CHECKED=1 VERSION="$VERSION"rc1 "$0"; fi
