package lint

import (
	"fmt"
	"testing"

	"github.com/seslint/seslint/internal/bench/gen"
	"github.com/seslint/seslint/internal/config"
	"github.com/seslint/seslint/rules"
)

func benchOptions(b *testing.B) Options {
	engine, err := rules.New(rules.Settings{})
	if err != nil {
		b.Fatal(err)
	}
	return Options{Config: config.Default("."), Engine: engine, Jobs: 1}
}

// BenchmarkLintOne is the in-process cost of one policy with every rule on:
// parse, unit, rules and findings, as each worker does for each file (the
// file is already in memory). Targets (docs/performance.md): a valid
// 1.5 KB policy in at most 10 µs, 4 KB and 40 allocations.
func BenchmarkLintOne(b *testing.B) {
	for _, c := range []struct {
		name string
		file gen.File
	}{
		{"valid", gen.Example(1500, "")},
		{"invalid", gen.Example(1500, "lower-case-effect")},
	} {
		b.Run(c.name, func(b *testing.B) {
			o := benchOptions(b)
			in := Input{Path: c.file.Path, Text: c.file.Text}
			var w worker
			b.SetBytes(int64(len(c.file.Text)))
			b.ReportAllocs()
			for b.Loop() {
				oc := lintOne(in, o, &w)
				if oc.set == notReleased {
					b.Fatal("not linted")
				}
			}
		})
	}
}

// BenchmarkLint runs the whole driver (workers, set rules, ignores,
// sorting) over a generated corpus held in memory.
func BenchmarkLint(b *testing.B) {
	for _, n := range []int{1000} {
		for _, every := range []int{0, 10} {
			files, _ := gen.Corpus(gen.Options{Files: n, Seed: 1, DefectEvery: every})
			name := fmt.Sprintf("files=%d/clean", n)
			if every > 0 {
				name = fmt.Sprintf("files=%d/defects=1in%d", n, every)
			}
			b.Run(name, func(b *testing.B) {
				o := benchOptions(b)
				var size int64
				inputs := make([]Input, len(files))
				for i, f := range files {
					inputs[i] = Input{Path: f.Path, Text: f.Text}
					size += int64(len(f.Text))
				}
				b.SetBytes(size)
				b.ReportAllocs()
				for b.Loop() {
					res := Lint(inputs, o)
					if len(res.Files) != n {
						b.Fatalf("linted %d files, want %d", len(res.Files), n)
					}
				}
			})
		}
	}
}
