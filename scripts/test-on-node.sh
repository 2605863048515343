#!/usr/bin/env bash
# Runs the whole test suite on another Node.js major release: `npm run test:node -- 24`.
# The Node.js binary comes from the npm registry (the node-<os>-<arch> packages, which ship the official
# build), so this needs nothing beyond what `npm ci` needs, and it leaves the system's Node.js alone.
# Installed dependencies are reused: the native ones are Node-API modules, which do not depend on the
# Node.js version.
set -euo pipefail
cd "$(dirname "$0")/.."
major="${1:?usage: npm run test:node -- <major version, e.g. 22 or 24>}"
[[ "$major" =~ ^[0-9]+$ ]] || { echo "test:node: the Node.js major version must be a number, got '$major'" >&2; exit 2; }
case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) echo "test:node: unsupported OS $(uname -s)" >&2; exit 2 ;; esac
case "$(uname -m)" in x86_64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) echo "test:node: unsupported CPU $(uname -m)" >&2; exit 2 ;; esac
pkg="node-$os-$arch"

# The newest release of that major line.
version="$(npm view "$pkg@$major" version --json 2>/dev/null |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=[].concat(JSON.parse(s||"[]"));
    v.sort((a,b)=>{const x=a.split(".").map(Number),y=b.split(".").map(Number);return x[0]-y[0]||x[1]-y[1]||x[2]-y[2]});
    process.stdout.write(v.at(-1)??"")})')"
[ -n "$version" ] || { echo "test:node: no $pkg release for Node.js $major on the npm registry" >&2; exit 2; }

dir=".cache/node/$version"
if [ ! -x "$dir/bin/node" ]; then
  echo "test:node: fetching Node.js $version ($pkg from the npm registry)"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "$pkg@$version" >/dev/null)
  mkdir -p "$dir"
  tar xzf "$tmp"/*.tgz -C "$dir" --strip-components=1
fi
[ -d node_modules ] || npm ci --no-audit --no-fund

export PATH="$PWD/$dir/bin:$PATH"
echo "test:node: running the suite on $(node --version)"
exec node node_modules/vitest/vitest.mjs run
