#!/usr/bin/env bash
# A private PostgreSQL cluster for tests and the local topology.
#   postgres.sh start DIR PORT   initdb in DIR/data (once), start on 127.0.0.1:PORT, wait until it answers
#   postgres.sh stop DIR         fast shutdown
# Superuser "postgres", trust authentication on loopback only. PostgreSQL refuses to run as root,
# so as root the cluster belongs to the "postgres" user (created by Debian's package) or a
# "graphpg" user created here. GRAPH_PG_FSYNC=off trades durability for speed (tests only).
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?directory}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "postgres.sh: PostgreSQL is not installed (tests/scaleout/install.sh)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    local user=postgres
    id -u "$user" >/dev/null 2>&1 || { user=graphpg; id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home "$user"; }
    chown -R "$user" "$dir"
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
  start)
    port=${3:?port}
    mkdir -p "$dir"
    chmod 755 "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    opts="-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=400 -c shared_buffers=128MB"
    if [ "${GRAPH_PG_FSYNC:-on}" = off ]; then
      opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -o "$opts" -w -t 60 start >/dev/null \
      || { cat "$dir/postgres.log" >&2; exit 1; }
    ;;
  stop)
    [ -f "$dir/data/postmaster.pid" ] || exit 0
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null || true
    ;;
  *) echo "usage: postgres.sh start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
