#!/usr/bin/env bash
# nginx for the local topology, from src/Graph.Api/Deploy/nginx.conf.
#   nginx.sh start DIR PORT UPSTREAM_PORT...   listen on 127.0.0.1:PORT, balance over 127.0.0.1:UPSTREAM_PORT...
#   nginx.sh stop DIR
# nginx connects to the instances from 127.0.0.2 (NGINX_PROXY_BIND), the address the instances
# trust in ForwardedHeaders:KnownProxies: a client on 127.0.0.1 is never taken for the proxy.
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?directory}
here=$(cd "$(dirname "$0")" && pwd)
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || { echo "nginx.sh: nginx is not installed (tests/scaleout/install.sh)" >&2; exit 1; }

case "$cmd" in
  start)
    port=${3:?port}; shift 3
    [ $# -gt 0 ] || { echo "nginx.sh: no upstream port" >&2; exit 2; }
    mkdir -p "$dir"
    upstreams=""
    for p in "$@"; do upstreams="${upstreams}server 127.0.0.1:${p} max_fails=1 fail_timeout=2s; "; done
    sed -e "s|@RUN_DIR@|$dir|g" -e "s|@LISTEN@|127.0.0.1:$port|g" -e "s|@UPSTREAMS@|$upstreams|g" \
        -e "s|@PROXY_BIND@|${NGINX_PROXY_BIND:-127.0.0.2}|g" "$here/../../src/Graph.Api/Deploy/nginx.conf" > "$dir/nginx.conf"
    "$nginx" -t -q -c "$dir/nginx.conf" -p "$dir" -g "user $(id -un);" 2>"$dir/check.log" || { cat "$dir/check.log" >&2; exit 1; }
    "$nginx" -c "$dir/nginx.conf" -p "$dir" -g "user $(id -un);"
    for _ in $(seq 1 100); do
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && exit 0
      sleep 0.1
    done
    echo "nginx.sh: nginx did not listen on $port" >&2; cat "$dir/error.log" >&2; exit 1
    ;;
  stop)
    [ -f "$dir/nginx.pid" ] || exit 0
    pid=$(cat "$dir/nginx.pid")
    kill -QUIT "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    ;;
  *) echo "usage: nginx.sh start DIR PORT UPSTREAM_PORT... | stop DIR" >&2; exit 2 ;;
esac
