#!/usr/bin/env bash
# The node test client of `seslint lsp` (lsp/server/clients_test.go): the
# npm packages vscode-languageserver-protocol and vscode-jsonrpc at the
# versions pinned in tools/lsp-node-client/package-lock.json, installed into
# tools/lsp-node-client/node_modules (gitignored). Installs node and npm
# with apt-get when they are missing. Does nothing when the pinned versions
# are already installed.
set -euo pipefail
cd "$(dirname "$0")/../../tools/lsp-node-client"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends nodejs npm
fi

installed() {
  node -e '
    const lock = require("./package-lock.json").packages;
    for (const name of ["vscode-languageserver-protocol", "vscode-jsonrpc", "vscode-languageserver-types"]) {
      const want = lock["node_modules/" + name].version;
      let have = "";
      try { have = require("./node_modules/" + name + "/package.json").version; } catch (e) {}
      if (have !== want) process.exit(1);
    }'
}

if installed; then
  exit 0
fi
npm ci --ignore-scripts --no-audit --no-fund
installed
node -p '"vscode-languageserver-protocol " + require("./node_modules/vscode-languageserver-protocol/package.json").version'
