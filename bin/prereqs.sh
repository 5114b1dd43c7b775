# shellcheck shell=bash
# Shared checks for bin/all-in-one and bin/test: install what is missing when we can
# (root on Debian/Ubuntu), otherwise stop with the exact command to run.

say() { printf '%s\n' "$*" >&2; }
loud() { printf '\n!!! %s\n\n' "$*" >&2; }

is_root_debian() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

APT_UPDATED=""
apt_install() {
  if [ -z "$APT_UPDATED" ]; then
    say "apt-get update ..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  say "apt-get install $* ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# need_packages CMD PACKAGE...: make sure CMD exists, installing PACKAGEs if we can.
need_packages() {
  local cmd=$1; shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  if is_root_debian; then
    apt_install "$@"
    command -v "$cmd" >/dev/null 2>&1 && return 0
  fi
  say "error: '$cmd' is missing. Install it with:"
  say "  sudo apt-get install -y $*"
  exit 1
}

need_java() {
  if command -v java >/dev/null 2>&1; then
    local v
    v=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
    [ "${v:-0}" -ge 17 ] && return 0
  fi
  if is_root_debian; then
    apt_install openjdk-17-jdk-headless || apt_install default-jdk-headless
    return 0
  fi
  say "error: serialgate needs Java 17 or newer (java and javac). Install it with:"
  say "  sudo apt-get install -y openjdk-17-jdk-headless"
  exit 1
}

# The terminal page bundles xterm.js from the npm registry at build time.
need_npm() { need_packages npm nodejs npm; }
