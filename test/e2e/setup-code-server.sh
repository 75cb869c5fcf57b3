#!/usr/bin/env bash
# Installs code-server 4.100.3 without downloads beyond npm (native modules built here against Node's own headers), then checks it starts.
# Idempotent: a finished install leaves a stamp file and is reused; pass --force to rebuild.
set -euo pipefail

VERSION=4.100.3
CACHE="${ERUDI_E2E_CACHE:-$HOME/.cache/erudi-migrations}"
PREFIX="$CACHE/code-server-$VERSION"
CS="$PREFIX/node_modules/code-server"
STAMP="$PREFIX/.installed"

log() { printf '[setup-code-server] %s\n' "$*" >&2; }

if [ "${1:-}" != "--force" ] && [ -f "$STAMP" ] && [ -f "$CS/out/node/entry.js" ]; then
  log "already installed in $PREFIX"
  echo "$CS"
  exit 0
fi

# node-gyp builds against headers in <nodedir>/include/node; Debian's nodejs puts them in /usr/include/node.
NODEDIR="${ERUDI_NODEDIR:-/usr}"
if [ ! -f "$NODEDIR/include/node/node.h" ]; then
  for candidate in "$(dirname "$(dirname "$(command -v node)")")" /usr/local; do
    if [ -f "$candidate/include/node/node.h" ]; then NODEDIR="$candidate"; break; fi
  done
fi
[ -f "$NODEDIR/include/node/node.h" ] || { log "no Node headers found (looked for include/node/node.h under /usr, /usr/local); install nodejs's headers (Debian: libnode-dev)"; exit 1; }

NODE_GYP=/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js
if [ ! -f "$NODE_GYP" ]; then
  NODE_GYP="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
fi
[ -f "$NODE_GYP" ] || { log "node-gyp not found in npm's bundled copy"; exit 1; }
gyp() { node "$NODE_GYP" rebuild --nodedir="$NODEDIR" "$@"; }

RG="$(command -v rg || true)"
[ -n "$RG" ] || { log "ripgrep (rg) is missing: apt-get install ripgrep"; exit 1; }

mkdir -p "$PREFIX"
cd "$PREFIX"
[ -f package.json ] || echo '{"name":"erudi-e2e-code-server","private":true}' > package.json

log "npm install code-server@$VERSION (no install scripts)"
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION" >&2

log "installing VS Code's production dependencies"
(cd "$CS/lib/vscode" && npm install --no-audit --no-fund --omit=dev --ignore-scripts >&2)

log "building native modules against $NODEDIR/include/node"
for module in node-pty @parcel/watcher @vscode/spdlog kerberos native-watchdog @vscode/deviceid; do
  dir="$CS/lib/vscode/node_modules/$module"
  if [ -d "$dir" ] && compgen -G "$dir/build/Release/*.node" >/dev/null && [ "${1:-}" != "--force" ]; then
    log "  already built: $module"
  elif [ -d "$dir" ]; then
    log "  node-gyp rebuild: $module"
    (cd "$dir" && gyp >&2)
  else
    log "  (not present, skipped: $module)"
  fi
done

log "using the system ripgrep"
mkdir -p "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin"
cp -f "$RG" "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
# VS Code loads its modules through node_modules.asar in production builds.
[ -e "$CS/lib/vscode/node_modules.asar" ] || ln -s node_modules "$CS/lib/vscode/node_modules.asar"

log "installing the built-in extensions' dependencies"
(cd "$CS/lib/vscode/extensions" && npm install --no-audit --no-fund --omit=dev --ignore-scripts >&2)

log "building argon2 (password hashing; loaded at start even with --auth none)"
ARGON="$CS/node_modules/argon2"
[ -d "$ARGON" ] || ARGON="$PREFIX/node_modules/argon2"
[ -f "$ARGON/lib/binding/napi-v3/argon2.node" ] || (cd "$ARGON" && gyp --module_name=argon2 --module_path=./lib/binding/napi-v3 --napi_build_version=3 >&2)
mkdir -p "$ARGON/lib/binding/napi-v3"
if [ ! -f "$ARGON/lib/binding/napi-v3/argon2.node" ]; then
  cp -f "$ARGON/build/Release/argon2.node" "$ARGON/lib/binding/napi-v3/argon2.node"
fi

log "checking that code-server starts and serves the workbench"
PORT="${ERUDI_E2E_SETUP_PORT:-18931}"
TMP="$(mktemp -d)"
node "$CS/out/node/entry.js" --auth none --bind-addr "127.0.0.1:$PORT" --user-data-dir "$TMP/user" \
  --extensions-dir "$TMP/ext" --disable-telemetry --disable-update-check "$TMP" >"$TMP/log" 2>&1 &
PID=$!
# Node's fetch instead of curl: one dependency fewer on a fresh machine. The workbench page must render too.
probe="const u='http://127.0.0.1:$PORT'; fetch(u+'/healthz').then(r=>r.ok?fetch(u+'/',{redirect:'follow'}):Promise.reject()).then(r=>r.text()).then(t=>process.exit(t.includes('workbench')?0:1),()=>process.exit(1))"
ok=0
for _ in $(seq 1 120); do
  if node -e "$probe" 2>/dev/null; then ok=1; break; fi
  if ! kill -0 "$PID" 2>/dev/null; then break; fi
  sleep 0.5
done
kill "$PID" 2>/dev/null || true
wait "$PID" 2>/dev/null || true
if [ "$ok" != 1 ]; then
  log "code-server did not start; its log:"
  cat "$TMP/log" >&2
  exit 1
fi
rm -rf "$TMP"

date -u +%FT%TZ > "$STAMP"
log "ready: $CS"
echo "$CS"
