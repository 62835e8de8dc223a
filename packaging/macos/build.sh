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
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
ARCH=$(uname -m)
APP=dist/Newsdesk.app
DMG=dist/Newsdesk-${VERSION}-macos-${ARCH}.dmg
ENTITLEMENTS=packaging/macos/entitlements.plist

echo "== icons and bundle"
"$PY" packaging/make_icons.py build/icons >/dev/null
rm -rf "$APP" dist/newsdesk
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/newsdesk.spec
/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$APP/Contents/Info.plist"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  echo "== signing (hardened runtime) as $MACOS_SIGN_IDENTITY"
  # inside out: every Mach-O file first, then the bundle
  find "$APP/Contents" -type f \( -perm -u+x -o -name "*.so" -o -name "*.dylib" \) -print0 |
    while IFS= read -r -d '' f; do
      if file "$f" | grep -q "Mach-O"; then
        codesign --force --timestamp --options runtime --entitlements "$ENTITLEMENTS" \
                 --sign "$MACOS_SIGN_IDENTITY" "$f"
      fi
    done
  codesign --force --timestamp --options runtime --entitlements "$ENTITLEMENTS" \
           --sign "$MACOS_SIGN_IDENTITY" "$APP"
  codesign --verify --deep --strict --verbose=2 "$APP"
else
  echo "== not signed: MACOS_SIGN_IDENTITY is not set (ad-hoc signature only)"
fi

echo "== smoke test"
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/newsdesk" --smoke seeds | tee build/smoke.txt
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
