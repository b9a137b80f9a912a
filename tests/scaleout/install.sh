#!/usr/bin/env bash
# Installs PostgreSQL, Redis and nginx from Debian's packages when their programs are missing.
# Needs root (apt-get); does nothing when all three are there. Starts none of them: the other
# scripts run private servers on free loopback ports.
set -euo pipefail

# Tests start servers in parallel: one install at a time (apt and dpkg would refuse a second).
exec 9>"${TMPDIR:-/tmp}/graph-scaleout-install.lock"
flock 9

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: ${missing[*]} missing; run as root to install them" >&2
  exit 1
fi

echo "install.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Debian's postinst scripts would start the system services: a policy of 101 keeps them stopped.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && created_policy=1
fi
trap '[ "$created_policy" -eq 1 ] && rm -f "$policy"' EXIT
apt-get update -qq >&2 || true
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
