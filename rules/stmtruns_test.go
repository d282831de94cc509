package rules

import (
	"slices"
	"testing"

	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// ofByScan is what stmtRuns.of stands for: st's values as fill gives
// them, computed afresh.
func ofByScan[T any](pol *policy.Policy, st *policy.Statement, fill func([]T, *policy.Statement) []T) []T {
	var all []T
	for _, s := range pol.Statements {
		start := len(all)
		all = fill(all, s)
		if s == st {
			return all[start:]
		}
	}
	return fill(nil, st)
}

// FuzzStmtRunsOf holds stmtRuns.of to a fresh scan, for every statement
// of a policy (whose Statement array may hold other values before and
// between the objects) and for the statements of another; a run of the
// policy ends at its capacity, so that appending to it copies.
func FuzzStmtRunsOf(f *testing.F) {
	f.Add([]byte(`{"Statement": [{"Action": ["a", "b"]}, 1, {"NotAction": "c"}, "x", {"Action": []}]}`), []byte(`{"Statement": {"Action": "d"}}`))
	f.Add([]byte(`{"Statement": [[], {"Action": "a"}, {"Action": ["b", "c", "d", "e", "f", "g", "h", "i", "j"]}]}`), []byte(`{"Statement": [{}, {}]}`))
	f.Add([]byte(`{"Statement": [{"Action": "a"}, {"Action": "b"}, {"Action": "c"}, {"Action": "d"}, {"Action": ["e", "f"]}]}`), []byte(`{"Statement": [{"Action": "x"}, {}, {}, {}, {}, {}, {"Action": "y"}]}`))
	f.Fuzz(func(t *testing.T, text, other []byte) {
		pol, alien := fuzzPolicy(text), fuzzPolicy(other)
		if pol == nil {
			return
		}
		var got stmtRuns[*source.Node]
		stmts := pol.Statements
		if alien != nil {
			stmts = append(slices.Clone(stmts), alien.Statements...)
		}
		for _, st := range stmts {
			checkRun(t, &got, pol, st)
		}
		// The cache is kept from unit to unit, with the arrays it grew.
		for _, next := range []*policy.Policy{alien, pol} {
			if next == nil {
				continue
			}
			got.reset()
			for _, st := range next.Statements {
				checkRun(t, &got, next, st)
			}
		}
	})
}

func checkRun(t *testing.T, r *stmtRuns[*source.Node], pol *policy.Policy, st *policy.Statement) {
	t.Helper()
	g := r.of(pol, st, actionCount, appendActionNodes)
	w := ofByScan(pol, st, appendActionNodes)
	if !slices.Equal(g, w) || slices.Contains(pol.Statements, st) && cap(g) != len(g) {
		t.Fatalf("statement %d: of gives %v (cap %d), the scan %v", st.Index, g, cap(g), w)
	}
}

func fuzzPolicy(text []byte) *policy.Policy {
	d := source.Parse("p.json", text)
	if d.Root == nil {
		return nil
	}
	return policy.New(d.Root)
}

func appendActionNodes(dst []*source.Node, st *policy.Statement) []*source.Node {
	dst = append(dst, st.Action...)
	return append(dst, st.NotAction...)
}
