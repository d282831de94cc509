package server

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/config"
	"github.com/seslint/seslint/lsp/document"
	"github.com/seslint/seslint/lsp/jsonrpc"
	"github.com/seslint/seslint/lsp/protocol"
	"github.com/seslint/seslint/rules"
)

// benchPolicy returns a policy of about size bytes, made of statements of
// the kind SES identity policies hold, with conditions. It is sound but for
// one finding with a fix (an Effect in the wrong case), as a policy being
// edited usually is.
func benchPolicy(size int) string {
	var stmts []string
	for i := 0; ; i++ {
		effect := "Allow"
		if i == 0 {
			effect = "allow"
		}
		s := fmt.Sprintf(`    {
      "Sid": "AllowApp%d",
      "Effect": %q,
      "Principal": {"AWS": "arn:aws:iam::1234567890%02d:role/Sender"},
      "Action": ["ses:SendEmail", "ses:SendRawEmail"],
      "Resource": "arn:aws:ses:eu-west-1:987654321098:identity/example.com",
      "Condition": {
        "StringLike": {"ses:FromAddress": "app%d-*@example.com"},
        "StringEquals": {"aws:SourceAccount": "1234567890%02d"}
      }
    }`, i, effect, i%100, i, i%100)
		next := append(stmts, s)
		text := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n" + strings.Join(next, ",\n") + "\n  ]\n}\n"
		if len(text) > size && len(stmts) > 0 {
			return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n" + strings.Join(stmts, ",\n") + "\n  ]\n}\n"
		}
		stmts = next
	}
}

// BenchmarkRelint measures what a keystroke costs once the debounce pause
// is over: an incremental change to a 4 KB policy goes in, the server
// applies it, lints the document with the full engine, and the client has
// the diagnostics. It runs over the in-process pipe, JSON-RPC included.
func BenchmarkRelint(b *testing.B) { benchRelint(b, Options{}, -1) }

// BenchmarkRelintOneRule is BenchmarkRelint with only SES005 (the size
// check, one finding here) enabled: what is left is what the server adds
// around the rules (framing, decoding, the edit, parsing, positions,
// encoding), plus the lint driver and the parse.
func BenchmarkRelintOneRule(b *testing.B) {
	var off []string
	for _, r := range rules.All() {
		off = append(off, r.ID)
	}
	benchRelint(b, Options{Engine: func(*config.Config) (*rules.Engine, error) {
		return rules.New(rules.Settings{Disable: off, Enable: []string{"SES005"}})
	}}, 1)
}

// benchRelint opens the 4 KB policy in a server with opts, checks the
// first publication has want diagnostics (any number when want < 0), and
// times edits that toggle one letter, so every version is a real change.
func benchRelint(b *testing.B, opts Options, want int) {
	text := benchPolicy(4000)
	_, uri := workspaceTB(b)
	c := newClient(b, opts)
	c.initialize(protocol.ClientCapabilities{})
	u := uri("example.com/Bench.json")
	d := c.open(u, text)
	if p := c.waitPublish(u); want >= 0 && len(p.Diagnostics) != want {
		b.Fatalf("%d diagnostics, want %d", len(p.Diagnostics), want)
	}
	i := strings.Index(text, `"allow"`)
	pos := document.PositionOf([]byte(text), i+1, document.UTF16)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for n := 0; b.Loop(); n++ {
		letter := "a"
		if n%2 == 0 {
			letter = "A"
		}
		d.edit(document.UTF16, protocol.TextEdit{Range: rng(pos.Line, pos.Character, pos.Line, pos.Character+1), NewText: letter})
		c.waitPublish(u)
	}
}

// BenchmarkPublish measures what follows the lint: findings to
// diagnostics, and the notification encoded and written.
func BenchmarkPublish(b *testing.B) {
	text := benchPolicy(4000)
	_, uri := workspaceTB(b)
	s := New(Options{})
	s.conn = jsonrpc.NewConn(nil, io.Discard)
	u := uri("example.com/Bench.json")
	doc := s.docs.Open(protocol.TextDocumentItem{URI: u, LanguageID: "json", Version: 1, Text: text})
	r := s.lint(doc, 0)
	if len(r.findings) != 2 {
		b.Fatalf("%d findings, want 2", len(r.findings))
	}
	b.ReportAllocs()
	for b.Loop() {
		v := doc.Version
		s.sendDiagnostics(protocol.PublishDiagnosticsParams{URI: u, Version: &v, Diagnostics: s.diagnostics(u, r)})
	}
}

// BenchmarkLint measures the lint step alone, without the protocol.
func BenchmarkLint(b *testing.B) {
	text := benchPolicy(4000)
	_, uri := workspaceTB(b)
	s := New(Options{})
	u := uri("example.com/Bench.json")
	doc := s.docs.Open(protocol.TextDocumentItem{URI: u, LanguageID: "json", Version: 1, Text: text})
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if r := s.lint(doc, 0); !r.linted {
			b.Fatal("not linted")
		}
	}
}

func workspaceTB(tb testing.TB) (string, func(string) protocol.DocumentURI) {
	dir := tb.TempDir()
	return dir, func(name string) protocol.DocumentURI { return pathURI(dir + "/" + name) }
}

func TestBenchPolicySize(t *testing.T) {
	if n := len(benchPolicy(4000)); n < 3500 || n > 4000 {
		t.Errorf("bench policy is %d bytes", n)
	}
}
