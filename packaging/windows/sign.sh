#!/usr/bin/env bash
# Authenticode-signs the given files when a certificate is configured; otherwise says so
# and leaves them unsigned (a fork's or a pull request's build). As Picard's release does:
# a code-signing certificate (.pfx, base64) and its password come from the workflow's
# secrets WINDOWS_CERTIFICATE_PFX and WINDOWS_CERTIFICATE_PASSWORD; signtool from the
# Windows SDK on the runner signs with SHA-256 and an RFC 3161 timestamp, then verifies.
#   packaging/windows/sign.sh FILE...
set -euo pipefail
if [ -z "${WINDOWS_CERTIFICATE_PFX:-}" ]; then
  echo "== not signed (no WINDOWS_CERTIFICATE_PFX): $*"
  exit 0
fi
TIMESTAMP_URL=${WINDOWS_TIMESTAMP_URL:-http://timestamp.digicert.com}
signtool=$(command -v signtool.exe || true)
if [ -z "$signtool" ]; then
  signtool=$(find "/c/Program Files (x86)/Windows Kits/10/bin" -path "*x64/signtool.exe" 2>/dev/null | sort -V | tail -1)
fi
[ -n "$signtool" ] || { echo "signtool.exe not found (Windows SDK)" >&2; exit 1; }
pfx=$(mktemp --suffix=.pfx)
trap 'rm -f "$pfx"' EXIT
printf '%s' "$WINDOWS_CERTIFICATE_PFX" | base64 --decode > "$pfx"
for f in "$@"; do
  echo "== signing $f"
  "$signtool" sign //fd SHA256 //td SHA256 //tr "$TIMESTAMP_URL" //f "$(cygpath -w "$pfx")" \
      //p "$WINDOWS_CERTIFICATE_PASSWORD" //d "Newsdesk" "$(cygpath -w "$f")"
  "$signtool" verify //pa "$(cygpath -w "$f")"
done
