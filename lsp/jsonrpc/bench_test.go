package jsonrpc

import (
	"io"
	"testing"

	"github.com/seslint/seslint/lsp/protocol"
)

// benchPublish is what the server sends after a re-lint of a policy being
// edited: two diagnostics, one with quotes to escape.
func benchPublish() protocol.PublishDiagnosticsParams {
	v := int32(7)
	return protocol.PublishDiagnosticsParams{
		URI: "file:///home/dev/policies/example.com/Bench.json", Version: &v,
		Diagnostics: []protocol.Diagnostic{{
			Range:           protocol.Range{End: protocol.Position{Character: 1}},
			Severity:        3,
			Code:            "SES005",
			CodeDescription: &protocol.CodeDescription{Href: "https://github.com/seslint/seslint/blob/main/rules/docs/SES005.md"},
			Source:          "seslint",
			Message:         "policy is 3,840 bytes, 93% of the 4,096-byte limit of PutIdentityPolicy (256 bytes left); plan to split it before it grows",
		}, {
			Range:           protocol.Range{Start: protocol.Position{Line: 5, Character: 16}, End: protocol.Position{Line: 5, Character: 23}},
			Severity:        1,
			Code:            "SES003",
			CodeDescription: &protocol.CodeDescription{Href: "https://github.com/seslint/seslint/blob/main/rules/docs/SES003.md"},
			Source:          "seslint",
			Message:         `"Effect" of statement 1 must be "Allow" or "Deny", not "allow"; did you mean "Allow"?`,
		}},
	}
}

func BenchmarkWrite(b *testing.B) {
	b.Run("publish", func(b *testing.B) {
		c := NewConn(nil, io.Discard)
		p := benchPublish()
		b.ReportAllocs()
		for b.Loop() {
			if err := c.Notify(protocol.MethodPublishDiagnostics, p); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("reply", func(b *testing.B) {
		c := NewConn(nil, io.Discard)
		id := IntID(42)
		r := protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.Markdown, Value: "**ses:SendEmail**\n\nSends an email."}}
		b.ReportAllocs()
		for b.Loop() {
			if err := c.Reply(id, r); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// loopReader returns the same bytes over and over.
type loopReader struct {
	data []byte
	off  int
}

func (r *loopReader) Read(p []byte) (int, error) {
	n := copy(p, r.data[r.off:])
	r.off = (r.off + n) % len(r.data)
	return n, nil
}

// BenchmarkRead reads the didChange of one keystroke, as the server does.
func BenchmarkRead(b *testing.B) {
	body := `{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///home/dev/policies/example.com/Bench.json","version":8},"contentChanges":[{"range":{"start":{"line":5,"character":17},"end":{"line":5,"character":18}},"text":"A"}]}}`
	c := NewConn(&loopReader{data: []byte(frame(body))}, io.Discard)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		m, err := c.Read()
		if err != nil || m.Method != protocol.MethodDidChange {
			b.Fatal(m, err)
		}
	}
}
