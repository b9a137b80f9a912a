#!/usr/bin/env bash
# Start-up run (README.md beside this file): how fast a fresh Graph server reaches its steady
# throughput. The server (Release, ReadyToRun, Production, demo seed on a fresh SQLite file) starts
# pinned to one core; wrk on another core sends the Storefront in 1 s windows, from the moment the
# server answers (or, with --wait-ready, from the moment /health/ready says ready, as a load
# balancer would). Prints each window's seconds since the process started and its req/s, then when
# 90 % of the steady throughput (the median of the last 5 windows) was first reached.
#
#   tests/Benchmarks/startup.sh                       # load from the first answer
#   tests/Benchmarks/startup.sh --wait-ready          # load once ready (after the warm-up)
#   tests/Benchmarks/startup.sh --env GraphQL__WarmUp__Enabled=false --env DOTNET_TieredPGO=0
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
windows=30
wait_ready=0
skip_build=0
server_cpu=0
client_cpu=1
port=5190
out=''
extra_env=()

while [[ $# -gt 0 ]]; do
    case "$1" in
        --windows) windows=$2; shift 2 ;;
        --wait-ready) wait_ready=1; shift ;;
        --env) extra_env+=("$2"); shift 2 ;;
        --skip-build) skip_build=1; shift ;;
        --server-cpu) server_cpu=$2; shift 2 ;;
        --client-cpu) client_cpu=$2; shift 2 ;;
        --port) port=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "startup.sh: unknown option $1" >&2; exit 64 ;;
    esac
done

command -v wrk >/dev/null && command -v taskset >/dev/null && command -v curl >/dev/null \
    || { echo "startup.sh: needs wrk, taskset and curl (load.sh installs them)" >&2; exit 1; }
keep_out=1
if [[ -z $out ]]; then
    out=$(mktemp -d "${TMPDIR:-/tmp}/graph-startup.XXXXXX")
    keep_out=0
fi
mkdir -p "$out"
pid=''
cleanup() {
    [[ -z $pid ]] || kill "$pid" 2>/dev/null || true
    [[ $keep_out -eq 1 ]] || rm -rf "$out"
}
trap cleanup EXIT

if [[ $skip_build -eq 0 ]]; then
    echo "== Publishing Graph.Api (Release, linux-x64: ReadyToRun) to $out/api"
    timeout 600 dotnet publish "$repo/src/Graph.Api" -c Release -r linux-x64 --self-contained false -o "$out/api" --nologo -v q >/dev/null
fi

# The Storefront operation, as the frontend sends it.
query=$(awk '!on && /^query Storefront[ (]/ { on = 1 } on { print } on && /^}/ { exit }' "$repo/schema/operations/catalog.graphql")
body=$(python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1], "operationName": "Storefront", "variables": {"first": 12}}))' "$query")
printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [==[%s]==]\n' "$body" > "$out/storefront.lua"

rm -f "$out"/shop.db*
started=$(date +%s.%N)
env ASPNETCORE_ENVIRONMENT=Production Seed__Demo=true Logging__LogLevel__Default=Warning RateLimiting__GraphQL__Enabled=false \
    GraphQL__ResponseCache__Enabled=false Logging__LogLevel__Graph.AspNetCore.WarmUp=Information \
    "Auth__SigningKey=$(head -c 48 /dev/urandom | base64 | tr -d '\n')" "ConnectionStrings__Shop=Data Source=$out/shop.db" \
    "${extra_env[@]}" taskset -c "$server_cpu" dotnet "$out/api/Graph.Api.dll" --urls "http://127.0.0.1:$port" > "$out/server.log" 2>&1 &
pid=$!
since() { echo "$(date +%s.%N) - $started" | bc; }

if [[ $wait_ready -eq 1 ]]; then
    for _ in $(seq 1 600); do
        curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready" && break
        sleep 0.1
    done
    printf 'ready after %.1f s\n' "$(since)"
fi

figures=()
for _ in $(seq 1 600); do
    (( ${#figures[@]} < windows )) || break
    kill -0 "$pid" 2>/dev/null || { echo "startup.sh: the server exited; $out/server.log" >&2; keep_out=1; exit 1; }
    rps=$(taskset -c "$client_cpu" wrk -t1 -c64 -d1s -s "$out/storefront.lua" "http://127.0.0.1:$port/graphql" 2>/dev/null \
        | sed -n 's/Requests\/sec: *//p' || true)
    if [[ -n $rps && ${rps%.*} -gt 0 ]]; then
        at=$(since)
        figures+=("$at $rps")
        printf '%6.1f s  %8.0f req/s\n' "$at" "$rps"
    else
        sleep 0.1
    fi
done

grep -o '"Message":"Warm-up[^"]*"' "$out/server.log" || true
printf '%s\n' "${figures[@]}" | python3 -c '
import statistics, sys
rows = [tuple(map(float, line.split())) for line in sys.stdin if line.strip()]
steady = statistics.median(r for _, r in rows[-5:])
first = next((t for t, r in rows if r >= 0.9 * steady), None)
print(f"steady (median of the last 5 windows): {steady:,.0f} req/s; 90 % of it first at {first:.1f} s after start")'
