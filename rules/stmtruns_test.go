package rules

import (
	"slices"
	"testing"

	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// ofByScan is stmtRuns.of before it used the statement's Index: the run
// is found by counting through the statements before st.
func ofByScan[T any](r *stmtRuns[T], pol *policy.Policy, st *policy.Statement,
	count func(*policy.Statement) int, fill func([]T, *policy.Statement) []T) []T {
	if !r.done {
		r.fill(pol, count, fill)
	}
	start := 0
	for i, s := range pol.Statements {
		if s == st {
			return r.vals[start:r.ends[i]:r.ends[i]]
		}
		start = r.ends[i]
	}
	return fill(nil, st)
}

// FuzzStmtRunsOf holds stmtRuns.of to the scan it replaced, for every
// statement of a policy (whose Statement array may hold other values
// before and between the objects) and for the statements of another.
func FuzzStmtRunsOf(f *testing.F) {
	f.Add([]byte(`{"Statement": [{"Action": ["a", "b"]}, 1, {"NotAction": "c"}, "x", {"Action": []}]}`), []byte(`{"Statement": {"Action": "d"}}`))
	f.Add([]byte(`{"Statement": [[], {"Action": "a"}, {"Action": ["b", "c", "d", "e", "f", "g", "h", "i", "j"]}]}`), []byte(`{"Statement": [{}, {}]}`))
	f.Fuzz(func(t *testing.T, text, other []byte) {
		pol, alien := fuzzPolicy(text), fuzzPolicy(other)
		if pol == nil {
			return
		}
		var got, want stmtRuns[*source.Node]
		stmts := pol.Statements
		if alien != nil {
			stmts = append(slices.Clone(stmts), alien.Statements...)
		}
		for _, st := range stmts {
			g := got.of(pol, st, actionCount, appendActionNodes)
			w := ofByScan(&want, pol, st, actionCount, appendActionNodes)
			if !slices.Equal(g, w) || cap(g) != cap(w) {
				t.Fatalf("statement %d: of gives %v (cap %d), the scan %v (cap %d)", st.Index, g, cap(g), w, cap(w))
			}
		}
	})
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
