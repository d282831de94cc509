#!/usr/bin/env bash
# The whole test suite, as CI runs it: formatting, vet, and every test.
# It first installs what the integration tests need (scripts/deps/*.sh, one
# script per tool), so it passes on a fresh machine. Under this script the
# integration tests may not skip: SESLINT_REQUIRE_INTEGRATION turns a missing
# tool into a failure instead of a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:-} -mod=mod"
export SESLINT_REQUIRE_INTEGRATION=1

for dep in scripts/deps/*.sh; do
  [ -e "$dep" ] || continue
  echo "== installing test dependencies: $dep" >&2
  bash "$dep"
done

unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:" $unformatted >&2
  exit 1
fi
go vet ./...
go test -count=1 ./...

# ---- fuzzing ----------------------------------------------------------------
# Each fuzz target runs a fixed number of inputs on top of its seed corpus
# (<pkg>/testdata/fuzz/<target>/, which the go test above already ran as
# tests). The budget is a count, not a duration: with a duration, Go 1.26's
# fuzz coordinator can report "context deadline exceeded" as a failure when
# the clock runs out while a worker is busy (go.dev/issue/75804, fixed in
# Go 1.27), which a loaded CI machine hits without any failing input.
# FUZZTIME=2000000x or FUZZTIME=2m scripts/test.sh fuzzes for longer;
# FUZZTIME=0 skips the block. A failing input is written to the seed
# corpus: commit it with the fix. New interesting inputs are minimized
# briefly (-fuzzminimizetime), so the budget goes to fuzzing, not shrinking.
FUZZTIME=${FUZZTIME:-40000x}
if [ "$FUZZTIME" != 0 ]; then
  for target in \
    ./internal/source:FuzzParse \
    ./internal/source:FuzzFastParse \
    ./internal/policy:FuzzNew \
    ./schemas:FuzzFastAgreesWithSchema \
    ./schemas:FuzzEffectWordingAgrees \
    ./internal/input:FuzzRequest \
    ./internal/input:FuzzIdentityScanners \
    ./internal/awsdata:FuzzScanners \
    ./rules:FuzzRuleScanners \
    ./internal/config:FuzzParse \
    ./internal/config:FuzzMatchCommon \
    ./internal/config:FuzzRel \
    ./internal/lint:FuzzLint \
    ./lsp/jsonrpc:FuzzReadMessage \
    ./lsp/jsonrpc:FuzzReadResync \
    ./lsp/jsonrpc:FuzzWriteMatchesMarshal \
    ./lsp/jsonrpc:FuzzNotifyMatchesMarshal \
    ./lsp/jsonrpc:FuzzParseMatchesMap \
    ./lsp/jsonrpc:FuzzParseLength \
    ./lsp/internal/jsonenc:FuzzString \
    ./lsp/internal/jsonenc:FuzzRaw \
    ./lsp/protocol:FuzzAppendJSON \
    ./lsp/protocol:FuzzDecodeDidChange \
    ./lsp/server:FuzzIsNeverLinted \
    ./lsp/document:FuzzIndex \
    ./lsp/document:FuzzApply; do
    echo "== fuzzing ${target#*:} (${target%%:*}) ($FUZZTIME)" >&2
    go test -run '^$' -fuzz "^${target#*:}\$" -fuzztime "$FUZZTIME" -fuzzminimizetime 50x "${target%%:*}"
  done
fi
