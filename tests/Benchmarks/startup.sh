#!/usr/bin/env bash
# Start-up run (README.md beside this file): how fast a fresh Graph server reaches its steady
# throughput. The server (Release, ReadyToRun, Production, demo seed on a fresh SQLite file) starts
# pinned to one core; wrk on another core sends the Storefront in 1 s windows, from the moment the
# server answers (or, with --wait-ready, from the moment /health/ready says ready, as a load
# balancer would). Prints each window's seconds since the process started and its req/s, then when
# 90 % of the steady throughput (the median of the last 5 windows) was first reached.
#
# Each line also carries the CPU clock: the server's own CPU seconds since it started and its
# requests per CPU second. On a virtual machine whose core is taken by other tenants (steal time,
# printed at the end) the wall clock stretches and req/s drops while the CPU figures stay what a
# dedicated core would show; the second verdict is on that clock.
#
#   tests/Benchmarks/startup.sh                       # load from the first answer
#   tests/Benchmarks/startup.sh --wait-ready          # load once ready (after the warm-up)
#   tests/Benchmarks/startup.sh --env GraphQL__WarmUp__Enabled=false --env DOTNET_TieredPGO=0
#   tests/Benchmarks/startup.sh --no-jit-profile      # ignore the JIT profile the publish recorded
#   tests/Benchmarks/startup.sh --existing-database   # restart on a database a first start migrated and seeded
#
# By default each run starts on a new database file, so the measured start also creates its schema
# and seeds the demo data. A rolling deploy restarts on the shop's existing database: with
# --existing-database an unmeasured first start migrates and seeds it and stops, then the measured
# start opens it as it is.
#
# The server starts as a deployment starts it (README.md, "A published build"): with the
# JIT profile the publish recorded beside it (jit-profile.txt), unless --no-jit-profile.
#
# --beside-warm also starts a second instance of the same build before the measured one, on the
# same core with its own database, and brings it to its steady state under load; each window of
# the fresh instance is then followed by a window of the warm one, and the fresh instance's rate is
# read against the warm windows on either side. A virtual machine whose core runs 30 % faster or
# slower from one second to the next (no steal shown) moves both alike, where "the median of the
# last windows" of a single instance took such a swing for the server's own.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
windows=30
wait_ready=0
skip_build=0
jit_profile=1
existing_database=0
beside_warm=0
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
        --no-jit-profile) jit_profile=0; shift ;;
        --existing-database) existing_database=1; shift ;;
        --beside-warm) beside_warm=1; shift ;;
        --server-cpu) server_cpu=$2; shift 2 ;;
        --client-cpu) client_cpu=$2; shift 2 ;;
        --port) port=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        -h|--help) sed -n '2,36p' "$0"; exit 0 ;;
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
warm_pid=''
cleanup() {
    [[ -z $pid ]] || kill "$pid" 2>/dev/null || true
    [[ -z $warm_pid ]] || kill "$warm_pid" 2>/dev/null || true
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

profile_env=()
if [[ $jit_profile -eq 1 && -f $out/api/jit-profile.txt ]]; then
    profile_env=(DOTNET_TieredPGO=0 DOTNET_ReadPGOData=1 "DOTNET_PGODataPath=$out/api/jit-profile.txt")
    echo "JIT profile: $out/api/jit-profile.txt"
fi

# start_server LOG [PORT DATABASE]: the server in the background, its process id in $pid.
start_server() {
    env ASPNETCORE_ENVIRONMENT=Production Seed__Demo=true Logging__LogLevel__Default=Warning RateLimiting__GraphQL__Enabled=false \
        GraphQL__ResponseCache__Enabled=false Logging__LogLevel__Graph.AspNetCore.WarmUp=Information \
        "Auth__SigningKey=$(head -c 48 /dev/urandom | base64 | tr -d '\n')" "ConnectionStrings__Shop=Data Source=${3:-$out/shop.db}" \
        "${profile_env[@]}" "${extra_env[@]}" taskset -c "$server_cpu" dotnet "$out/api/Graph.Api.dll" --urls "http://127.0.0.1:${2:-$port}" > "$1" 2>&1 &
    pid=$!
}
wait_until_ready() {
    for _ in $(seq 1 600); do
        curl -fs -o /dev/null "http://127.0.0.1:${1:-$port}/health/ready" && return 0
        kill -0 "$pid" 2>/dev/null || { echo "startup.sh: the server exited; $out/server.log" >&2; keep_out=1; exit 1; }
        sleep 0.1
    done
    echo "startup.sh: the server was not ready within 60 s; $out/server.log" >&2; keep_out=1; exit 1
}

rm -f "$out"/shop.db*
if [[ $existing_database -eq 1 ]]; then
    echo "== A first start creates and seeds $out/shop.db (not measured)"
    start_server "$out/first-start.log"
    wait_until_ready
    kill "$pid"; wait "$pid" 2>/dev/null || true
    pid=''
fi
warm_port=$((port + 1))
if [[ $beside_warm -eq 1 ]]; then
    echo "== A warm instance of the same build on port $warm_port (its own database), brought to its steady state"
    rm -f "$out"/warm.db*
    start_server "$out/warm.log" "$warm_port" "$out/warm.db"
    warm_pid=$pid
    wait_until_ready "$warm_port"
    taskset -c "$client_cpu" wrk -t1 -c64 -d15s -s "$out/storefront.lua" "http://127.0.0.1:$warm_port/graphql" > /dev/null 2>&1 || true
    sleep 2
    pid=''
fi
started=$(date +%s.%N)
start_server "$out/server.log"
since() { echo "$(date +%s.%N) - $started" | bc; }
ticks=$(getconf CLK_TCK)
# The server's CPU seconds (user + system) since it started, from /proc.
cpu_seconds() { awk -v t="$ticks" '{ printf "%.3f", ($14 + $15) / t }' "/proc/${1:-$pid}/stat"; }
# Ticks the hypervisor took from the server's core (steal), from /proc/stat.
steal_ticks() { awk -v c="cpu$server_cpu" '$1 == c { print $9 }' /proc/stat; }
steal_at_start=$(steal_ticks)

if [[ $wait_ready -eq 1 ]]; then
    wait_until_ready
    printf 'ready after %.1f s (%.1f s of CPU)\n' "$(since)" "$(cpu_seconds)"
fi

# window PORT PID: one 1 s wrk window against that server; prints "req/s requests-per-CPU-second
# CPU-seconds-after", or nothing when wrk got no answer.
window() {
    local cpu_before cpu_after report rps requests
    cpu_before=$(cpu_seconds "$2")
    report=$(taskset -c "$client_cpu" wrk -t1 -c64 -d1s -s "$out/storefront.lua" "http://127.0.0.1:$1/graphql" 2>/dev/null || true)
    cpu_after=$(cpu_seconds "$2")
    rps=$(sed -n 's/Requests\/sec: *//p' <<< "$report")
    requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' <<< "$report")
    if [[ -n $rps && ${rps%.*} -gt 0 && -n $requests ]]; then
        echo "$rps $(echo "$requests / ($cpu_after - $cpu_before + 0.001)" | bc -l) $cpu_after"
    fi
}

if [[ $beside_warm -eq 1 ]]; then
    printf '%8s %9s %10s %16s %12s %18s\n' wall cpu req/s 'req per CPU s' 'warm req/s' 'warm req per CPU s'
else
    printf '%8s %9s %10s %16s\n' wall cpu req/s 'req per CPU s'
fi
figures=()
for _ in $(seq 1 600); do
    (( ${#figures[@]} < windows )) || break
    kill -0 "$pid" 2>/dev/null || { echo "startup.sh: the server exited; $out/server.log" >&2; keep_out=1; exit 1; }
    fresh=$(window "$port" "$pid")
    if [[ -z $fresh ]]; then
        sleep 0.1
        continue
    fi
    at=$(since)
    read -r rps per_cpu cpu_after <<< "$fresh"
    if [[ $beside_warm -eq 1 ]]; then
        warm=$(window "$warm_port" "$warm_pid")
        read -r warm_rps warm_per_cpu _ <<< "${warm:-0 0 0}"
        figures+=("$at $rps $cpu_after $per_cpu $warm_rps $warm_per_cpu")
        printf '%6.1f s %7.1f s %10.0f %16.0f %12.0f %18.0f\n' "$at" "$cpu_after" "$rps" "$per_cpu" "$warm_rps" "$warm_per_cpu"
    else
        figures+=("$at $rps $cpu_after $per_cpu")
        printf '%6.1f s %7.1f s %10.0f %16.0f\n' "$at" "$cpu_after" "$rps" "$per_cpu"
    fi
done

grep -o '"Message":"Warm-up[^"]*"' "$out/server.log" || true
printf 'steal on core %s during the run: %.1f s\n' "$server_cpu" "$(echo "($(steal_ticks) - $steal_at_start) / $ticks" | bc -l)"
printf '%s\n' "${figures[@]}" | python3 -c '
import statistics, sys
rows = [tuple(map(float, line.split())) for line in sys.stdin if line.strip()]
steady = statistics.median(r[1] for r in rows[-5:])
first = next((r[0] for r in rows if r[1] >= 0.9 * steady), None)
print(f"steady (median of the last 5 windows): {steady:,.0f} req/s; 90 % of it first at {first:.1f} s after start")
steady_cpu = statistics.median(r[3] for r in rows[-5:])
first_cpu = next((r[2] for r in rows if r[3] >= 0.9 * steady_cpu), None)
print(f"on the CPU clock: steady {steady_cpu:,.0f} requests per CPU second; 90 % of it first after {first_cpu:.1f} s of the server CPU")
if len(rows[0]) == 6:
    # Each fresh window against the warm windows on either side of it (the one after only, for the first).
    def ratio(i, value, warm):
        neighbours = [rows[j][warm] for j in (i - 1, i) if j >= 0 and rows[j][warm] > 0]
        return rows[i][value] / statistics.mean(neighbours) if neighbours else 0
    ratios = [ratio(i, 1, 4) for i in range(len(rows))]
    cpu_ratios = [ratio(i, 3, 5) for i in range(len(rows))]
    print("fresh against warm, by window: " + " ".join(f"{r:.2f}" for r in ratios) + " (req/s); " + " ".join(f"{r:.2f}" for r in cpu_ratios) + " (req per CPU s)")
    first_warm = next((rows[i][0] for i, r in enumerate(ratios) if r >= 0.9), None)
    first_warm_cpu = next((rows[i][2] for i, r in enumerate(cpu_ratios) if r >= 0.9), None)
    print(f"beside the warm instance: 90 % of its rate first at {first_warm:.1f} s after start; on the CPU clock after {first_warm_cpu:.1f} s of the server CPU")'
