#!/usr/bin/env bash
# WeasyPrint (PDF handbooks) needs Pango. Install it with apt when it is missing and we can.
set -eu
if ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' && ldconfig -p | grep -q 'libpangoft2-1.0.so'; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
  exit 0
fi
echo "Pango is missing: install libpango-1.0-0 and libpangoft2-1.0-0 (PDF export needs them)" >&2
exit 1
