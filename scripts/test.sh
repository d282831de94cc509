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
