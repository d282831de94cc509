package document

import (
	"fmt"
	"strings"
	"testing"

	"github.com/seslint/seslint/lsp/protocol"
)

// benchText is a pretty-printed policy of about 4 KB, 130 lines.
func benchText() string {
	var b strings.Builder
	b.WriteString("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n")
	for i := range 11 {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `    {
      "Sid": "AllowApp%d",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::1234567890%02d:role/Sender"},
      "Action": ["ses:SendEmail", "ses:SendRawEmail"],
      "Resource": "arn:aws:ses:eu-west-1:987654321098:identity/example.com",
      "Condition": {
        "StringLike": {"ses:FromAddress": "app%d-*@example.com"}
      }
    }`, i, i, i)
	}
	b.WriteString("\n  ]\n}\n")
	return b.String()
}

// BenchmarkApply applies one keystroke near the start and near the end of
// a 4 KB document.
func BenchmarkApply(b *testing.B) {
	text := benchText()
	lines := uint32(strings.Count(text, "\n"))
	for _, line := range []uint32{5, lines - 4} {
		b.Run(fmt.Sprintf("line%d", line), func(b *testing.B) {
			s := NewStore(UTF16)
			uri := protocol.DocumentURI("file:///p.json")
			s.Open(protocol.TextDocumentItem{URI: uri, LanguageID: "json", Version: 1, Text: text})
			p := protocol.DidChangeTextDocumentParams{
				TextDocument:   protocol.VersionedTextDocumentIdentifier{URI: uri},
				ContentChanges: []protocol.TextDocumentContentChangeEvent{{Range: rng(line, 6, line, 7), Text: " "}},
			}
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				p.TextDocument.Version++
				if _, err := s.Apply(p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkIndex converts the spans of two findings, as the server does
// for each re-lint.
func BenchmarkIndex(b *testing.B) {
	text := []byte(benchText())
	at := strings.Index(string(text), "Allow")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		x := NewIndex(text, UTF16)
		_ = x.Range(0, 1)
		_ = x.Range(at, at+5)
	}
}

// BenchmarkIndexEnd converts a span on the last line: every line start
// must be found.
func BenchmarkIndexEnd(b *testing.B) {
	text := []byte(benchText())
	at := strings.LastIndex(string(text), "Sid")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		x := NewIndex(text, UTF16)
		_ = x.Range(at, at+3)
	}
}
