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
# The code has per-OS and per-word-size files (file reading, process
# replacement for seslint apply, 8-byte scans): each must build elsewhere
# too, which this machine's tests alone would not notice.
for platform in windows/amd64 darwin/arm64 linux/386; do
  GOOS=${platform%/*} GOARCH=${platform#*/} go build ./...
done
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
  # Every fuzz target in the module, found by go test -list rather than a
  # hand-kept list, so that a new target is fuzzed and a renamed one is not
  # silently skipped (go test -fuzz with no match only warns).
  listing=$(go test -list '^Fuzz' ./...)
  targets=$(awk '/^Fuzz/ {names = names " " $1; next}
    /^ok / {n = split(names, a, " "); for (i = 1; i <= n; i++) print $2 ":" a[i]; names = ""}' <<<"$listing")
  if [ -z "$targets" ]; then
    echo "no fuzz targets found" >&2
    exit 1
  fi
  echo "== $(wc -l <<<"$targets") fuzz targets" >&2
  for target in $targets; do
    budget=$FUZZTIME
    case "${target#*:}:$FUZZTIME" in
      # Each FuzzWalk input builds a folder tree on disk (about 100 a
      # second here): the default count would take minutes.
      FuzzWalk:40000x) budget=2000x ;;
    esac
    echo "== fuzzing ${target#*:} (${target%%:*}) ($budget)" >&2
    go test -run '^$' -fuzz "^${target#*:}\$" -fuzztime "$budget" -fuzzminimizetime 50x "${target%%:*}"
  done
fi
