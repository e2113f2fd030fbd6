#!/usr/bin/env bash
# Debian's chromium for the browser tests (Playwright drives it by path; nothing is downloaded by
# Playwright itself). Idempotent: does nothing when /usr/bin/chromium already runs.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && chromium --version >/dev/null 2>&1; then
    echo "chromium: $(chromium --version)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

# A fresh image has empty package lists; refresh them only when the package is unknown.
if ! apt-cache show chromium >/dev/null 2>&1; then
    $SUDO apt-get update -qq
fi
if ! $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-core; then
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-core
fi
echo "chromium: $(chromium --version)"
