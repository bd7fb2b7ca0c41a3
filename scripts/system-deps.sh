#!/usr/bin/env bash
# Installs the Debian packages Asar needs when they are missing (a fresh machine has none).
#   scripts/system-deps.sh run   — gettext (translations), Pango + fonts with Kazakh letters (PDF)
#   scripts/system-deps.sh test  — the above + Chromium (browser tests) + poppler (PDF to PNG)
set -euo pipefail
profile="${1:-run}"
missing=()
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || missing+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
fc-list 2>/dev/null | grep -qi 'DejaVuSans' || missing+=(fonts-dejavu-core fontconfig)
fc-list 2>/dev/null | grep -qi 'NotoSans-' || missing+=(fonts-noto-core)
if [ "$profile" = "test" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" != "0" ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
