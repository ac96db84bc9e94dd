#!/usr/bin/env bash
# Make sure the PostgreSQL server the tests use answers on 127.0.0.1:5432; start it if it can.
# Where no server can be had, the PostgreSQL tests skip with the reason (and fail in .ci/run).
set -u
host=${UNISONO_TEST_PG_HOST:-127.0.0.1}
port=${UNISONO_TEST_PG_PORT:-5432}

up() { pg_isready -q -h "$host" -p "$port" 2>/dev/null || (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }

if up; then exit 0; fi
if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  echo "starting PostgreSQL…"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  for _ in $(seq 1 30); do up && exit 0; sleep 1; done
fi
echo "PostgreSQL is not reachable on $host:$port: its tests will be skipped" >&2
exit 0
