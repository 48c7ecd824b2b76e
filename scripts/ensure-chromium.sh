#!/usr/bin/env bash
# Browser tests need a Chromium. Use CHROMIUM_PATH, else Debian's /usr/bin/chromium,
# installing it with apt-get when it is missing.
set -euo pipefail
if [[ -n "${CHROMIUM_PATH:-}" || -e /usr/bin/chromium ]]; then exit 0; fi
if ! command -v apt-get >/dev/null; then
  echo "No Chromium found: install one and set CHROMIUM_PATH to its binary." >&2
  exit 1
fi
sudo=''
[[ $EUID -eq 0 ]] || sudo=sudo
echo "Installing Debian's chromium for the browser tests…" >&2
$sudo apt-get update -qq && $sudo apt-get install -y -qq chromium >/dev/null
