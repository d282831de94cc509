package report

import (
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/lint"
	"github.com/seslint/seslint/internal/source"
)

var noLines = source.NewLines(nil)

// linesOf returns the file's line index, or an empty one for a finding on
// a file the result does not hold, so that formatters never crash on it.
func linesOf(res *lint.Result, file string) *source.Lines {
	if l := res.LinesOf(file); l != nil {
		return l
	}
	return noLines
}

// eachShown calls fn for every unsuppressed finding, in order, with the
// positions of its start and end. The text and GitHub formats show only
// these; JSON and SARIF keep suppressed findings, marked.
func eachShown(res *lint.Result, fn func(f *finding.Finding, lines *source.Lines, start, end source.Pos)) {
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Suppressed != nil {
			continue
		}
		lines := linesOf(res, f.File)
		start, end := lines.Position(f.Span.Start), lines.Position(f.Span.End)
		if end.Offset < start.Offset {
			end = start
		}
		fn(f, lines, start, end)
	}
}
