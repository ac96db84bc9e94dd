#!/usr/bin/env bash
# The system packages Unisono needs beyond Python: Pango and HarfBuzz for PDF handbooks
# (WeasyPrint), the fonts the handbook and the pages are set in, and Chromium, which the
# end-to-end tests drive with Playwright (its own browser download is not used). Installed with
# apt when missing and we can.
set -eu
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-inter
  chromium)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "not a Debian system: make sure Pango and HarfBuzz are installed (PDF handbooks need them)"
  exit 0
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "installing ${missing[*]}…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; }
  exit 0
fi
echo "missing system packages: ${missing[*]} (PDF handbooks and the browser tests need them);" \
  "install them with your package manager" >&2
exit 1
