#!/usr/bin/env bash
# What a program started by the frozen app sees of its environment.
#   packaging/linux/check_child_env.sh /path/to/newsdesk   (the frozen executable)
# Fake `git` and `xdg-open` first in PATH write their environment to files; the app runs
# git when it opens a folder (is it a work tree?) and xdg-open for a link (--smoke-open,
# through QDesktopServices as "Open article" does). Each child must see the user's
# LD_LIBRARY_PATH (set here to a marker), not the bundle's, and no Qt plugin path into it.
set -euo pipefail
app=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/site"
for tool in git xdg-open; do
  cat > "$work/bin/$tool" <<SCRIPT
#!/bin/sh
env > "$work/$tool.env"
exit 1
SCRIPT
  chmod +x "$work/bin/$tool"
done
cp "$(dirname "$(readlink -f "$app")")"/_internal/newsdesk/seeds/*.txt "$work/site/"
marker=/opt/user-libs-marker
run() {
  PATH="$work/bin:$PATH" LD_LIBRARY_PATH=$marker NEWSDESK_LOG_DIR="$work/log" "$@" \
      --smoke "$work/site" --smoke-open "https://example.org/article" >/dev/null
}
if command -v xvfb-run >/dev/null; then  # QDesktopServices needs a real platform to call xdg-open
  run env QT_QPA_PLATFORM=xcb xvfb-run -a "$app"
else
  run env QT_QPA_PLATFORM=offscreen "$app"
fi
bundle=$(dirname "$(readlink -f "$app")")
status=0
for tool in git xdg-open; do
  f="$work/$tool.env"
  if [ ! -f "$f" ]; then
    if [ "$tool" = xdg-open ] && ! command -v xvfb-run >/dev/null; then
      echo "child environment: $tool not started (no Xvfb here), not checked"; continue
    fi
    echo "child environment: the app never started $tool" >&2; status=1; continue
  fi
  if ! grep -qx "LD_LIBRARY_PATH=$marker" "$f"; then
    echo "child environment: $tool got $(grep '^LD_LIBRARY_PATH=' "$f" || echo 'no LD_LIBRARY_PATH')" >&2; status=1
  fi
  if grep -E "^(QT_PLUGIN_PATH|QML2_IMPORT_PATH|LD_LIBRARY_PATH_ORIG|_PYI_[A-Z_]*)=" "$f"; then
    echo "child environment: $tool inherited the bundle's variables above" >&2; status=1
  fi
  if grep -q "$bundle" "$f"; then
    echo "child environment: $tool sees the bundle's folder:" >&2; grep "$bundle" "$f" >&2; status=1
  fi
  [ $status -eq 0 ] && echo "child environment: $tool sees the user's environment (LD_LIBRARY_PATH=$marker, nothing of the bundle)"
done
exit $status
