package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPositionColumns(t *testing.T) {
	text := []byte("{\n  \"Sid\": \"A📧é\", \"Effect\": \"Allow\"\r\n}\r")
	l := NewLines(text)
	off := strings.Index(string(text), `"Effect"`)
	p := l.Position(off)
	// Code points: 2 spaces + "Sid": (6) + space + "A📧é" (5) + , + space = col 17.
	// UTF-16 counts the emoji as two units; bytes count 4 for it and 2 for é.
	if p.Line != 2 || p.Column != 17 || p.Column16 != 18 || p.Column8 != 21 {
		t.Fatalf("got line %d col %d col16 %d col8 %d", p.Line, p.Column, p.Column16, p.Column8)
	}
	if l.Count() != 4 {
		t.Fatalf("CRLF and lone CR end lines: want 4 lines, got %d", l.Count())
	}
	if got := string(l.LineText(2)); got != `  "Sid": "A📧é", "Effect": "Allow"` {
		t.Fatalf("LineText without terminator: %q", got)
	}
	if p := l.Position(len(text) + 10); p.Offset != len(text) {
		t.Fatalf("offsets past the end clamp, got %d", p.Offset)
	}
}

func TestSpansAndPointers(t *testing.T) {
	text := `{"Statement": [{"Sid": "x/y~z", "Action": ["ses:SendEmail", "ses:SendRawEmail"]}]}`
	d := Parse("p.json", []byte(text))
	if len(d.Problems) != 0 || d.Root == nil {
		t.Fatalf("unexpected problems %v", d.Problems)
	}
	act := d.Root.Lookup("/Statement/0/Action/1")
	if act.Text != "ses:SendRawEmail" {
		t.Fatalf("lookup got %q", act.Text)
	}
	if got := text[act.Span.Start:act.Span.End]; got != `"ses:SendRawEmail"` {
		t.Fatalf("span covers %q", got)
	}
	if got := act.Pointer(); got != "/Statement/0/Action/1" {
		t.Fatalf("pointer %q", got)
	}
	sid := d.Root.Lookup("/Statement/0/Sid")
	if got := text[sid.KeySpan().Start:sid.KeySpan().End]; got != `"Sid"` {
		t.Fatalf("key span covers %q", got)
	}
	stmt := d.Root.Lookup("/Statement/0")
	stmt.Members[0].Value.Name = "a/b~c"
	if got := stmt.Members[0].Value.Pointer(); got != "/Statement/0/a~1b~0c" {
		t.Fatalf("pointer escaping: %q", got)
	}
}

func TestDuplicatesKept(t *testing.T) {
	d := Parse("p.json", []byte(`{"Effect": "Deny", "Effect": "Allow"}`))
	if n := len(d.Root.Members); n != 2 {
		t.Fatalf("both members must be kept, got %d", n)
	}
	if d.Root.Get("Effect").Text != "Deny" {
		t.Fatal("Get returns the first")
	}
}

func TestProblems(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
		offset           int
		root             bool
	}{
		{"empty", "", "empty file", 0, false},
		{"blank", " \n\t", "empty file", 3, false},
		{"bom", "\ufeff{}", "byte-order mark", 0, true},
		{"invalid utf8", "{\"a\": \"\xff\"}", "invalid UTF-8 byte 0xff", 7, false},
		{"syntax", `{"a" 1}`, "invalid JSON", 5, false},
		{"eof", "{\"a\": [1,\n", "unexpected end of file", 9, false},
		{"trailing", `{} []`, "after the end", 3, true},
		{"deep", strings.Repeat("[", 100000), "nested more than 10000", 10000, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Parse("x.json", []byte(tc.text))
			if len(d.Problems) == 0 {
				t.Fatal("no problem reported")
			}
			p := d.Problems[0]
			if !strings.Contains(p.Message, tc.want) || p.Span.Start != tc.offset {
				t.Fatalf("got %q at %d, want %q at %d", p.Message, p.Span.Start, tc.want, tc.offset)
			}
			if (d.Root != nil) != tc.root {
				t.Fatalf("root present = %v, want %v", d.Root != nil, tc.root)
			}
		})
	}
}

func TestEmbeddedOffsets(t *testing.T) {
	// The policy string holds escapes of every kind before the Effect value.
	file := `{"Policy": "{\"Sid\": \"\u00e9\\\\\ud83d\udce7\\n\", \"Effect\": \"allow\"}"}`
	outer := Parse("r.json", []byte(file))
	inner := ParseEmbedded(outer, outer.Root.Get("Policy"))
	if len(inner.Problems) != 0 {
		t.Fatalf("inner problems: %v", inner.Problems)
	}
	if sid := inner.Root.Get("Sid").Text; sid != "é\\📧\n" {
		t.Fatalf("decoded Sid %q", sid)
	}
	eff := inner.Root.Get("Effect")
	fs := inner.FileSpan(eff.Span)
	if got := file[fs.Start:fs.End]; got != `\"allow\"` {
		t.Fatalf("file span covers %q", got)
	}
	if got := inner.FileSpan(Span{Start: len(inner.Text), End: len(inner.Text)}); file[got.Start] != '"' || got.Start != len(file)-2 {
		t.Fatalf("end of text maps to the closing quote, got %d", got.Start)
	}
}

func TestEscapeStringContent(t *testing.T) {
	in := "a\"b\\c\nd\x01📧"
	if got := EscapeStringContent(in); got != `a\"b\\c\nd\u0001📧` {
		t.Fatalf("got %s", got)
	}
}

// FuzzParse: never panics, every span lies inside the input in order, and
// line/column agree with the offset.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("../../examples/*/*.json")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{`{}`, `{"a":[1,2,{"b":null}]}`, "\ufeff{}", `"x"`, `{"Policy":"{\"a\":\"\\u00e9\"}"}`, "{\"a\":\"\xff\"}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := Parse("f.json", data)
		check := func(s Span) {
			if s.Start < 0 || s.End > len(data) || s.Start > s.End {
				t.Fatalf("span %v outside input of %d bytes", s, len(data))
			}
			p := d.Lines().Position(s.Start)
			if ls := d.Lines().LineStart(p.Line); p.Column8 != s.Start-ls+1 {
				t.Fatalf("column %d disagrees with offset %d (line start %d)", p.Column8, s.Start, ls)
			}
			if utf8.Valid(data) && p.Column > p.Column8 {
				t.Fatalf("code-point column %d beyond byte column %d", p.Column, p.Column8)
			}
		}
		for _, pr := range d.Problems {
			check(pr.Span)
		}
		d.Root.Walk(func(n *Node) {
			check(n.Span)
			check(n.KeySpan())
			if n.Kind == String && n.Parent != nil && n.Parent.Kind == Object && n.Name == "Policy" {
				inner := ParseEmbedded(d, n)
				inner.Root.Walk(func(m *Node) { check(inner.FileSpan(m.Span)) })
				for _, pr := range inner.Problems {
					check(inner.FileSpan(pr.Span))
				}
			}
		})
	})
}
