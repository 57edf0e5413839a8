#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through playwright-core; Playwright's own
# browser download is not used. Installs the package when it is missing and we may.
set -euo pipefail
bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$bin" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
else
  echo "The browser tests need Chromium at $bin: install Debian's 'chromium' package (or set CHROMIUM_PATH)." >&2
  exit 1
fi
