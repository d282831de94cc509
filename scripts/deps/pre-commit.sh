#!/usr/bin/env bash
# pre-commit, for test/integration/precommit: Debian's package, installed
# with apt-get when no pre-commit is on PATH. Does nothing when one is.
set -euo pipefail

if command -v pre-commit >/dev/null 2>&1; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends pre-commit
pre-commit --version
