// Package report renders a lint result. Each format is a pure function of
// the result: no linting, no global state, byte-identical output.
package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/fatih/color"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/lint"
	"github.com/seslint/seslint/internal/source"
)

// TextOptions control the human format.
type TextOptions struct {
	Color bool
	// NoSnippet leaves out the source line and underline.
	NoSnippet bool
}

// Text writes `path:line:col: message [SESnnn name]`, then the source line
// with the span underlined. Suppressed findings are left out.
func Text(w io.Writer, res *lint.Result, o TextOptions) error {
	bw := bufio.NewWriter(w)
	paint := func(attrs ...color.Attribute) *color.Color {
		c := color.New(attrs...)
		if o.Color {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
		return c
	}
	pos, sev := paint(color.Bold), map[finding.Severity]*color.Color{
		finding.Error:   paint(color.FgRed, color.Bold),
		finding.Warning: paint(color.FgYellow, color.Bold),
		finding.Note:    paint(color.FgCyan),
	}
	dim := paint(color.Faint)
	eachShown(res, func(f *finding.Finding, lines *source.Lines, start, end source.Pos) {
		fmt.Fprintf(bw, "%s %s %s\n",
			pos.Sprintf("%s:%d:%d:", f.File, start.Line, start.Column),
			f.Message,
			sev[f.Severity].Sprintf("[%s %s]", f.RuleID, f.RuleName))
		if o.NoSnippet {
			return
		}
		line := lines.LineText(start.Line)
		if !utf8.Valid(line) || len(line) > 500 {
			return
		}
		lastCol := len([]rune(string(line))) + 1
		if end.Line == start.Line {
			lastCol = end.Column
		}
		fmt.Fprintf(bw, "%s\n%s\n", dim.Sprint(expandTabs(string(line))), sev[f.Severity].Sprint(underline(string(line), start.Column, lastCol)))
	})
	return bw.Flush()
}

func expandTabs(s string) string { return strings.ReplaceAll(s, "\t", "    ") }

// underline draws carets under columns [from, to) of line, counting
// display cells so that wide characters keep the carets aligned.
func underline(line string, from, to int) string {
	var b strings.Builder
	col := 1
	for _, r := range line {
		if col >= from {
			break
		}
		b.WriteString(strings.Repeat(" ", cells(r)))
		col++
	}
	n := 0
	for _, r := range []rune(line)[min(from-1, len([]rune(line))):] {
		if col >= to {
			break
		}
		n += cells(r)
		col++
	}
	b.WriteString(strings.Repeat("^", max(n, 1)))
	return b.String()
}

// cells is the terminal width of r: tabs as four spaces, wide East Asian
// characters and emoji as two.
func cells(r rune) int {
	switch {
	case r == '\t':
		return 4
	case r >= 0x1100 && (r <= 0x115f || r == 0x2329 || r == 0x232a ||
		(r >= 0x2e80 && r <= 0xa4cf && r != 0x303f) || (r >= 0xac00 && r <= 0xd7a3) ||
		(r >= 0xf900 && r <= 0xfaff) || (r >= 0xfe30 && r <= 0xfe6f) || (r >= 0xff00 && r <= 0xff60) ||
		(r >= 0xffe0 && r <= 0xffe6) || (r >= 0x1f300 && r <= 0x1faff) || (r >= 0x20000 && r <= 0x3fffd)):
		return 2
	}
	return 1
}

// Summary is the one line written to standard error after the findings.
func Summary(res *lint.Result) string {
	c := finding.Count(res.Findings)
	files := "files"
	if len(res.Files) == 1 {
		files = "file"
	}
	s := fmt.Sprintf("%s in %d %s", c, len(res.Files), files)
	if n := len(res.Errors); n > 0 {
		s += fmt.Sprintf("; %d could not be read", n)
	}
	return s
}
