#!/usr/bin/env bash
# The scale-out topology on this machine: PostgreSQL, Redis, N Graph instances and nginx in front,
# each on a free loopback port, until Ctrl-C (or SIGTERM) stops them all.
#
#   tests/scaleout/up.sh [--instances N] [--dir DIR] [-- EXTRA_SETTING...]
#
# Installs postgresql, redis-server and nginx from Debian's packages when they are missing (as root).
# Builds Graph.Api once (Release) unless GRAPH_DLL names a built Graph.Api.dll. The instances start
# at the same moment on an empty database: one migrates and seeds, the others wait for it.
# EXTRA_SETTINGs go to every instance (e.g. --RateLimiting:GraphQL:Enabled=false for load tests).
# When everything answers it prints "Graph is up: URL" and writes DIR/topology.env (ports, pids,
# folders) for scripts and tests.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
instances=3
dir=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --instances) instances=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "usage: up.sh [--instances N] [--dir DIR] [-- EXTRA_SETTING...]" >&2; exit 2 ;;
  esac
done
[ -n "$dir" ] || dir=$(mktemp -d /tmp/graph-scaleout-XXXXXX)
mkdir -p "$dir"
# The PostgreSQL cluster inside belongs to another user, who must be able to reach it.
chmod 755 "$dir"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

pids=()
stop_all() {
  trap - INT TERM EXIT
  echo "Stopping the topology" >&2
  bash "$here/nginx.sh" stop "$dir/nginx" || true
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  bash "$here/redis.sh" stop "$dir/redis" || true
  bash "$here/postgres.sh" stop "$dir/postgres" || true
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bash "$here/install.sh"

dll=${GRAPH_DLL:-}
if [ -z "$dll" ]; then
  echo "Building Graph.Api (Release)" >&2
  dotnet build "$root/src/Graph.Api" -c Release -nologo -v q >&2
  dll="$root/src/Graph.Api/bin/Release/net10.0/Graph.Api.dll"
fi

pg_port=$(free_port)
bash "$here/postgres.sh" start "$dir/postgres" "$pg_port"
psql -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "CREATE DATABASE shop" >/dev/null
redis_port=$(free_port)
bash "$here/redis.sh" start "$dir/redis" "$redis_port"

# A signing key for this run only, shared by the instances (a token from one is valid on all).
export Auth__SigningKey
Auth__SigningKey=${Auth__SigningKey:-$(head -c 48 /dev/urandom | base64 | tr -d "\n")}
ports=()
for i in $(seq 1 "$instances"); do
  port=$(free_port)
  ports+=("$port")
  ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production} \
  Database__Provider=Postgres \
  ConnectionStrings__Shop="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=shop;Maximum Pool Size=40" \
  Subscriptions__Redis="127.0.0.1:$redis_port" \
  ForwardedHeaders__KnownProxies__0=127.0.0.2 \
  Seed__Demo=true \
    dotnet "$dll" --urls "http://127.0.0.1:$port" "${extra[@]}" >"$dir/instance-$i.log" 2>&1 &
  pids+=("$!")
done

for i in $(seq 1 "$instances"); do
  port=${ports[$((i - 1))]}
  for attempt in $(seq 1 600); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready" && break
    kill -0 "${pids[$((i - 1))]}" 2>/dev/null || { echo "instance $i exited:" >&2; tail -20 "$dir/instance-$i.log" >&2; exit 1; }
    [ "$attempt" -lt 600 ] || { echo "instance $i not ready" >&2; exit 1; }
    sleep 0.1
  done
done

nginx_port=$(free_port)
bash "$here/nginx.sh" start "$dir/nginx" "$nginx_port" "${ports[@]}"

cat >"$dir/topology.env" <<ENV
URL=http://127.0.0.1:$nginx_port/graphql
NGINX_PORT=$nginx_port
POSTGRES_PORT=$pg_port
POSTGRES_DIR=$dir/postgres
REDIS_PORT=$redis_port
REDIS_DIR=$dir/redis
INSTANCE_PORTS="${ports[*]}"
INSTANCE_PIDS="${pids[*]}"
LOG_DIR=$dir
ENV
echo "Graph is up: http://127.0.0.1:$nginx_port/graphql ($instances instances; PostgreSQL :$pg_port, Redis :$redis_port; state in $dir)"
echo "Ctrl-C stops everything."
# Runs until interrupted; an instance that dies is reported but the others keep serving.
while true; do sleep 1 & wait $! || true; done
