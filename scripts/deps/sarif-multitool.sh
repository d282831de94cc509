#!/usr/bin/env bash
# Microsoft's SARIF validator, for test/integration/sarif: the npm package
# @microsoft/sarif-multitool at the version pinned in
# tools/sarif-multitool/package-lock.json, installed into
# tools/sarif-multitool/node_modules (gitignored). It is a self-contained
# .NET program: no .NET install is needed. Does nothing when that version is
# already installed.
set -euo pipefail
cd "$(dirname "$0")/../../tools/sarif-multitool"

if ! command -v npm >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends npm
fi

platform=$(node -p process.platform)
binary="node_modules/@microsoft/sarif-multitool-$platform/Sarif.Multitool"
[ "$platform" = win32 ] && binary="$binary.exe"
want=$(node -p 'require("./package-lock.json").packages["node_modules/@microsoft/sarif-multitool"].version')
have=$(node -p 'try { require("./node_modules/@microsoft/sarif-multitool/package.json").version } catch (e) { "" }')
if [ "$have" = "$want" ] && [ -x "$binary" ]; then
  exit 0
fi

# The platform package's only install script is "chmod u+x" of the binary:
# skip scripts and do that here.
npm ci --ignore-scripts --no-audit --no-fund
chmod u+x "$binary"
"./$binary" --version
