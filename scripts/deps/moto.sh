#!/usr/bin/env bash
# moto_server, the AWS emulator the SES v2 end-to-end test of `seslint apply`
# runs (internal/apply/awsses, TestApplyV2AgainstMoto). Installed only when
# missing: moto 5.2.1 with its server extra, through pip.
#
# pip needs PyPI (or the index in PIP_INDEX_URL, or wheels in
# PIP_FIND_LINKS). Checked on this machine image in November 2026:
# `pip download moto==5.2.1` fails with "Name or service not known" for
# pypi.org (no route to PyPI), and PIP_FIND_LINKS points at an empty
# /opt/wheels; moto 5.2.1 comes preinstalled in the image's Python
# (/root/.pyenv/shims/moto_server), so this script finds it and does nothing.
# On a machine without it and without PyPI, it says so and fails, since
# scripts/test.sh would fail the test anyway.
set -euo pipefail

version=5.2.1
python=${PYTHON:-python3}

installed() {
  command -v moto_server >/dev/null 2>&1
}

report() {
  local have
  have=$("$python" -c 'import moto; print(moto.__version__)' 2>/dev/null || echo "unknown version")
  echo "moto_server: $(command -v moto_server) (moto $have)" >&2
}

if installed; then
  report
  exit 0
fi

if ! command -v "$python" >/dev/null 2>&1; then
  echo "scripts/deps/moto.sh: moto_server is missing, and so is $python to install it with." >&2
  echo "Install Python 3 and then: pip install 'moto[server]==$version'" >&2
  exit 1
fi

echo "moto_server is missing; installing moto[server]==$version with pip" >&2
if "$python" -m pip install --quiet --retries 1 --timeout 20 "moto[server]==$version" >&2; then
  # pyenv puts new commands on PATH only after a rehash.
  if ! installed && command -v pyenv >/dev/null 2>&1; then
    pyenv rehash
  fi
  if installed; then
    report
    exit 0
  fi
  scripts=$("$python" -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null || echo "the scripts folder of $python")
  echo "scripts/deps/moto.sh: moto is installed for $python, but moto_server is not on PATH." >&2
  echo "Add $scripts to PATH." >&2
  exit 1
fi

cat >&2 <<EOF
scripts/deps/moto.sh: moto_server is missing and could not be installed.
pip could not fetch moto[server]==$version: PyPI (https://pypi.org/simple/moto/) or the
index in PIP_INDEX_URL is not reachable from this machine, and PIP_FIND_LINKS
(${PIP_FIND_LINKS:-unset}) holds no wheel for it. Either
  - run on a machine that reaches PyPI, or
  - put the wheels of moto[server]==$version and its dependencies in a folder and
    set PIP_FIND_LINKS to it (pip download 'moto[server]==$version' -d DIR, elsewhere).
Without it the SES v2 end-to-end test skips under go test and fails under
scripts/test.sh.
EOF
exit 1
