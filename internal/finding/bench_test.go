package finding

import (
	"fmt"
	"testing"
)

// BenchmarkSortAndDedupe orders the findings of a run over 1,000 files
// with a defect in one file of ten and more findings in some: 2,000
// findings arriving file by file, as the lint driver gathers them.
func BenchmarkSortAndDedupe(b *testing.B) {
	var in []Finding
	for i := range 2000 {
		file := fmt.Sprintf("policies/example%03d.com/Policy%02d.json", (i*7919)%1000, i%16)
		in = append(in, Finding{RuleID: fmt.Sprintf("SES%03d", 100+i%37), File: file, Span: Span{Start: i % 97, End: i%97 + 5}, Message: "m"})
	}
	fs := make([]Finding, len(in))
	b.ReportAllocs()
	for b.Loop() {
		copy(fs, in)
		SortAndDedupe(fs)
	}
}
