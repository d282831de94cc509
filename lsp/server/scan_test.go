package server

import (
	"slices"
	"strings"
	"testing"
)

func TestScanContext(t *testing.T) {
	tests := []struct {
		text   string // "|" marks the cursor; what follows it is ignored by the scan
		path   string
		kind   slotKind
		quoted bool
		prefix string
	}{
		{`|`, "", slotValue, false, ""},
		{`{|`, "", slotKey, false, ""},
		{`{"Ver|sion": 1}`, "", slotKey, true, "Ver"},
		{`{"Version": |`, "Version", slotValue, false, ""},
		{`{"Version": "2012|`, "Version", slotValue, true, "2012"},
		{`{"Version": "2012-10-17"|`, "", slotNone, false, ""},
		{`{"Version": "2012-10-17", |`, "", slotKey, false, ""},
		{`{"Statement": [{"Effect": "Allow", "Action": [|`, "Statement/[]/Action/[]", slotValue, false, ""},
		{`{"Statement": [{"Effect": "Allow", "Action": ["ses:SendEmail", "ses:S|`, "Statement/[]/Action/[]", slotValue, true, "ses:S"},
		{`{"Statement": [{"Effect": "Allow"}, {"Eff|`, "Statement/[]", slotKey, true, "Eff"},
		{`{"Statement": [{"Condition": {"StringEquals": {"a": "b", "c": ["d", "e"]}, "Bo|`, "Statement/[]/Condition", slotKey, true, "Bo"},
		{`{"Statement": [{"Condition": {"StringEquals": {"ses:From|`, "Statement/[]/Condition/StringEquals", slotKey, true, "ses:From"},
		{`{"Statement": [{"Sid": "a\"b{[", "Effect": tr|`, "Statement/[]/Effect", slotValue, false, "tr"},
		{`{"Statement": [{"Sid": "📧", "Principal": {"AWS": "1", |`, "Statement/[]/Principal", slotKey, false, ""},
		// An unclosed string ends at its line: the next lines still scan.
		{"{\"Sid\": \"oops\n, \"Effect\": \"|", "Effect", slotValue, true, ""},
		// Stray closers and garbage do not break the scan.
		{`]]}}{"a": 1}, {"Statement": {"Action": |`, "Statement/Action", slotValue, false, ""},
		{`{"a" "b": |`, "b", slotValue, false, ""},
	}
	for _, tt := range tests {
		cursor := strings.Index(tt.text, "|")
		text := strings.Replace(tt.text, "|", "", 1)
		got := scanContext([]byte(text), cursor)
		if p := strings.Join(got.Path, "/"); p != tt.path || got.Kind != tt.kind || got.Quoted != tt.quoted || got.Prefix != tt.prefix {
			t.Errorf("%s: got path %q kind %d quoted %v prefix %q; want %q %d %v %q", tt.text, p, got.Kind, got.Quoted, got.Prefix, tt.path, tt.kind, tt.quoted, tt.prefix)
		}
		if got.Start > cursor {
			t.Errorf("%s: start %d after the cursor %d", tt.text, got.Start, cursor)
		}
		if got.Quoted && text[got.Start] != '"' {
			t.Errorf("%s: a quoted start is not at a quote", tt.text)
		}
	}
	if k := (cursorContext{Path: []string{"Statement", "[]", "Action", "[]"}}); k.Key() != "Action" || !slices.Equal(k.Keys(), []string{"Statement", "Action"}) {
		t.Errorf("Key %q, Keys %v", k.Key(), k.Keys())
	}
}

// FuzzScanContext checks that the scan never panics and that what it
// returns can be used to build an edit: a start at or before the cursor,
// at a quote when quoted, with the prefix the text between them.
func FuzzScanContext(f *testing.F) {
	f.Add([]byte(`{"Statement": [{"Action": ["ses:S`), 30)
	f.Add([]byte("{\"a\\\"\": [\"\\u00e9📧"), 12)
	f.Add([]byte(`]]]}}}:,:,"`), 5)
	f.Fuzz(func(t *testing.T, text []byte, cursor int) {
		got := scanContext(text, cursor)
		c := max(0, min(cursor, len(text)))
		if got.Start < 0 || got.Start > c {
			t.Fatalf("start %d outside [0, %d]", got.Start, c)
		}
		if got.Quoted && text[got.Start] != '"' {
			t.Fatalf("quoted start %d is not at a quote", got.Start)
		}
		if !got.Quoted && got.Prefix != string(text[got.Start:c]) {
			t.Fatalf("prefix %q, text %q", got.Prefix, text[got.Start:c])
		}
	})
}
