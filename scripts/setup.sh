#!/bin/sh
# Prepares a machine that has only Node and apt: Debian packages, npm packages, the build.
# Idempotent and quick when there is nothing to do. Usage: scripts/setup.sh start|test|bench
set -eu
mode=${1:-start}
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }

# Node's major version, the stamps of the npm install and of the build (scripts/build-stamp.cjs).
# shellcheck disable=SC2046
set -- $(node scripts/build-stamp.cjs)
major=$1 installed=$2 built=$3
if [ "$major" -lt 20 ]; then
  say "Node $major is too old: Node 20 or newer is needed"; exit 1
fi

# Debian packages: Chromium and Liberation Serif 2 (metric-compatible with Times New Roman, with
# Vietnamese letters) for PDFs; poppler-utils (pdftotext) for the tests that read PDFs back.
packages="chromium fonts-liberation2"
[ "$mode" = start ] || packages="$packages poppler-utils"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
  say "installing Debian packages:$missing"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing; }; then
    if [ "$mode" = start ]; then
      say "could not install$missing: the service starts, but PDF downloads will answer 503 until Chromium is installed"
    else
      say "could not install$missing"; exit 1
    fi
  fi
fi

# npm packages, reinstalled only when package-lock.json changed. better-sqlite3 compiles from source
# (a few minutes the first time); Puppeteer never downloads a browser (.puppeteerrc.cjs).
stamp=node_modules/.setup-stamp
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$installed" ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
  printf '%s' "$installed" > "$stamp"
fi

# The build, only when what it is made from changed (a second start keeps dist/ and its code cache).
if [ "$mode" != test ]; then
  if [ ! -f dist/.build-stamp ] || [ "$(cat dist/.build-stamp)" != "$built" ] || [ ! -f dist/server.cjs ]; then
    say "building"
    rm -rf dist
    npm run --silent build
    printf '%s' "$built" > dist/.build-stamp
  fi
fi
