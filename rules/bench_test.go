package rules

import (
	"testing"

	"github.com/seslint/seslint/internal/bench/gen"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// BenchmarkEngine is the engine alone on a parsed 1.5 KB policy: the
// typed policy, one pass per rule, and the findings.
func BenchmarkEngine(b *testing.B) {
	for _, c := range benchCases() {
		b.Run(c.name, func(b *testing.B) {
			e, err := New(Settings{})
			if err != nil {
				b.Fatal(err)
			}
			u := benchUnit(c.file)
			b.ReportAllocs()
			for b.Loop() {
				e.LintUnit(u)
			}
		})
	}
}

// BenchmarkRule times each per-unit rule's check alone on the same policy,
// to find the rule that costs the most: go test -bench Rule/valid -benchmem.
func BenchmarkRule(b *testing.B) {
	for _, c := range benchCases() {
		u := benchUnit(c.file)
		pol := policy.New(u.Policy.Root)
		for _, r := range All() {
			if r.Check == nil {
				continue
			}
			b.Run(c.name+"/"+r.ID, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					p := Pass{Unit: u, Policy: pol, rule: r, severity: r.Severity}
					r.Check(&p)
				}
			})
		}
	}
}

type benchCase struct {
	name string
	file gen.File
}

func benchCases() []benchCase {
	return []benchCase{
		{"valid", gen.Example(1500, "")},
		{"invalid", gen.Example(1500, "lower-case-effect")},
	}
}

func benchUnit(f gen.File) *input.Unit {
	return input.Load(source.Parse(f.Path, f.Text), input.Hints{})
}
