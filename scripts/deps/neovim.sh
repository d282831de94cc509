#!/usr/bin/env bash
# Neovim, whose built-in LSP client drives `seslint lsp` headless in
# lsp/server/clients_test.go: Debian's package, installed with apt-get when
# no nvim is on PATH. Does nothing when there is one.
#
# Debian 12 (bookworm) ships Neovim 0.7.2, checked in November 2026. It has
# vim.lsp.start_client and vim.lsp.buf_attach_client but not vim.lsp.start
# (new in 0.8) nor `nvim -l` (0.9): the test script uses vim.lsp.start when
# there is one and the older pair otherwise, and is run with
# `nvim --headless -u NONE -c "luafile ..."`, which every version takes.
set -euo pipefail

if ! command -v nvim >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends neovim
fi
nvim --version | head -n 1
