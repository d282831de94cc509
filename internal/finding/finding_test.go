package finding

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"
)

// SortAndDedupe gives what a plain stable sort by Less followed by
// dropping repeats gives, keeping the first of each repeat, for inputs
// full of ties and repeats.
func TestSortAndDedupeMatchesStableSort(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 300 {
		n := r.IntN(60)
		var in []Finding
		for i := range n {
			in = append(in, Finding{
				File:    fmt.Sprintf("f%d.json", r.IntN(3)),
				Span:    Span{Start: r.IntN(4), End: 4 + r.IntN(2)},
				RuleID:  fmt.Sprintf("SES%d", r.IntN(2)),
				Message: fmt.Sprintf("m%d", r.IntN(2)),
				Value:   fmt.Sprint(i), // tells repeats apart
			})
		}
		want := append([]Finding(nil), in...)
		sort.SliceStable(want, func(i, j int) bool { return Less(&want[i], &want[j]) })
		var dedup []Finding
		for _, f := range want {
			if k := len(dedup); k > 0 && dedup[k-1].File == f.File && dedup[k-1].Span == f.Span && dedup[k-1].RuleID == f.RuleID && dedup[k-1].Message == f.Message {
				continue
			}
			dedup = append(dedup, f)
		}
		got := SortAndDedupe(append([]Finding(nil), in...))
		if fmt.Sprint(got) != fmt.Sprint(dedup) {
			t.Fatalf("round %d:\n got %v\nwant %v", round, got, dedup)
		}
	}
}
