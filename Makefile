# Conveniences over the scripts; the scripts are what CI runs.

.PHONY: bench bench-go

# The whole-process benchmark against jv, with a PASS or MISS per target
# (docs/performance.md).
bench:
	scripts/bench.sh

# The in-process benchmarks alone, for benchstat.
bench-go:
	go test -run '^$$' -bench . -benchmem -count 6 ./internal/source ./internal/policy ./internal/finding ./internal/lint ./rules
