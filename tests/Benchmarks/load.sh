#!/usr/bin/env bash
# Load run over HTTP (README.md beside this file): the real Graph server against a bare Kestrel
# endpoint that answers the same request with a constant, both in Release and pinned to one core,
# wrk pinned to another core. Prints requests/s, p50/p99 latency and the ratio GraphQL/bare.
#
#   tests/Benchmarks/load.sh                     # { __typename }: Graph vs bare, ratio
#   tests/Benchmarks/load.sh --storefront        # the Storefront operation of schema/operations/catalog.graphql
#   tests/Benchmarks/load.sh --query '{ categories { id name } }' --no-bare
#   tests/Benchmarks/load.sh --document-file F.graphql --operation Name --variables '{"x":1}'
#   tests/Benchmarks/load.sh --storefront --reference DIR   # and the reference Node server beside it, ratio
#   tests/Benchmarks/load.sh --product-page | --category-page | --me   (each also with --reference DIR)
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
  --product-page        ProductPage of schema/operations/catalog.graphql with each server's first product's slug
  --category-page       CategoryPage of schema/operations/catalog.graphql with {"slug":"books","first":20}
  --me                  Me of schema/operations/account.graphql (the signed-in customer's cart and orders),
                        signed in as the demo customer alice@shop.test on each server; with --reference,
                        the server where alice has fewer past orders gets orders placed until both list as many
  --reference DIR       also run the reference Node server whose sources are in DIR (a copy is installed with
                        npm ci into --out): same core, same request, a fresh demo database; prints graph/reference
  --mutations PERCENT   make PERCENT % of the requests (1 in 100/PERCENT) a catalog change: restockProduct of
                        one of the first 20 products in turn, signed in as staff@shop.test on each server, so
                        the response cache's invalidations are real (whole numbers 1-50)
  --no-bare             skip the bare Kestrel baseline
  --allow-errors        measure even when the smoke request is answered with GraphQL errors
  --duration SECONDS    each measured run (default 30)
  --rounds N            measured runs per server, alternating graph/bare; the median is reported (default 1)
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
declare -A signed_in_token=()
operation=''
variables=''
first_product_slug=0
sign_in=''
reference=''
bare=1
allow_errors=0
duration=30
rounds=1
warmup=20
connections=64
threads=1
server_cpu=0
client_cpu=1
port=5180
skip_build=0
out=''
min_ratio=''
mutations=0

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
        --product-page)
            document_file="$repo/schema/operations/catalog.graphql"
            operation=ProductPage
            first_product_slug=1
            bare=0
            shift ;;
        --category-page)
            document_file="$repo/schema/operations/catalog.graphql"
            operation=CategoryPage
            variables='{"slug":"books","first":20}'
            bare=0
            shift ;;
        --me)
            document_file="$repo/schema/operations/account.graphql"
            operation=Me
            sign_in=alice@shop.test
            bare=0
            shift ;;
        --reference) reference=$2; shift 2 ;;
        --no-bare) bare=0; shift ;;
        --mutations) mutations=$2; bare=0; shift 2 ;;
        --allow-errors) allow_errors=1; shift ;;
        --duration) duration=$2; shift 2 ;;
        --rounds) rounds=$2; shift 2 ;;
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

for n in "$mutations" "$duration" "$rounds" "$warmup" "$connections" "$threads" "$server_cpu" "$client_cpu" "$port"; do
    [[ $n =~ ^[0-9]+$ ]] || { echo "load.sh: '$n' is not a whole number" >&2; exit 64; }
done
bare_port=$((port + 1))
reference_port=$((port + 2))
if [[ -n $reference ]]; then
    [[ -f $reference/server.mjs && -f $reference/package-lock.json ]] || { echo "load.sh: $reference is not the reference server's folder (server.mjs, package-lock.json)" >&2; exit 64; }
    reference=$(cd "$reference" && pwd)
fi

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
[[ -z $reference ]] || command -v npm >/dev/null || die "--reference needs node and npm on PATH"

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

# write_mutations NAME STAFF-TOKEN: appended to NAME.post.lua, every (100/mutations)th request is a restock
# of one of the first 20 products in turn (each server encodes Relay ids the same way: base64 "Product:n").
write_mutations() {
    local name=$1 token=$2 every=$((100 / mutations)) i
    {
        echo "local every = $every"
        echo 'local changes = {'
        for i in $(seq 1 20); do
            echo "  [==[{\"query\":\"mutation { restockProduct(input: { productId: \\\"$(printf 'Product:%s' "$i" | base64)\\\", quantity: 1 }) { errors { __typename } } }\"}]==],"
        done
        echo '}'
        echo "local staff = { [\"Content-Type\"] = \"application/json\", [\"Authorization\"] = \"Bearer $token\" }"
        echo 'local n = 0'
        echo 'request = function()'
        echo '  n = n + 1'
        echo '  if n % every == 0 then return wrk.format("POST", nil, staff, changes[math.floor(n / every) % #changes + 1]) end'
        echo '  return wrk.format()'
        echo 'end'
    } >> "$out/$name.post.lua"
}

# write_request NAME VARIABLES TOKEN: NAME.body.json and NAME.post.lua, the one request sent to that server
# (variables and the bearer token may differ per server: each has its own first product, its own keys).
write_request() {
    local name=$1 vars=$2 token=$3 body
    body="{\"query\":$(json_string "$query")"
    [[ -z $operation ]] || body+=",\"operationName\":$(json_string "$operation")"
    [[ -z $vars ]] || body+=",\"variables\":$vars"
    body+="}"
    [[ $body != *']==]'* ]] || die "the body contains ]==], which the wrk script cannot quote"
    printf '%s' "$body" > "$out/$name.body.json"
    {
        echo 'wrk.method = "POST"'
        echo 'wrk.headers["Content-Type"] = "application/json"'
        [[ -z $token ]] || echo "wrk.headers[\"Authorization\"] = \"Bearer $token\""
        echo "wrk.body = [==[$body]==]"
    } > "$out/$name.post.lua"
}

# ask URL JSON-BODY: a one-off POST, the response body only
ask() {
    curl -sS --max-time 10 -X POST -H 'Content-Type: application/json' --data-binary "$2" "$1"
}

# log_in URL EMAIL: the token of a demo account signed in with its password (no second factor)
log_in() {
    ask "$1" "{\"query\":\"mutation { logIn(input: { email: \\\"$2\\\", password: \\\"Passw0rd!\\\" }) { token } }\"}" |
        sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}

# prepare NAME URL: this server's variables and token, then its request files
prepare() {
    local name=$1 url=$2 vars=$variables token='' slug
    if [[ $first_product_slug -eq 1 ]]; then
        slug=$(ask "$url" '{"query":"{ products(first: 1) { nodes { slug } } }"}' | sed -n 's/.*"slug":"\([^"]*\)".*/\1/p')
        [[ -n $slug ]] || die "the $name server names no first product"
        vars="{\"slug\":\"$slug\"}"
    fi
    if [[ -n $sign_in ]]; then
        token=$(log_in "$url" "$sign_in")
        [[ -n $token ]] || die "the $name server did not sign $sign_in in"
        signed_in_token[$name]=$token
    fi
    write_request "$name" "$vars" "$token"
    if [[ $mutations -gt 0 ]]; then
        if [[ $name == graph ]]; then
            # Graph's staff need the second factor: tests/e2e/staff-token.mjs enrols on first sign-in.
            [[ -d $repo/tests/e2e/node_modules/otpauth ]] || (cd "$repo/tests/e2e" && timeout 600 npm ci --no-audit --no-fund > "$out/npm-e2e.log" 2>&1) ||
                die "npm ci in tests/e2e failed (see $out/npm-e2e.log)"
            token=$(node "$repo/tests/e2e/staff-token.mjs" "$url") || die "the $name server did not sign staff@shop.test in"
        else
            token=$(log_in "$url" staff@shop.test)
        fi
        [[ -n $token ]] || die "the $name server did not sign staff@shop.test in"
        write_mutations "$name" "$token"
    fi
}

# ask_as URL TOKEN JSON-BODY: a one-off POST with a bearer token, the response body only
ask_as() {
    curl -sS --max-time 10 -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $2" --data-binary "$3" "$1"
}

# order_count URL TOKEN: how many orders the signed-in customer has (at most 50)
order_count() {
    ask_as "$1" "$2" '{"query":"{ me { orders(first: 50) { nodes { id } } } }"}' | { grep -o '"id"' || true; } | wc -l
}

# equal_orders GRAPH-URL REFERENCE-URL: the signed-in customer gets as many past orders on each server
# (the demo data differ: the reference seeds two for alice, Graph none), placed through the API with
# addToCart and checkout, so that Me reads the same rows from both.
equal_orders() {
    local graph_url=$1 reference_url=$2 graph_count reference_count url name count product i
    graph_count=$(order_count "$graph_url" "${signed_in_token[graph]}")
    reference_count=$(order_count "$reference_url" "${signed_in_token[reference]}")
    if (( graph_count < reference_count )); then
        url=$graph_url; name=graph; count=$((reference_count - graph_count))
    elif (( reference_count < graph_count )); then
        url=$reference_url; name=reference; count=$((graph_count - reference_count))
    else
        return 0
    fi
    echo "   $sign_in has $graph_count order(s) on Graph and $reference_count on the reference: placing $count on the $name server"
    product=$(ask "$url" '{"query":"{ products(first: 1) { nodes { id } } }"}' | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
    [[ -n $product ]] || die "the $name server names no first product"
    for i in $(seq 1 "$count"); do
        ask_as "$url" "${signed_in_token[$name]}" "{\"query\":\"mutation { addToCart(input: { productId: \\\"$product\\\", quantity: 1 }) { errors { __typename } } }\"}" > /dev/null
        ask_as "$url" "${signed_in_token[$name]}" "{\"query\":\"mutation { checkout(input: { idempotencyKey: \\\"load-$i\\\", paymentToken: \\\"tok_visa\\\" }) { order { id } } }\"}" |
            grep -q '"order":{"id"' || die "the $name server did not place an order for $sign_in"
    done
    [[ $(order_count "$url" "${signed_in_token[$name]}") -eq $((count + ${name}_count)) ]] || die "the $name server does not list the orders placed"
}

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
if [[ -n $reference && ( $skip_build -eq 0 || ! -d $out/reference/node_modules ) ]]; then
    log "Installing the reference server (npm ci; better-sqlite3 builds from source, about 2 minutes)"
    rm -rf "$out/reference" && mkdir -p "$out/reference"
    (cd "$reference" && tar --exclude=node_modules --exclude='*.db*' -cf - .) | tar -xf - -C "$out/reference"
    (cd "$out/reference" && timeout 900 npm ci --no-audit --no-fund > "$out/npm.log" 2>&1) || { cat "$out/npm.log" >&2; die "npm ci of the reference server failed"; }
fi

# ---------------------------------------------------------------------------------------------
# Servers
# ---------------------------------------------------------------------------------------------
post() { # NAME URL -> the response to NAME's request; the status code on the last line
    local auth
    auth=$(sed -n 's/^wrk.headers\["Authorization"\] = "\(.*\)"$/\1/p' "$out/$1.post.lua")
    curl -sS --max-time 10 -X POST -H 'Content-Type: application/json' ${auth:+-H "Authorization: $auth"} \
        --data-binary "@$out/$1.body.json" -w '\n%{http_code}' "$2"
}

# smoke NAME URL: NAME's request answered 200 with data and no errors (or --allow-errors)
smoke() {
    local answer status
    answer=$(post "$1" "$2")
    status=${answer##*$'\n'}
    answer=${answer%$'\n'*}
    echo "   smoke: HTTP $status ${answer:0:300}"
    if [[ $status != 200 || $answer != '{"data":'* || $answer == *'"errors"'* ]]; then
        [[ $allow_errors -eq 1 ]] || die "the $1 server does not answer the request cleanly (see above); --allow-errors measures it anyway"
        echo "   (measured anyway: --allow-errors)"
    fi
}

# start NAME PORT CMD...: starts the server pinned to the server core and waits until it answers.
start() {
    local name=$1 port=$2 url="http://127.0.0.1:$2/graphql" pid
    shift 2
    if curl -s --max-time 2 -o /dev/null "http://127.0.0.1:$port/"; then
        die "something already listens on 127.0.0.1:$port (use --port)"
    fi
    taskset -c "$server_cpu" "$@" > "$out/$name.log" 2>&1 &
    pid=$!
    pids+=("$pid")
    for _ in $(seq 1 120); do
        if ! kill -0 "$pid" 2>/dev/null; then
            cat "$out/$name.log" >&2
            die "the $name server exited during start-up"
        fi
        if curl -s --max-time 2 -o /dev/null -X POST -H 'Content-Type: application/json' \
            --data-binary '{"query":"{ __typename }"}' "$url"; then
            return 0
        fi
        sleep 0.5
    done
    cat "$out/$name.log" >&2
    die "the $name server did not answer within 60 s"
}

# warm_up NAME URL: the discarded run that lets tiered compilation and the pools settle.
warm_up() {
    echo "   $1: warm-up ${warmup}s, $connections connections (discarded)"
    timeout $((warmup + 60)) taskset -c "$client_cpu" wrk -t"$threads" -c"$connections" -d"${warmup}s" \
        --timeout 5s -s "$out/$1.post.lua" "$2" > "$out/$1.warmup.txt"
}

# The CPU time a process has used, in clock ticks; and "busy total" ticks of one core.
process_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
core_ticks() { awk -v c="cpu$1" '$1 == c { t = 0; for (i = 2; i <= NF; i++) t += $i; print t - $5 - $6, t }' /proc/stat; }
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }

# run NAME PID URL ROUND: one measured run; appends a line to results.tsv:
# name round req/s p50(ms) p99(ms) requests non-2xx server-CPU-us/request server-core% wrk-core% core-busy%
run() {
    local name=$1 pid=$2 url=$3 round=$4 file="$out/$1.$4.wrk.txt"
    local s0 s1 c0 c1 t0 t1 wrk_cpu
    s0=$(process_ticks "$pid"); c0=$(core_ticks "$server_cpu"); t0=$(date +%s%N)
    { TIMEFORMAT='%U %S'; time timeout $((duration + 60)) taskset -c "$client_cpu" wrk -t"$threads" -c"$connections" \
        -d"${duration}s" --timeout 5s --latency -s "$out/$name.post.lua" "$url" > "$file"; } 2> "$out/$name.$round.time"
    s1=$(process_ticks "$pid"); c1=$(core_ticks "$server_cpu"); t1=$(date +%s%N)
    wrk_cpu=$(awk '{ print $1 + $2 }' "$out/$name.$round.time")
    local rps p50 p99 requests errors
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$file")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$file")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$file")")
    requests=$(awk '/requests in/ { print $1 }' "$file")
    errors=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$file")
    awk -v n="$name" -v r="$round" -v rps="$rps" -v p50="$p50" -v p99="$p99" -v q="$requests" -v e="${errors:-0}" \
        -v s="$((s1 - s0))" -v hz="$(getconf CLK_TCK)" -v wall="$(( (t1 - t0) / 1000000 ))" -v w="$wrk_cpu" \
        -v cb0="${c0% *}" -v ct0="${c0#* }" -v cb1="${c1% *}" -v ct1="${c1#* }" 'BEGIN {
            cpu = s / hz; secs = wall / 1000
            printf "%s\t%s\t%.0f\t%.3f\t%.3f\t%d\t%d\t%.1f\t%.0f\t%.0f\t%.0f\n", n, r, rps, p50, p99, q, e,
                (q > 0 ? cpu * 1e6 / q : 0), 100 * cpu / secs, 100 * w / secs, 100 * (cb1 - cb0) / (ct1 - ct0)
        }' >> "$out/results.tsv"
    tail -n 1 "$out/results.tsv" | awk -F'\t' '{ printf "   %s round %s: %s req/s, p50 %s ms, p99 %s ms, server %s us CPU/request, server %s%% of its core (core busy %s%%), wrk %s%% of its core\n", $1, $2, $3, $4, $5, $8, $9, $11, $10 }'
    if grep -q 'Socket errors' "$file"; then echo "   $(grep 'Socket errors' "$file")"; fi
}

pid_of() { # the server's pid, started under NAME
    local i
    for i in "${!names[@]}"; do [[ ${names[$i]} == "$1" ]] && echo "${pids[$i]}"; done
}

echo "load.sh: $(nproc --all) cores; servers on core $server_cpu, wrk on core $client_cpu; $(wrk --version 2>&1 | head -n1)"
echo "request: $query${operation:+ (operation $operation)}${variables:+ variables $variables}${sign_in:+, signed in as $sign_in}"
: > "$out/results.tsv"
names=()

# The Graph server: Production, demo seed on a fresh SQLite file, logging at Warning, and a
# throw-away JWT signing key (Production refuses to start without one) unless one is given.
# The per-address rate limit (RateLimiting:GraphQL, on in Production) is turned off: wrk sends
# ~3,000 req/s from one address, which is exactly the flood the limit refuses with 429, and the
# run measures the server's throughput, not how fast it says 429.
log "Graph server (Release, Production) on 127.0.0.1:$port"
rm -f "$out"/shop.db*
signing_key=${Auth__SigningKey:-$(head -c 48 /dev/urandom | base64 | tr -d '\n')}
start graph "$port" env ASPNETCORE_ENVIRONMENT=Production Seed__Demo=true Logging__LogLevel__Default=Warning RateLimiting__GraphQL__Enabled=false \
    "ConnectionStrings__Shop=Data Source=$out/shop.db" "Auth__SigningKey=$signing_key" dotnet "$out/api/Graph.Api.dll" \
    --urls "http://127.0.0.1:$port"
names+=(graph)
prepare graph "http://127.0.0.1:$port/graphql"
smoke graph "http://127.0.0.1:$port/graphql"

if [[ $bare -eq 1 ]]; then
    log "Bare Kestrel server (Release) on 127.0.0.1:$bare_port"
    start bare "$bare_port" env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
        dotnet "$out/bench/Graph.Benchmarks.dll" bare-server --urls "http://127.0.0.1:$bare_port"
    names+=(bare)
    write_request bare '' ''
    smoke=$(post bare "http://127.0.0.1:$bare_port/graphql")
    echo "   smoke: HTTP ${smoke##*$'\n'} ${smoke%$'\n'*}"
    [[ ${smoke%$'\n'*} == '{"data":{"__typename":"Query"}}' ]] || die "the bare server answers wrongly"
fi

if [[ -n $reference ]]; then
    # The reference server as its README starts it: production mode, demo seed, a fresh database.
    log "Reference server (Node $(node --version), production) on 127.0.0.1:$reference_port"
    rm -f "$out"/reference.db*
    start reference "$reference_port" env MODE=production SEED_DEMO=true NODE_ENV=production \
        "JWT_SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '\n')" "DB_PATH=$out/reference.db" \
        PORT="$reference_port" HOST=127.0.0.1 node "$out/reference/server.mjs"
    names+=(reference)
    prepare reference "http://127.0.0.1:$reference_port/graphql"
    smoke reference "http://127.0.0.1:$reference_port/graphql"
    [[ $operation != Me ]] || equal_orders "http://127.0.0.1:$port/graphql" "http://127.0.0.1:$reference_port/graphql"
fi

# Both servers stay up (the idle one costs nothing); the measured runs alternate between them so
# that a change in the machine's background load falls on both alike.
log "Warm-up"
warm_up graph "http://127.0.0.1:$port/graphql"
[[ $bare -eq 0 ]] || warm_up bare "http://127.0.0.1:$bare_port/graphql"
[[ -z $reference ]] || warm_up reference "http://127.0.0.1:$reference_port/graphql"
for round in $(seq 1 "$rounds"); do
    log "Measured run $round of $rounds: ${duration}s, $connections connections"
    run graph "$(pid_of graph)" "http://127.0.0.1:$port/graphql" "$round"
    [[ $bare -eq 0 ]] || run bare "$(pid_of bare)" "http://127.0.0.1:$bare_port/graphql" "$round"
    [[ -z $reference ]] || run reference "$(pid_of reference)" "http://127.0.0.1:$reference_port/graphql" "$round"
done

# ---------------------------------------------------------------------------------------------
# Report: the median over the rounds of each figure.
# ---------------------------------------------------------------------------------------------
median() { # NAME COLUMN
    awk -F'\t' -v n="$1" -v c="$2" '$1 == n { print $c }' "$out/results.tsv" | sort -g |
        awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
total() { awk -F'\t' -v n="$1" -v c="$2" '$1 == n { t += $c } END { print t + 0 }' "$out/results.tsv"; }

log "Results: $connections connections, ${duration}s per run after ${warmup}s warm-up, median of $rounds run(s)"
printf '%-9s %10s %9s %9s %9s %14s %13s\n' server 'req/s' 'p50 ms' 'p99 ms' 'non-2xx' 'CPU us/req' 'server core%'
for name in "${names[@]}"; do
    printf '%-9s %10s %9s %9s %9s %14s %13s\n' "$name" "$(median "$name" 3)" "$(median "$name" 4)" "$(median "$name" 5)" \
        "$(total "$name" 7)" "$(median "$name" 8)" "$(median "$name" 9)"
done
if awk -F'\t' '$9 < 90 { found = 1 } END { exit !found }' "$out/results.tsv"; then
    echo "note: in some run the server had less than 90% of its core (other processes ran on core $server_cpu, or wrk"
    echo "      could not load it): throughput is then understated; CPU us/request is the steadier figure."
fi
if [[ $bare -eq 1 ]]; then
    ratio=$(awk -v g="$(median graph 3)" -v b="$(median bare 3)" 'BEGIN { printf "%.3f", g / b }')
    cpu_ratio=$(awk -v g="$(median graph 8)" -v b="$(median bare 8)" 'BEGIN { printf "%.3f", (g > 0 ? b / g : 0) }')
    echo "ratio graph/bare, throughput:              $ratio (target >= 0.6)"
    echo "ratio graph/bare, CPU per request (bare/graph): $cpu_ratio (the throughput ratio of a saturated core)"
    if [[ -n $min_ratio ]] && awk -v r="$ratio" -v m="$min_ratio" 'BEGIN { exit !(r < m) }'; then
        echo "load.sh: the ratio $ratio is below $min_ratio" >&2
        exit 2
    fi
fi
if [[ -n $reference ]]; then
    ratio=$(awk -v g="$(median graph 3)" -v r="$(median reference 3)" 'BEGIN { printf "%.2f", g / r }')
    cpu_ratio=$(awk -v g="$(median graph 8)" -v r="$(median reference 8)" 'BEGIN { printf "%.2f", (g > 0 ? r / g : 0) }')
    echo "ratio graph/reference, throughput:                        $ratio"
    echo "ratio graph/reference, CPU per request (reference/graph): $cpu_ratio"
fi
[[ $keep_out -eq 0 ]] || echo "builds, logs and wrk output: $out"
