package source

import (
	"testing"

	"github.com/seslint/seslint/internal/bench/gen"
)

// BenchmarkParse parses a 1.5 KB policy: tokens, nodes with spans, and the
// members and elements of every object and array.
func BenchmarkParse(b *testing.B) {
	f := gen.Example(1500, "")
	b.SetBytes(int64(len(f.Text)))
	b.ReportAllocs()
	for b.Loop() {
		if d := Parse(f.Path, f.Text); d.Root == nil {
			b.Fatal(d.Problems)
		}
	}
}

// BenchmarkLines indexes the lines of the same policy, which the lint
// driver does only for files with findings.
func BenchmarkLines(b *testing.B) {
	f := gen.Example(1500, "")
	b.SetBytes(int64(len(f.Text)))
	b.ReportAllocs()
	for b.Loop() {
		NewLines(f.Text)
	}
}

// BenchmarkParseIn is Parse with an arena reused from one document to the
// next, as the lint driver's workers parse.
func BenchmarkParseIn(b *testing.B) {
	f := gen.Example(1500, "")
	var a Arena
	b.SetBytes(int64(len(f.Text)))
	b.ReportAllocs()
	for b.Loop() {
		d := ParseIn(&a, f.Path, f.Text)
		if d.Root == nil {
			b.Fatal(d.Problems)
		}
		d.Release()
	}
}
