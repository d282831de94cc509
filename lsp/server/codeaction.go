package server

import (
	"strings"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/lsp/document"
	"github.com/seslint/seslint/lsp/jsonrpc"
	"github.com/seslint/seslint/lsp/protocol"
)

// codeAction answers textDocument/codeAction with a quick fix for every
// finding in the range whose rule knows its fix. The findings come from the
// document as it is now, not from the diagnostics the client echoes, so an
// edit never applies to text that has moved. Their byte-span edits become
// ranges in the negotiated encoding.
func (s *Server) codeAction(p protocol.CodeActionParams) (any, *jsonrpc.Error) {
	actions := []protocol.CodeAction{}
	if !wantsQuickFix(p.Context.Only) {
		return actions, nil
	}
	doc, ok := s.docs.Get(p.TextDocument.URI)
	if !ok {
		return actions, nil
	}
	start := clampedOffset(doc.Text, p.Range.Start, s.enc)
	end := max(start, clampedOffset(doc.Text, p.Range.End, s.enc))
	r := s.result(doc)
	x := document.NewIndex(r.text, s.enc)
	for i := range r.findings {
		f := &r.findings[i]
		if f.Fix == nil || len(f.Fix.Edits) == 0 || f.Span.Start > end || start > f.Span.End {
			continue
		}
		edits := make([]protocol.TextEdit, 0, len(f.Fix.Edits))
		for _, e := range f.Fix.Edits {
			edits = append(edits, protocol.TextEdit{
				Range:   x.Range(e.Span.Start, e.Span.End),
				NewText: e.NewText,
			})
		}
		actions = append(actions, protocol.CodeAction{
			Title:       fixTitle(f),
			Kind:        protocol.QuickFix,
			Diagnostics: []protocol.Diagnostic{diagnostic(doc.URI, x, f, new(protocol.CodeDescription))},
			IsPreferred: true,
			Edit:        &protocol.WorkspaceEdit{Changes: map[protocol.DocumentURI][]protocol.TextEdit{doc.URI: edits}},
		})
	}
	return actions, nil
}

// wantsQuickFix reports whether a request limited to the kinds in only
// takes quick fixes. Kinds are hierarchical: "quickfix" covers
// "quickfix.seslint".
func wantsQuickFix(only []protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, k := range only {
		if k == "" || k == protocol.QuickFix || strings.HasPrefix(string(protocol.QuickFix), string(k)+".") {
			return true
		}
	}
	return false
}

func fixTitle(f *finding.Finding) string {
	title := f.Fix.Title
	if title == "" {
		title = "Apply the suggested fix"
	}
	return title + " (" + f.RuleID + ")"
}

// clampedOffset converts a position, moving one that falls inside a
// character to that character's start.
func clampedOffset(text []byte, pos protocol.Position, enc document.Encoding) int {
	off, err := document.OffsetOf(text, pos, enc)
	for err != nil && pos.Character > 0 {
		pos.Character--
		off, err = document.OffsetOf(text, pos, enc)
	}
	return off
}
