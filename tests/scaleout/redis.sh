#!/usr/bin/env bash
# A private Redis server for tests and the local topology.
#   redis.sh start DIR PORT   start on 127.0.0.1:PORT (no persistence), wait until it answers
#   redis.sh stop DIR         shut it down (SIGTERM, then wait for the process to end)
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?directory}
server=$(command -v redis-server || echo /usr/bin/redis-server)
cli=$(command -v redis-cli || echo /usr/bin/redis-cli)
[ -x "$server" ] || { echo "redis.sh: redis-server is not installed (tests/scaleout/install.sh)" >&2; exit 1; }

case "$cmd" in
  start)
    port=${3:?port}
    mkdir -p "$dir"
    "$server" --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
    for _ in $(seq 1 100); do
      [ "$("$cli" -p "$port" ping 2>/dev/null || true)" = PONG ] && exit 0
      sleep 0.1
    done
    echo "redis.sh: Redis did not answer on port $port" >&2; cat "$dir/redis.log" >&2; exit 1
    ;;
  stop)
    [ -f "$dir/redis.pid" ] || exit 0
    pid=$(cat "$dir/redis.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || { rm -f "$dir/redis.pid"; exit 0; }; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true; rm -f "$dir/redis.pid"
    ;;
  *) echo "usage: redis.sh start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
