#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 in a temporary directory on a free port, as the postgres user (it refuses
# root). Prints the connection URL on stdout and the data directory on fd 3; stop it with .ci/stop-postgres.sh DIR.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
dir=$(mktemp -d /tmp/plan-monitor-pg.XXXXXX)
chown postgres: "$dir"
chmod 700 "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
runuser -u postgres -- "$PGBIN/initdb" -D "$dir/data" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
echo "$dir" >&3
echo "postgres://postgres@127.0.0.1:$port/postgres"
