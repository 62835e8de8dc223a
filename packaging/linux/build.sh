#!/usr/bin/env bash
# Linux: the PyInstaller bundle, a .deb and a tar.gz in dist/, each checked.
#   packaging/linux/build.sh            (from the repository root, with the venv's
#                                        '.[package]' extra installed)
# Checks: desktop-file-validate and appstreamcli validate on the .desktop and metainfo;
# the .deb's Depends against the system libraries the bundle really loads; the bundle's
# `newsdesk --smoke` on the bundled seeds, run from the extracted .deb (offscreen, and on
# Xvfb when it is installed).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-.venv/bin/python}
APP_ID=io.github.newsdesk.Newsdesk
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
ARCH=$(dpkg --print-architecture 2>/dev/null || echo amd64)
DATE=$(date -u +%Y-%m-%d)
# The libraries the .deb needs from the system (PyInstaller leaves these out on purpose:
# they must match the user's graphics driver and C library; fontconfig brings the
# system's font configuration). check_depends.py proves the list covers what is loaded.
DEPENDS="libc6, libgl1, libegl1, libfontconfig1, libxcb1, libwayland-client0, libwayland-cursor0, libwayland-egl1"
start=$(date +%s.%N)

echo "== icons"
"$PY" packaging/make_icons.py build/icons >/dev/null

echo "== bundle (PyInstaller)"
rm -rf dist/newsdesk
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/newsdesk.spec
built=$(date +%s.%N)

echo "== desktop file and metainfo"
stage=build/deb/newsdesk_${VERSION}_${ARCH}
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
         "$stage/usr/share/metainfo" "$stage/usr/share/icons/hicolor/scalable/apps"
cp -a dist/newsdesk "$stage/opt/newsdesk"
ln -s ../../opt/newsdesk/newsdesk "$stage/usr/bin/newsdesk"
cp packaging/linux/$APP_ID.desktop "$stage/usr/share/applications/"
sed -e "s/@VERSION@/$VERSION/" -e "s/@DATE@/$DATE/" packaging/linux/$APP_ID.metainfo.xml \
    > "$stage/usr/share/metainfo/$APP_ID.metainfo.xml"
cp resources/newsdesk.svg "$stage/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "$stage/usr/share/icons/hicolor/${size}x${size}/apps"
  cp build/icons/png/${size}x${size}.png "$stage/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
desktop-file-validate "$stage/usr/share/applications/$APP_ID.desktop"
appstreamcli validate --no-net --pedantic "$stage/usr/share/metainfo/$APP_ID.metainfo.xml" \
    | grep -v -e "unknown-tag developer" -e "^$" || true
appstreamcli validate --no-net "$stage/usr/share/metainfo/$APP_ID.metainfo.xml" >/dev/null

echo "== Depends: every system library the bundle loads comes from a listed package"
"$PY" packaging/linux/check_depends.py "$stage/opt/newsdesk" "$DEPENDS"

size_kb=$(du -sk "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: newsdesk
Version: $VERSION
Architecture: $ARCH
Maintainer: Newsdesk developers <newsdesk@users.noreply.github.com>
Installed-Size: $size_kb
Depends: $DEPENDS
Section: editors
Priority: optional
Homepage: https://github.com/newsdesk/newsdesk
Description: review and curate YAML front-matter news articles
 Newsdesk opens a folder of news articles stored as YAML front-matter files
 and lets editors publish, rate, tag and link them, saving every change without
 disturbing a byte that was not edited.
CONTROL

echo "== .deb and tar.gz"
deb=dist/newsdesk_${VERSION}_${ARCH}.deb
tarball=dist/newsdesk-${VERSION}-linux-$(uname -m).tar.gz
dpkg-deb --build --root-owner-group -Zxz "$stage" "$deb" >/dev/null
tar -C dist -czf "$tarball" newsdesk
dpkg-deb --info "$deb" | grep -E "Package|Version|Depends"

echo "== smoke test from the extracted .deb"
check=$(mktemp -d)
dpkg-deb -x "$deb" "$check"
seeds="$check/opt/newsdesk/_internal/seeds"
t0=$(date +%s.%N)
QT_QPA_PLATFORM=offscreen "$check/usr/bin/newsdesk" --smoke "$seeds" | tee "$check/smoke.txt"
t1=$(date +%s.%N)
grep -qx "loaded 5 articles" "$check/smoke.txt"
"$check/usr/bin/newsdesk" --version
if command -v xvfb-run >/dev/null; then
  QT_QPA_PLATFORM=xcb xvfb-run -a "$check/usr/bin/newsdesk" --smoke "$seeds" | grep -qx "loaded 5 articles"
  echo "smoke test on Xvfb (xcb): passed"
fi
rm -rf "$check"

printf '\n%-34s %s\n' "bundle (dist/newsdesk)" "$(du -sh dist/newsdesk | cut -f1)"
printf '%-34s %s\n' "$deb" "$(du -h "$deb" | cut -f1)"
printf '%-34s %s\n' "$tarball" "$(du -h "$tarball" | cut -f1)"
printf '%-34s %s s\n' "bundle build" "$("$PY" -c "print(round($built - $start, 1))")"
printf '%-34s %s s\n' "frozen smoke (start, load, quit)" "$("$PY" -c "print(round($t1 - $t0, 2))")"
