package policy

import (
	"testing"

	"github.com/seslint/seslint/internal/bench/gen"
	"github.com/seslint/seslint/internal/source"
)

// BenchmarkNew reads the typed policy of a parsed 1.5 KB policy, as the
// engine does once per file before the rules run.
func BenchmarkNew(b *testing.B) {
	d := source.Parse("p.json", gen.Example(1500, "").Text)
	b.ReportAllocs()
	for b.Loop() {
		if p := New(d.Root); len(p.Statements) == 0 {
			b.Fatal("no statements")
		}
	}
}

// BenchmarkStatementOf finds the statement of a deep node, as every
// finding does.
func BenchmarkStatementOf(b *testing.B) {
	d := source.Parse("p.json", gen.Example(1500, "").Text)
	p := New(d.Root)
	last := p.Statements[len(p.Statements)-1]
	n := last.Conditions[len(last.Conditions)-1].Values[0]
	b.ReportAllocs()
	for b.Loop() {
		if p.StatementOf(n) != last {
			b.Fatal("wrong statement")
		}
	}
}
