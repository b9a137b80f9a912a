#!/usr/bin/env bash
# Scale-out measurements (figures in tests/Benchmarks/README.md):
#   1. Storefront through nginx with 1, 2 and 3 instances (wrk, 64 connections);
#   2. checkout throughput on PostgreSQL and on SQLite (one instance each, wrk, 32 customers);
#   3. event latency across instances: 200 restocks on instance B, subscriber on instance A.
#   tests/scaleout/bench.sh [--duration S] [--warmup S] [--only storefront|checkout|latency]
# Release build of Graph.Api (once); loopback only; everything it starts is stopped on exit.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
duration=20; warmup=10; only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "usage: bench.sh [--duration S] [--warmup S] [--only storefront|checkout|latency]" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { [ "$(id -u)" -eq 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
out=$(mktemp -d /tmp/graph-bench-XXXXXX)
chmod 755 "$out"
up_pid=""; sqlite_pid=""
cleanup() {
  [ -z "$up_pid" ] || { kill -TERM "$up_pid" 2>/dev/null; wait "$up_pid" 2>/dev/null || true; }
  [ -z "$sqlite_pid" ] || { kill -TERM "$sqlite_pid" 2>/dev/null; wait "$sqlite_pid" 2>/dev/null || true; }
  rm -rf "$out"
}
trap cleanup EXIT

if [ -z "${GRAPH_DLL:-}" ]; then
  dotnet build "$root/src/Graph.Api" -c Release -nologo -v q >&2
  export GRAPH_DLL="$root/src/Graph.Api/bin/Release/net10.0/Graph.Api.dll"
fi
settings=(--RateLimiting:GraphQL:Enabled=false --Auth:SignInAttemptsPerMinute=100000 --Logging:LogLevel:Default=Warning)

# up N: the topology with N instances; its ports and pids read from topology.env.
runs=0
up() { # a fresh topology (its own cluster and database) each time
  runs=$((runs + 1))
  local run="$out/up$runs-$1"
  bash "$here/up.sh" --instances "$1" --dir "$run" -- "${settings[@]}" > "$run.out" 2>&1 &
  up_pid=$!
  for _ in $(seq 1 600); do grep -q "Graph is up" "$run.out" && { . "$run/topology.env"; return 0; }; sleep 0.5; done
  cat "$run.out" >&2; exit 1
}
down() { kill -TERM "$up_pid"; wait "$up_pid" 2>/dev/null || true; up_pid=""; }

gql() { # url token json -> body
  curl -s -X POST "$1" -H 'content-type: application/json' ${2:+-H "authorization: Bearer $2"} --data-binary "$3"
}
token_of() { python3 -c 'import json,sys; d=json.load(sys.stdin)["data"]; print((d.get("logIn") or d.get("signUp"))["token"])'; }

measure() { # name url lua-or-body
  wrk -t1 -c"$3" -d"${warmup}s" --timeout 5s -s "$4" "$2" >/dev/null
  wrk -t1 -c"$3" -d"${duration}s" --timeout 5s --latency -s "$4" "$2" > "$out/$1.txt"
  printf '%s: %s req/s, p50 %s, p99 %s %s\n' "$1" "$(awk '/^Requests\/sec:/ {print $2}' "$out/$1.txt")" \
    "$(awk '$1=="50%" {print $2}' "$out/$1.txt")" "$(awk '$1=="99%" {print $2}' "$out/$1.txt")" \
    "$(grep -h 'orders placed' "$out/$1.txt" || true)"
}

echo "bench.sh: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
if [ -z "$only" ] || [ "$only" = storefront ]; then
  python3 - "$root/schema/trusted-documents.json" > "$out/storefront.lua" <<'PY'
import json, sys
doc = next(d for d in json.load(open(sys.argv[1]))["operations"] if d["name"] == "Storefront")
body = json.dumps({"query": doc["body"], "operationName": "Storefront", "variables": {"first": 12}})
print('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [==[' + body + ']==]')
PY
  for n in 1 2 3; do
    up "$n"
    measure "storefront-$n-instances" "$URL" 64 "$out/storefront.lua"
    down
  done
fi

checkout_run() { # name url
  local staff tokens="$out/$1.tokens"
  staff=$(node "$root/tests/e2e/staff-token.mjs" "$2") # STAFF sign in with MFA
  gql "$2" "$staff" '{"query":"mutation { restockProduct(input: { productId: \"UHJvZHVjdDoy\", quantity: 900000 }) { product { stock } } }"}' >/dev/null
  : > "$tokens"
  for i in $(seq 1 32); do
    gql "$2" "" "{\"query\":\"mutation { signUp(input: { email: \\\"bench$i-$RANDOM@shop.test\\\", password: \\\"Str0ng-Passw0rd!\\\", displayName: \\\"Bench $i\\\" }) { token } }\"}" | token_of >> "$tokens"
  done
  TOKENS_FILE="$tokens" measure "$1" "$2" 32 "$here/bench-checkout.lua"
}

if [ -z "$only" ] || [ "$only" = checkout ]; then
  sqlite_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  env ASPNETCORE_ENVIRONMENT=Production Seed__Demo=true "Auth__SigningKey=$(head -c 48 /dev/urandom | base64 | tr -d '\n')" \
    "ConnectionStrings__Shop=Data Source=$out/shop.db" dotnet "$GRAPH_DLL" --urls "http://127.0.0.1:$sqlite_port" "${settings[@]}" > "$out/sqlite.log" 2>&1 &
  sqlite_pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$sqlite_port/health/ready"; do
    kill -0 "$sqlite_pid" 2>/dev/null || { cat "$out/sqlite.log" >&2; exit 1; }
    sleep 0.5
  done
  checkout_run checkout-sqlite "http://127.0.0.1:$sqlite_port/graphql"
  kill -TERM "$sqlite_pid"; wait "$sqlite_pid" 2>/dev/null || true; sqlite_pid=""
  up 1
  checkout_run checkout-postgres "http://127.0.0.1:${INSTANCE_PORTS%% *}/graphql"
  down
fi

if [ -z "$only" ] || [ "$only" = latency ]; then
  up 2
  read -r port_a port_b <<< "$INSTANCE_PORTS"
  staff=$(node "$root/tests/e2e/staff-token.mjs" "$URL") # STAFF sign in with MFA
  NODE_PATH="$root/tests/e2e/node_modules" node "$here/bench-latency.cjs" "http://127.0.0.1:$port_a/graphql" "http://127.0.0.1:$port_b/graphql" "$staff" 200
  down
fi
echo "bench.sh: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
