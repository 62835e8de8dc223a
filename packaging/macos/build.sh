#!/usr/bin/env bash
# macOS: Newsdesk.app (PyInstaller BUNDLE), smoke-tested, signed when an identity is given,
# in a .dmg with an /Applications link, notarized and stapled when credentials are given.
#   packaging/macos/build.sh
# Environment (all optional):
#   MACOS_SIGN_IDENTITY   "Developer ID Application: Name (TEAMID)"; without it the app
#                         keeps PyInstaller's ad-hoc signature (runs locally, not elsewhere)
#   NOTARY_APPLE_ID, NOTARY_TEAM_ID, NOTARY_PASSWORD   an app-specific password, or
#   NOTARY_PROFILE        a keychain profile made with `xcrun notarytool store-credentials`
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-.venv/bin/python}
VERSION=$("$PY" packaging/versions.py)
ARCH=$(uname -m)
APP=dist/Newsdesk.app
DMG=dist/Newsdesk-${VERSION}-macos-${ARCH}.dmg

echo "== icons and bundle"
"$PY" packaging/make_icons.py build/icons >/dev/null
rm -rf "$APP" dist/newsdesk
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/newsdesk.spec
/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$APP/Contents/Info.plist"

echo "== minimum macOS: Info.plist against the Qt wheels the bundle ships"
# PySide6's wheels say in their tag which macOS they were built for (macosx_13_0_arm64);
# an LSMinimumSystemVersion below it would let the app start on a system where Qt crashes.
"$PY" - "$APP/Contents/Info.plist" <<'CHECK'
import plistlib, re, sys
from importlib import metadata
plist = plistlib.load(open(sys.argv[1], "rb"))
declared = tuple(int(p) for p in plist["LSMinimumSystemVersion"].split("."))
needed = (0,)
for dist in ("PySide6-Essentials", "shiboken6"):
    wheel = metadata.distribution(dist).read_text("WHEEL") or ""
    for tag in re.findall(r"macosx_(\d+)_(\d+)", wheel):
        needed = max(needed, tuple(int(p) for p in tag))
print(f"LSMinimumSystemVersion {plist['LSMinimumSystemVersion']}; the Qt wheels need macOS {'.'.join(map(str, needed))}")
if declared < needed:
    sys.exit("LSMinimumSystemVersion is below what the shipped Qt needs: raise MACOS_MINIMUM in packaging/newsdesk.spec")
for key in ("CFBundleDocumentTypes",):
    if key not in plist:
        sys.exit(f"Info.plist has no {key}")
CHECK

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  # PyInstaller signed every binary and then the bundle (EXE codesign_identity, hardened
  # runtime, the entitlements): check the result instead of re-signing by hand.
  echo "== signature"
  codesign --verify --deep --strict --verbose=2 "$APP"
  codesign --display --verbose=2 "$APP" 2>&1 | grep -E "Authority|Runtime|TeamIdentifier" || true
else
  echo "== not signed: MACOS_SIGN_IDENTITY is not set (ad-hoc signature only)"
fi

echo "== smoke test"
# NEWSDESK_REQUIRE_COMPILED_SCAN: the bundle reads with the index's compiled scanner, or fails
NEWSDESK_REQUIRE_COMPILED_SCAN=1 QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/newsdesk" --smoke | tee build/smoke.txt
grep -qx "loaded 5 articles" build/smoke.txt

echo "== disk image"
stage=build/dmg
rm -rf "$stage" "$DMG"
mkdir -p "$stage"
cp -R "$APP" "$stage/"
ln -s /Applications "$stage/Applications"
hdiutil create -volname "Newsdesk $VERSION" -srcfolder "$stage" -ov -format UDZO "$DMG"
if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$DMG"
fi

if [ -n "${NOTARY_PROFILE:-}" ] || [ -n "${NOTARY_APPLE_ID:-}" ]; then
  echo "== notarizing"
  if [ -n "${NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
  else
    xcrun notarytool submit "$DMG" --apple-id "$NOTARY_APPLE_ID" --team-id "$NOTARY_TEAM_ID" \
          --password "$NOTARY_PASSWORD" --wait
  fi
  xcrun stapler staple "$DMG"
  spctl --assess --type open --context context:primary-signature --verbose "$DMG"
else
  echo "== not notarized: no NOTARY_PROFILE or NOTARY_APPLE_ID"
fi
echo "$DMG: $(du -h "$DMG" | cut -f1)"
