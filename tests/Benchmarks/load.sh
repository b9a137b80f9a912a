#!/usr/bin/env bash
# Load run over HTTP (README.md beside this file): the real Graph server against a bare Kestrel
# endpoint that answers the same request with a constant, both in Release and pinned to one core,
# wrk pinned to another core. Prints requests/s, p50/p99 latency and the ratio GraphQL/bare.
#
#   tests/Benchmarks/load.sh                     # { __typename }: Graph vs bare, ratio
#   tests/Benchmarks/load.sh --storefront        # the Storefront operation of schema/operations/catalog.graphql
#   tests/Benchmarks/load.sh --query '{ categories { id name } }' --no-bare
#   tests/Benchmarks/load.sh --document-file F.graphql --operation Name --variables '{"x":1}'
#
# Loopback only; the servers are stopped on exit; every step is bounded in time.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: tests/Benchmarks/load.sh [options]
  --query TEXT          the GraphQL document to send (default: "{ __typename }")
  --document-file FILE  read the document from FILE instead
  --operation NAME      operationName; with --document-file only that operation's definition is sent
  --variables JSON      the variables object (default: none)
  --storefront          the Storefront operation of schema/operations/catalog.graphql with
                        {"first":12}, anonymous, Graph server only (implies --no-bare)
  --no-bare             skip the bare Kestrel baseline
  --allow-errors        measure even when the smoke request is answered with GraphQL errors
  --duration SECONDS    the measured run (default 30)
  --warmup SECONDS      the discarded warm-up run before it (default 20)
  --connections N       wrk connections (default 64)
  --threads N           wrk threads (default 1: wrk has one core to itself)
  --server-cpu N        the core the servers are pinned to (default 0)
  --client-cpu N        the core wrk is pinned to (default 1)
  --port N              the Graph server's port (default 5180); the bare server uses N+1
  --skip-build          use the Release builds of a previous run (kept in --out)
  --out DIR             where builds, logs and wrk output go (default: a fresh temp folder, removed on exit)
  --min-ratio R         exit with status 2 when GraphQL/bare is below R (default: report only)
EOF
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

query='{ __typename }'
document_file=''
operation=''
variables=''
bare=1
allow_errors=0
duration=30
warmup=20
connections=64
threads=1
server_cpu=0
client_cpu=1
port=5180
skip_build=0
out=''
min_ratio=''

while [[ $# -gt 0 ]]; do
    case "$1" in
        --query) query=$2; shift 2 ;;
        --document-file) document_file=$2; shift 2 ;;
        --operation) operation=$2; shift 2 ;;
        --variables) variables=$2; shift 2 ;;
        --storefront)
            document_file="$repo/schema/operations/catalog.graphql"
            operation=Storefront
            variables='{"first":12}'
            bare=0
            shift ;;
        --no-bare) bare=0; shift ;;
        --allow-errors) allow_errors=1; shift ;;
        --duration) duration=$2; shift 2 ;;
        --warmup) warmup=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --server-cpu) server_cpu=$2; shift 2 ;;
        --client-cpu) client_cpu=$2; shift 2 ;;
        --port) port=$2; shift 2 ;;
        --skip-build) skip_build=1; shift ;;
        --out) out=$2; shift 2 ;;
        --min-ratio) min_ratio=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "load.sh: unknown option $1" >&2; usage >&2; exit 64 ;;
    esac
done

for n in "$duration" "$warmup" "$connections" "$threads" "$server_cpu" "$client_cpu" "$port"; do
    [[ $n =~ ^[0-9]+$ ]] || { echo "load.sh: '$n' is not a whole number" >&2; exit 64; }
done
bare_port=$((port + 1))

log() { printf '\n== %s\n' "$*"; }
die() { echo "load.sh: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# Tools: wrk, taskset, curl from Debian's packages when missing.
# ---------------------------------------------------------------------------------------------
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || die "not root and no sudo: install wrk, util-linux and curl first"
    sudo_cmd=(sudo)
fi
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v taskset >/dev/null || missing+=(util-linux)
command -v curl >/dev/null || missing+=(curl)
if [[ ${#missing[@]} -gt 0 ]]; then
    log "Installing ${missing[*]}"
    if ! DEBIAN_FRONTEND=noninteractive timeout 300 "${sudo_cmd[@]}" apt-get install -y -q "${missing[@]}" >/dev/null 2>&1; then
        timeout 300 "${sudo_cmd[@]}" apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive timeout 300 "${sudo_cmd[@]}" apt-get install -y -q "${missing[@]}" >/dev/null
    fi
fi
command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH"

cpus=$(nproc --all)
(( server_cpu < cpus && client_cpu < cpus )) || die "cores $server_cpu and $client_cpu are needed, this machine has $cpus"
[[ $server_cpu != "$client_cpu" ]] || echo "load.sh: warning: server and wrk share core $server_cpu" >&2

# ---------------------------------------------------------------------------------------------
# Work folder, and the servers stopped on any exit.
# ---------------------------------------------------------------------------------------------
keep_out=1
if [[ -z $out ]]; then
    out=$(mktemp -d "${TMPDIR:-/tmp}/graph-load.XXXXXX")
    keep_out=0
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)

pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -9 "$pid" 2>/dev/null || true
        fi
    done
    if [[ $keep_out -eq 0 ]]; then
        rm -rf "$out"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# The request body: {"query":...,"operationName":...,"variables":...}
# ---------------------------------------------------------------------------------------------
if [[ -n $document_file ]]; then
    [[ -f $document_file ]] || die "no document file $document_file"
    if [[ -n $operation ]]; then
        # Only the named operation: from its first line to the first '}' in column 0.
        # (Fragments are not carried over: pass a file of the one operation for those.)
        query=$(awk -v name="$operation" '
            !on && $0 ~ ("^(query|mutation|subscription)[ \t]+" name "([^A-Za-z0-9_]|$)") { on = 1 }
            on { print }
            on && /^}/ { exit }' "$document_file")
        [[ -n $query ]] || die "no operation $operation in $document_file"
    else
        query=$(cat "$document_file")
    fi
fi

json_string() {
    local s=$1
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    s=${s//$'\n'/\\n}
    s=${s//$'\r'/\\r}
    s=${s//$'\t'/\\t}
    printf '"%s"' "$s"
}

body="{\"query\":$(json_string "$query")"
[[ -z $operation ]] || body+=",\"operationName\":$(json_string "$operation")"
[[ -z $variables ]] || body+=",\"variables\":$variables"
body+="}"
printf '%s' "$body" > "$out/body.json"
[[ $body != *']==]'* ]] || die "the body contains ]==], which the wrk script cannot quote"
cat > "$out/post.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [==[$body]==]
EOF

# ---------------------------------------------------------------------------------------------
# Release builds (a concurrent build holding a file lock is waited for and retried).
# ---------------------------------------------------------------------------------------------
publish() {
    local project=$1 dest=$2 attempt
    for attempt in 1 2 3 4 5; do
        if timeout 600 dotnet publish "$project" -c Release -o "$dest" --nologo -v q \
            -p:TreatWarningsAsErrors=true > "$out/publish.log" 2>&1; then
            return 0
        fi
        if grep -Eq 'being used by another process|MSB3021|MSB3026|MSB3027' "$out/publish.log"; then
            echo "   (a concurrent build holds a file; retrying in 20 s, attempt $attempt)"
            sleep 20
        else
            break
        fi
    done
    cat "$out/publish.log" >&2
    die "dotnet publish $project failed"
}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if [[ $skip_build -eq 0 || ! -f $out/api/Graph.Api.dll ]]; then
    log "Building Graph.Api (Release)"
    publish "$repo/src/Graph.Api/Graph.Api.csproj" "$out/api"
fi
if [[ $bare -eq 1 && ( $skip_build -eq 0 || ! -f $out/bench/Graph.Benchmarks.dll ) ]]; then
    log "Building Graph.Benchmarks (Release) for the bare server"
    publish "$repo/tests/Benchmarks/Graph.Benchmarks.csproj" "$out/bench"
fi

# ---------------------------------------------------------------------------------------------
# Servers
# ---------------------------------------------------------------------------------------------
post() { # url -> the response body; the status code on the last line
    curl -sS --max-time 10 -X POST -H 'Content-Type: application/json' --data-binary "@$out/body.json" \
        -w '\n%{http_code}' "$1"
}

# start NAME PORT CMD...: starts the server pinned to the server core and waits until it answers.
start() {
    local name=$1 port=$2 url="http://127.0.0.1:$2/graphql" pid
    shift 2
    if curl -s --max-time 2 -o /dev/null "http://127.0.0.1:$port/"; then
        die "something already listens on 127.0.0.1:$port (use --port)"
    fi
    taskset -c "$server_cpu" "$@" --urls "http://127.0.0.1:$port" > "$out/$name.log" 2>&1 &
    pid=$!
    pids+=("$pid")
    for _ in $(seq 1 120); do
        if ! kill -0 "$pid" 2>/dev/null; then
            cat "$out/$name.log" >&2
            die "the $name server exited during start-up"
        fi
        if curl -s --max-time 2 -o /dev/null -X POST -H 'Content-Type: application/json' \
            --data-binary "@$out/body.json" "$url"; then
            return 0
        fi
        sleep 0.5
    done
    cat "$out/$name.log" >&2
    die "the $name server did not answer within 60 s"
}

stop_last() {
    local pid=${pids[-1]}
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    unset 'pids[-1]'
}

# measure NAME URL: warm-up (discarded), then the measured run with latency percentiles.
measure() {
    local name=$1 url=$2
    echo "   warm-up: ${warmup}s, $connections connections (discarded)"
    timeout $((warmup + 60)) taskset -c "$client_cpu" wrk -t"$threads" -c"$connections" -d"${warmup}s" \
        --timeout 5s -s "$out/post.lua" "$url" > "$out/$name.warmup.txt"
    echo "   measured: ${duration}s, $connections connections"
    timeout $((duration + 60)) taskset -c "$client_cpu" wrk -t"$threads" -c"$connections" -d"${duration}s" \
        --timeout 5s --latency -s "$out/post.lua" "$url" > "$out/$name.wrk.txt"
    sed 's/^/   | /' "$out/$name.wrk.txt"
}

rps() { awk '/^Requests\/sec:/ { print $2 }' "$out/$1.wrk.txt"; }
pct() { awk -v p="$2%" '$1 == p { print $2 }' "$out/$1.wrk.txt"; }
non2xx() { awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out/$1.wrk.txt"; }
socket_errors() { grep -m1 'Socket errors:' "$out/$1.wrk.txt" || true; }

echo "load.sh: $(nproc --all) cores; servers on core $server_cpu, wrk on core $client_cpu; $(wrk --version 2>&1 | head -n1)"
echo "request: $body"

# The Graph server: Production, demo seed on a fresh SQLite file, logging at Warning.
log "Graph server (Release, Production) on 127.0.0.1:$port"
rm -f "$out"/shop.db*
start graph "$port" env ASPNETCORE_ENVIRONMENT=Production Seed__Demo=true Logging__LogLevel__Default=Warning \
    "ConnectionStrings__Shop=Data Source=$out/shop.db" dotnet "$out/api/Graph.Api.dll"

smoke=$(post "http://127.0.0.1:$port/graphql")
status=${smoke##*$'\n'}
answer=${smoke%$'\n'*}
echo "   smoke: HTTP $status ${answer:0:300}"
if [[ $status != 200 || $answer != '{"data":'* || $answer == *'"errors"'* ]]; then
    if [[ $allow_errors -eq 0 ]]; then
        die "the Graph server does not answer the request cleanly (see above); --allow-errors measures it anyway"
    fi
    echo "   (measured anyway: --allow-errors)"
fi
measure graph "http://127.0.0.1:$port/graphql"
stop_last

if [[ $bare -eq 1 ]]; then
    log "Bare Kestrel server (Release) on 127.0.0.1:$bare_port"
    start bare "$bare_port" env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
        dotnet "$out/bench/Graph.Benchmarks.dll" bare-server
    smoke=$(post "http://127.0.0.1:$bare_port/graphql")
    echo "   smoke: HTTP ${smoke##*$'\n'} ${smoke%$'\n'*}"
    measure bare "http://127.0.0.1:$bare_port/graphql"
    stop_last
fi

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
log "Results ($connections connections, ${duration}s measured after ${warmup}s warm-up)"
printf '%-8s %12s %10s %10s %10s\n' server 'req/s' p50 p99 non-2xx
printf '%-8s %12s %10s %10s %10s\n' graph "$(rps graph)" "$(pct graph 50)" "$(pct graph 99)" "$(non2xx graph || true)"
[[ -z $(socket_errors graph) ]] || echo "graph: $(socket_errors graph)"
if [[ $bare -eq 1 ]]; then
    printf '%-8s %12s %10s %10s %10s\n' bare "$(rps bare)" "$(pct bare 50)" "$(pct bare 99)" "$(non2xx bare || true)"
    [[ -z $(socket_errors bare) ]] || echo "bare: $(socket_errors bare)"
    ratio=$(awk -v g="$(rps graph)" -v b="$(rps bare)" 'BEGIN { printf "%.3f", g / b }')
    echo "ratio graph/bare: $ratio (target >= 0.6)"
    if [[ -n $min_ratio ]] && awk -v r="$ratio" -v m="$min_ratio" 'BEGIN { exit !(r < m) }'; then
        echo "load.sh: the ratio $ratio is below $min_ratio" >&2
        exit 2
    fi
fi
[[ $keep_out -eq 0 ]] || echo "builds, logs and wrk output: $out"
