#!/usr/bin/env bash
# Proves the NSIS script valid on Linux: makensis compiles it with the Linux bundle as a
# stand-in payload (the real Windows bundle is built by the workflow on Windows).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-.venv/bin/python}
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
[ -d dist/newsdesk ] || { echo "build the bundle first (packaging/linux/build.sh)" >&2; exit 1; }
[ -f build/icons/newsdesk.ico ] || "$PY" packaging/make_icons.py build/icons >/dev/null
out=dist/newsdesk-${VERSION}-windows-STANDIN-setup.exe
makensis -V2 -WX -DNO_COMPRESSION -DVERSION="$VERSION" -DSOURCE_DIR="$PWD/dist/newsdesk" \
  -DICON="$PWD/build/icons/newsdesk.ico" -DOUT_FILE="$PWD/$out" packaging/windows/newsdesk.nsi
file "$out"
echo "NSIS script compiled: $out ($(du -h "$out" | cut -f1), Linux payload: not for installing)"
rm -f "$out"
