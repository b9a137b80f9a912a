#!/usr/bin/env bash
# A/B of two published builds on a noisy machine (README.md beside this file, "Eighth round"):
# both servers run at once, pinned to the same core, each on a fresh demo database (Production,
# response cache, warm-up and rate limit off). Each is warmed alone, then they take turns in
# short wrk slots from another core, so a slow spell of the machine falls on both. Prints each
# slot's CPU microseconds per request (from /proc/PID/stat) and the totals, B over A.
#
#   dotnet publish src/Graph.Api -c Release -o /tmp/a   (one build; another one to /tmp/b)
#   tests/Benchmarks/load.sh --product-page --out /tmp/lp   (leaves /tmp/lp/graph.post.lua)
#   tests/Benchmarks/ab.sh --lua /tmp/lp/graph.post.lua /tmp/a /tmp/b
#
# Options: --slots N (8), --slot-seconds S (4), --warmup S (20), --env K=V (both servers),
# --no-jit-profile. A build with a JIT profile beside it (jit-profile.txt, what a publish with -r
# records) is started with it, as a deployment starts it (README.md, "A published build").
set -euo pipefail

slots=8
slot_seconds=4
warmup=20
lua=''
extra_env=()
jit_profile=1
dirs=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --slots) slots=$2; shift 2 ;;
        --slot-seconds) slot_seconds=$2; shift 2 ;;
        --warmup) warmup=$2; shift 2 ;;
        --lua) lua=$2; shift 2 ;;
        --env) extra_env+=("$2"); shift 2 ;;
        --no-jit-profile) jit_profile=0; shift ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) dirs+=("$1"); shift ;;
    esac
done
[[ ${#dirs[@]} -eq 2 && -f $lua ]] || { echo "usage: ab.sh --lua FILE DIR_A DIR_B (see --help)" >&2; exit 64; }
command -v wrk >/dev/null && command -v taskset >/dev/null && command -v curl >/dev/null \
    || { echo "ab.sh: needs wrk, taskset and curl (load.sh installs them)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/graph-ab.XXXXXX")
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# start DIR PORT: the build in DIR on core 0, on its own fresh database; waits until it is ready.
start() {
    local dir=$1 port=$2 data="$work/$2" profile_env=()
    mkdir -p "$data"
    if [[ $jit_profile -eq 1 && -f $dir/jit-profile.txt ]]; then
        profile_env=(DOTNET_TieredPGO=0 DOTNET_ReadPGOData=1 "DOTNET_PGODataPath=$dir/jit-profile.txt")
    fi
    env ASPNETCORE_ENVIRONMENT=Production Seed__Demo=true Logging__LogLevel__Default=Warning \
        RateLimiting__GraphQL__Enabled=false GraphQL__ResponseCache__Enabled=false GraphQL__WarmUp__Enabled=false \
        Auth__SigningKey="$(head -c 48 /dev/urandom | base64 | tr -d '\n')" \
        ConnectionStrings__Shop="Data Source=$data/shop.db" ASPNETCORE_URLS="http://127.0.0.1:$port" \
        "${profile_env[@]}" "${extra_env[@]}" taskset -c 0 dotnet "$dir/Graph.Api.dll" > "$data/log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 200); do
        curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready" && return 0
        sleep 0.3
    done
    echo "ab.sh: the server in $dir did not get ready; its log: $data/log" >&2
    exit 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# slot PID PORT SECONDS: "TICKS REQUESTS" of one wrk run against that server
slot() {
    local before after output
    before=$(cpu_ticks "$1")
    output=$(taskset -c 1 wrk -t1 -c64 -d"$3"s -s "$lua" "http://127.0.0.1:$2/graphql")
    after=$(cpu_ticks "$1")
    echo "$((after - before)) $(echo "$output" | sed -n 's/ *\([0-9]*\) requests in.*/\1/p')"
}

start "${dirs[0]}" 5401
start "${dirs[1]}" 5402
echo "== A: ${dirs[0]}  B: ${dirs[1]}; warming each alone for ${warmup}s"
slot "${pids[0]}" 5401 "$warmup" > /dev/null
slot "${pids[1]}" 5402 "$warmup" > /dev/null

tick_us=$((1000000 / $(getconf CLK_TCK)))
total_a=0; total_b=0; requests_a=0; requests_b=0
for n in $(seq 1 "$slots"); do
    read -r ticks_a count_a < <(slot "${pids[0]}" 5401 "$slot_seconds")
    read -r ticks_b count_b < <(slot "${pids[1]}" 5402 "$slot_seconds")
    total_a=$((total_a + ticks_a)); requests_a=$((requests_a + count_a))
    total_b=$((total_b + ticks_b)); requests_b=$((requests_b + count_b))
    echo "slot $n: A $((ticks_a * tick_us / count_a)) us/request, B $((ticks_b * tick_us / count_b)) us/request"
done
echo "total: A $((total_a * tick_us / requests_a)) us/request ($requests_a requests), B $((total_b * tick_us / requests_b)) us/request ($requests_b requests), B/A $(awk "BEGIN { printf \"%.3f\", ($total_b * $requests_a) / ($total_a * $requests_b) }")"
