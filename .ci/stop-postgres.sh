#!/usr/bin/env bash
# Stops a server started by start-postgres.sh and removes its directory.
set -u
dir=$1
[ -d "$dir/data" ] && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$dir/data" -m immediate stop >/dev/null 2>&1
rm -rf "$dir"
