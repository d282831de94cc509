package report

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/lint"
	"github.com/seslint/seslint/internal/source"
)

// GitHub writes GitHub Actions workflow commands, one annotation per
// finding, for inline annotations without code scanning:
//
//	::error file=p.json,line=6,col=17,endLine=6,endColumn=24,title=SES003 invalid-structure::message
//
// Columns count UTF-16 code units, as GitHub's web views do. Notes become
// notices; suppressed findings are left out, as in the text format; files
// that could not be read are errors without a line.
func GitHub(w io.Writer, res *lint.Result) error {
	bw := bufio.NewWriter(w)
	eachShown(res, func(f *finding.Finding, _ *source.Lines, start, end source.Pos) {
		fmt.Fprintf(bw, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			githubCommand(f.Severity), escapeProperty(filepath.ToSlash(f.File)),
			start.Line, start.Column16, end.Line, end.Column16,
			escapeProperty(f.RuleID+" "+f.RuleName), escapeData(f.Message))
	})
	for _, e := range res.Errors {
		fmt.Fprintf(bw, "::error file=%s,title=seslint::%s\n", escapeProperty(filepath.ToSlash(e.Path)), escapeData(e.Message))
	}
	return bw.Flush()
}

func githubCommand(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	}
	return "notice"
}

// escapeData escapes a workflow command's message as @actions/core does.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value, which also
// may not hold the separators ":" and ",".
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
