#!/usr/bin/env bash
# The performance benchmark of docs/performance.md: whole-process timings
# of seslint and of jv (santhosh-tekuri/jsonschema, running the project's
# own schema) over the same generated corpora in the same run, peak memory,
# start-up time, the in-process Go benchmarks, and a PASS or MISS for each
# target. Nothing it builds or generates goes into the repository.
#
#   scripts/bench.sh            # or: make bench
#   RUNS=15 scripts/bench.sh    # more runs per timing (default 7)
#   BENCH_DIR=/var/tmp/b scripts/bench.sh
#
# Timings are medians of RUNS runs after one warm-up run (the page cache
# is warm, as in a pre-commit hook or an editor); the minimum is shown
# too. On a shared machine they are noisy: compare instruction counts
# (docs/performance.md) when a change is small.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export LC_ALL=C
export GOFLAGS="${GOFLAGS:-} -mod=mod"

RUNS=${RUNS:-7}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/seslint-bench}
JV_VERSION=v0.7.0
bin=$BENCH_DIR/bin
corpora=$BENCH_DIR/corpora
mkdir -p "$bin" "$corpora"

say() { echo "== $*" >&2; }

# --- tools -----------------------------------------------------------------

if [ ! -x /usr/bin/time ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    say "installing GNU time (apt package time) for peak memory"
    apt-get install -y -qq time >/dev/null
  else
    echo "scripts/bench.sh needs GNU time at /usr/bin/time for peak memory: apt-get install time" >&2
    exit 2
  fi
fi

say "building seslint and the corpus generator"
go build -o "$bin/seslint" ./cmd/seslint
go build -o "$bin/seslint-gencorpus" ./cmd/seslint-gencorpus

if [ ! -x "$bin/jv" ]; then
  # go install ...@latest resolves to an old module, so the version is
  # pinned and built in its own module folder.
  say "building jv $JV_VERSION"
  jvdir=$(cd "$BENCH_DIR" && GOFLAGS= go mod download -json "github.com/santhosh-tekuri/jsonschema/cmd/jv@$JV_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  (cd "$jvdir" && go build -o "$bin/jv" .)
fi

# --- corpora ---------------------------------------------------------------

gen() { # name files [defect-every]
  local dir=$corpora/$1
  if [ ! -f "$dir.done" ]; then
    rm -rf "$dir"
    say "generating $1"
    if [ -n "${3:-}" ]; then
      "$bin/seslint-gencorpus" -n "$2" -defect-every "$3" -manifest "$dir.defects.tsv" "$dir"
    else
      "$bin/seslint-gencorpus" -n "$2" "$dir"
    fi
    touch "$dir.done"
  fi
}
gen clean-1000 1000
gen clean-10000 10000
gen defects-10000 10000 10

# Relative paths, as a user would type them; the lists feed jv.
cd "$corpora"
for c in clean-1000 clean-10000 defects-10000; do
  find "$c" -name '*.json' | sort >"$c.list"
done
small=$(head -1 clean-1000.list)
schema=$root/schemas/policy.schema.json

# --- measuring -------------------------------------------------------------

# timeit CMD... prints "median min" wall milliseconds over RUNS runs.
timeit() {
  "$@" >/dev/null 2>&1 || true
  local times=() k t0 t1
  for ((k = 0; k < RUNS; k++)); do
    t0=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || true
    t1=$EPOCHREALTIME
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) * 1000 }')")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%s %s\n", a[int((NR + 1) / 2)], a[1] }'
}

# peak CMD... prints the peak resident memory in KiB.
peak() {
  /usr/bin/time -f '%M' -o "$BENCH_DIR/peak.txt" "$@" >/dev/null 2>&1 || true
  tail -1 "$BENCH_DIR/peak.txt"
}

# jv takes files, not folders: it gets the corpus's files in one command
# line, so it compiles the schema once, as seslint does.
declare -A files
for c in clean-1000 clean-10000 defects-10000; do
  files[$c]=$(tr '\n' ' ' <"$c.list")
done
jv_run() { # corpus
  # shellcheck disable=SC2086 # one word per path; the paths have no spaces
  "$bin/jv" -q "$schema" ${files[$1]}
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

say "start-up on one small file"
read -r start_med start_min < <(timeit "$bin/seslint" "$small")
read -r jvstart_med jvstart_min < <(timeit "$bin/jv" -q "$schema" "$small")

declare -A med min rss
for c in clean-1000 clean-10000 defects-10000; do
  say "timing $c"
  read -r med[$c.j1] min[$c.j1] < <(timeit "$bin/seslint" -j 1 "$c")
  read -r med[$c.jn] min[$c.jn] < <(timeit "$bin/seslint" "$c")
  read -r med[$c.jv] min[$c.jv] < <(timeit jv_run "$c")
  rss[$c.j1]=$(peak "$bin/seslint" -j 1 "$c")
  rss[$c.jn]=$(peak "$bin/seslint" "$c")
  # shellcheck disable=SC2086
  rss[$c.jv]=$(peak "$bin/jv" -q "$schema" ${files[$c]})
done
# The same run with every rule off: what reading, parsing and the driver
# cost, the floor under the rules.
mapfile -t rules_off < <("$bin/seslint" rules | awk '{ print "--disable"; print $1 }')
say "timing clean-10000 with every rule off"
read -r med[norules.j1] min[norules.j1] < <(timeit "$bin/seslint" -j 1 "${rules_off[@]}" clean-10000)
read -r med[norules.jn] min[norules.jn] < <(timeit "$bin/seslint" "${rules_off[@]}" clean-10000)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

say "checking findings"
clean_ok=PASS
for c in clean-1000 clean-10000; do
  "$bin/seslint" "$c" >/dev/null 2>"$BENCH_DIR/$c.summary" || true
  if ! grep -q '^no findings' "$BENCH_DIR/$c.summary"; then
    clean_ok=MISS
    echo "the clean corpus $c has findings: $(tail -1 "$BENCH_DIR/$c.summary")" >&2
  fi
done
set +e
"$bin/seslint" --format json defects-10000 >"$BENCH_DIR/defects.json" 2>/dev/null
defects_exit=$?
"$bin/seslint-gencorpus" check -manifest defects-10000.defects.tsv -root defects-10000 <"$BENCH_DIR/defects.json" >"$BENCH_DIR/defects.check"
defects_found=$?
set -e
cd "$root"

say "in-process Go benchmarks"
go test -run '^$' -bench 'BenchmarkLintOne' -benchmem -count 5 ./internal/lint >"$BENCH_DIR/go-bench.txt"
# inproc NAME prints the median ns/op, B/op and allocs/op.
inproc() {
  awk -v n="BenchmarkLintOne/$1-" 'index($1, n) == 1 {
      for (i = 2; i <= NF; i++) { if ($i == "ns/op") ns = $(i - 1); if ($i == "B/op") b = $(i - 1); if ($i == "allocs/op") a = $(i - 1) }
      print ns, b, a
    }' "$BENCH_DIR/go-bench.txt" |
    sort -n | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }'
}
read -r valid_ns valid_b valid_allocs < <(inproc valid)
read -r invalid_ns invalid_b invalid_allocs < <(inproc invalid)

# --- report ----------------------------------------------------------------

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
check() { # value op limit -> PASS or MISS
  awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { ok = (op == "<=") ? v <= l : v >= l; print ok ? "PASS" : "MISS" }'
}

echo
echo "## Results"
echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $(go version | cut -d' ' -f3), $(uname -sr); load average $load_before before, $load_after after; $RUNS runs per timing, median (minimum)"
echo
echo "| corpus | seslint -j 1 | seslint (default, $(nproc) workers) | jv $JV_VERSION | jv ÷ seslint | peak memory seslint -j 1 / default / jv |"
echo "|---|---|---|---|---|---|"
for c in clean-1000 clean-10000 defects-10000; do
  echo "| $c | ${med[$c.j1]} ms (${min[$c.j1]}) | ${med[$c.jn]} ms (${min[$c.jn]}) | ${med[$c.jv]} ms (${min[$c.jv]}) | $(ratio "${med[$c.jv]}" "${med[$c.jn]}")× | $(mib "${rss[$c.j1]}") / $(mib "${rss[$c.jn]}") / $(mib "${rss[$c.jv]}") MiB |"
done
echo "| clean-10000, every rule off | ${med[norules.j1]} ms (${min[norules.j1]}) | ${med[norules.jn]} ms (${min[norules.jn]}) | | | |"
echo
echo "Start-up on one small file ($(wc -c <"$corpora/$small") bytes): seslint $start_med ms ($start_min), jv $jvstart_med ms ($jvstart_min)."
echo
echo "In-process (BenchmarkLintOne, median of 5): valid 1.5 KB policy $valid_ns ns, $valid_b B, $valid_allocs allocs; invalid $invalid_ns ns, $invalid_b B, $invalid_allocs allocs."
echo
echo "$(tail -1 "$BENCH_DIR/defects.check" | sed "s/^defects/Defects/"); seslint exit code $defects_exit."
echo
per_file=$(awk -v t="${med[clean-10000.j1]}" 'BEGIN { printf "%.1f", t * 1000 / 10000 }')
growth=$(awk -v a="${rss[clean-10000.jn]}" -v b="${rss[clean-1000.jn]}" 'BEGIN { printf "%.1f", (a - b) / 1024 }')
slowdown=$(ratio "${med[defects-10000.j1]}" "${med[clean-10000.j1]}")
jv_ratio=$(ratio "${med[clean-10000.jv]}" "${med[clean-10000.jn]}")
files_linted=$(sed -n 's/.* \([0-9]*\) files linted.*/\1/p' "$BENCH_DIR/defects.check")
echo "| target | measured | |"
echo "|---|---|---|"
echo "| start-up on one small file ≤ 5 ms | $start_med ms | $(check "$start_med" "<=" 5) |"
echo "| 10,000 valid policies, -j 1, ≤ 300 ms | ${med[clean-10000.j1]} ms | $(check "${med[clean-10000.j1]}" "<=" 300) |"
echo "| 10,000 valid policies, both cores, ≤ 160 ms | ${med[clean-10000.jn]} ms | $(check "${med[clean-10000.jn]}" "<=" 160) |"
echo "| ≥ 3 × faster than jv on the same files | ${jv_ratio}× | $(check "$jv_ratio" ">=" 3) |"
echo "| ≤ 20 µs per file end to end, one core | $per_file µs | $(check "$per_file" "<=" 20) |"
echo "| in-process valid 1.5 KB policy ≤ 10 µs | $(awk -v n="$valid_ns" 'BEGIN { printf "%.1f", n / 1000 }') µs | $(check "$valid_ns" "<=" 10000) |"
echo "| in-process ≤ 4 KB | $valid_b B | $(check "$valid_b" "<=" 4096) |"
echo "| in-process ≤ 40 allocations | $valid_allocs | $(check "$valid_allocs" "<=" 40) |"
echo "| peak memory, 10,000 files, ≤ 16 MiB | $(mib "${rss[clean-10000.jn]}") MiB | $(check "${rss[clean-10000.jn]}" "<=" 16384) |"
echo "| growth from 1,000 to 10,000 files ≤ 2 MiB | $growth MiB | $(check "$growth" "<=" 2) |"
echo "| defects corpus ≤ 1.3 × the clean one (-j 1) | ${slowdown}× | $(check "$slowdown" "<=" 1.3) |"
echo "| every injected defect found | $(sed -n 's/^defects: \([0-9]*\) injected, \([0-9]*\) found.*/\2 of \1/p' "$BENCH_DIR/defects.check") | $([ "$defects_found" = 0 ] && echo PASS || echo MISS) |"
echo "| no run aborted by a bad file | ${files_linted:-?} of 10000 files linted | $([ "${files_linted:-0}" = 10000 ] && echo PASS || echo MISS) |"
echo "| clean corpora have no findings | | $clean_ok |"
if [ "$defects_found" != 0 ]; then
  echo
  grep '^missed' "$BENCH_DIR/defects.check" | head -20
fi
