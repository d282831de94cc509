package report

import (
	"encoding/json"
	"io"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/lint"
	"github.com/seslint/seslint/internal/source"
)

// JSONVersion is the version of the JSON output contract; it changes only
// when a field changes meaning or disappears. New fields may be added.
const JSONVersion = 1

type jsonOutput struct {
	Version  int           `json:"version"`
	Findings []jsonFinding `json:"findings"`
	Errors   []jsonError   `json:"errors"`
	Summary  jsonSummary   `json:"summary"`
}

type jsonPos struct {
	Line     int `json:"line"`
	Column   int `json:"column"`
	Column16 int `json:"utf16Column"`
	Offset   int `json:"offset"`
}

type jsonFinding struct {
	ID         string           `json:"id"`
	Name       string           `json:"name"`
	Severity   string           `json:"severity"`
	File       string           `json:"file"`
	Start      jsonPos          `json:"start"`
	End        jsonPos          `json:"end"`
	Pointer    string           `json:"pointer"`
	Sid        string           `json:"sid,omitempty"`
	Message    string           `json:"message"`
	HelpURI    string           `json:"helpUri"`
	Related    []jsonRelated    `json:"related,omitempty"`
	Fix        *jsonFix         `json:"fix,omitempty"`
	Suppressed *jsonSuppression `json:"suppressed,omitempty"`
}

type jsonRelated struct {
	Start   jsonPos `json:"start"`
	End     jsonPos `json:"end"`
	Message string  `json:"message"`
}

type jsonFix struct {
	Title string     `json:"title"`
	Edits []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	Start   jsonPos `json:"start"`
	End     jsonPos `json:"end"`
	NewText string  `json:"newText"`
}

type jsonSuppression struct {
	Reason string `json:"reason"`
	Source string `json:"source"`
}

type jsonError struct {
	File    string `json:"file"`
	Message string `json:"message"`
}

type jsonSummary struct {
	Files      int `json:"files"`
	Findings   int `json:"findings"`
	Errors     int `json:"errors"`
	Warnings   int `json:"warnings"`
	Notes      int `json:"notes"`
	Suppressed int `json:"suppressed"`
	Unreadable int `json:"unreadable"`
}

// HelpURI maps a rule ID to its page; set by the caller that knows rules.
type HelpURI func(ruleID string) string

func pos(l *source.Lines, off int) jsonPos {
	p := l.Position(off)
	return jsonPos{Line: p.Line, Column: p.Column, Column16: p.Column16, Offset: p.Offset}
}

// JSON writes the versioned machine-readable result (schemas/output.schema.json).
func JSON(w io.Writer, res *lint.Result, help HelpURI) error {
	out := jsonOutput{Version: JSONVersion, Findings: []jsonFinding{}, Errors: []jsonError{}}
	for i := range res.Findings {
		f := &res.Findings[i]
		l := linesOf(res, f.File)
		jf := jsonFinding{
			ID: f.RuleID, Name: f.RuleName, Severity: f.Severity.String(), File: f.File,
			Start: pos(l, f.Span.Start), End: pos(l, f.Span.End),
			Pointer: f.Pointer, Sid: f.Sid, Message: f.Message, HelpURI: help(f.RuleID),
		}
		for _, r := range f.Related {
			jf.Related = append(jf.Related, jsonRelated{Start: pos(l, r.Span.Start), End: pos(l, r.Span.End), Message: r.Message})
		}
		if f.Fix != nil {
			jf.Fix = &jsonFix{Title: f.Fix.Title}
			for _, e := range f.Fix.Edits {
				jf.Fix.Edits = append(jf.Fix.Edits, jsonEdit{Start: pos(l, e.Span.Start), End: pos(l, e.Span.End), NewText: e.NewText})
			}
		}
		if f.Suppressed != nil {
			jf.Suppressed = &jsonSuppression{Reason: f.Suppressed.Reason, Source: f.Suppressed.Source}
		}
		out.Findings = append(out.Findings, jf)
	}
	for _, e := range res.Errors {
		out.Errors = append(out.Errors, jsonError{File: e.Path, Message: e.Message})
	}
	c := finding.Count(res.Findings)
	out.Summary = jsonSummary{Files: len(res.Files), Findings: c.Total(), Errors: c.Errors, Warnings: c.Warnings,
		Notes: c.Notes, Suppressed: c.Suppressed, Unreadable: len(res.Errors)}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
