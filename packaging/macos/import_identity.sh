#!/usr/bin/env bash
# The workflow's macOS job: puts the Developer ID certificate (secret MACOS_CERTIFICATE_P12,
# base64) into a throw-away keychain that codesign can use without a prompt. Without the
# secret it does nothing and packaging/macos/build.sh keeps the ad-hoc signature.
set -euo pipefail
if [ -z "${MACOS_CERTIFICATE_P12:-}" ]; then
  echo "no MACOS_CERTIFICATE_P12: the app will not be signed with a Developer ID"
  exit 0
fi
: "${MACOS_SIGN_IDENTITY:?set MACOS_SIGN_IDENTITY to the name of the certificate}"
keychain=build.keychain
password=$(uuidgen)
cert=$(mktemp).p12
trap 'rm -f "$cert"' EXIT
printf '%s' "$MACOS_CERTIFICATE_P12" | base64 --decode > "$cert"
security create-keychain -p "$password" "$keychain"
security set-keychain-settings -lut 21600 "$keychain"
security unlock-keychain -p "$password" "$keychain"
security import "$cert" -k "$keychain" -P "${MACOS_CERTIFICATE_PASSWORD:-}" -T /usr/bin/codesign
security set-key-partition-list -S apple-tool:,apple: -s -k "$password" "$keychain" >/dev/null
security list-keychains -d user -s "$keychain" login.keychain
security find-identity -v -p codesigning "$keychain" | grep -F "$MACOS_SIGN_IDENTITY"
