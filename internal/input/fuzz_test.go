package input

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/seslint/seslint/internal/source"
)

// FuzzRequest decodes a PutIdentityPolicy request whose Policy string holds
// the fuzzed text (escaped in one of three ways), or, with raw, reads the
// fuzzed bytes as the whole request file. Whenever the file is a request
// with a Policy string, every position in the embedded policy (nodes, keys,
// problems) maps inside that string in the outer file, in order, and the
// outer bytes a node maps to decode back to the node's own text.
//
// The seeds are in testdata/fuzz/FuzzRequest: the examples and test data.
func FuzzRequest(f *testing.F) {
	f.Add([]byte(`{"Version":"2012-10-17","Statement":[{"Sid":"📧","Effect":"Allow"}]}`), uint8(0), false)
	f.Add([]byte(`{"a":"\u00e9 \\ \" / <>&"}`), uint8(1), false)
	f.Add([]byte(`{"Identity":"example.com","Policy":"{\"a\":\"\\u00e9\\ud83d\\udce7\"}"}`), uint8(0), true)
	f.Fuzz(func(t *testing.T, data []byte, style uint8, raw bool) {
		outer := data
		if !raw {
			outer = request(data, style)
		}
		u := Load(source.Parse("r.json", outer), Hints{})
		if u.Shape != Request || u.PolicyField == nil || u.PolicyField.Kind != source.String {
			return
		}
		str := u.PolicyField.Span // the string token, quotes included
		inner := u.Policy
		if !inner.Embedded() {
			t.Fatal("a Policy string gives a document that is not embedded")
		}
		check := func(what func() string, s source.Span) {
			fs := inner.FileSpan(s)
			// Inside the quotes; the end may be the closing quote itself.
			if fs.Start <= str.Start || fs.End > str.End-1 || fs.Start > fs.End {
				t.Fatalf("%s %v maps to %v, outside the Policy string %v", what(), s, fs, str)
			}
		}
		// Every decoded byte, and the end, maps in order.
		prev := -1
		for o := 0; o <= len(inner.Text); o++ {
			fo := inner.FileSpan(source.Span{Start: o, End: o}).Start
			if fo < prev {
				t.Fatalf("offset %d maps to %d, before offset %d's %d", o, fo, o-1, prev)
			}
			prev = fo
		}
		for _, p := range inner.Problems {
			check(func() string { return "problem " + p.Message }, p.Span)
		}
		inner.Root.Walk(func(n *source.Node) {
			// A pointer costs its depth: only for messages.
			check(func() string { return "node " + n.Pointer() }, n.Span)
			check(func() string { return "key of " + n.Pointer() }, n.KeySpan())
			fs := inner.FileSpan(n.Span)
			got, err := jsontext.AppendUnquote(nil, append(append([]byte{'"'}, outer[fs.Start:fs.End]...), '"'))
			if err != nil {
				t.Fatalf("node %s maps to %q, which is not the inside of a JSON string: %v", n.Pointer(), outer[fs.Start:fs.End], err)
			}
			if want := inner.Text[n.Span.Start:n.Span.End]; !bytes.Equal(got, want) {
				t.Fatalf("node %s: the file's bytes %q decode to %q, not %q", n.Pointer(), outer[fs.Start:fs.End], got, want)
			}
		})
	})
}

// request wraps policy in a request file, escaping it as encoding/json
// does (style 0), with every non-ASCII character and slash escaped too
// (1), or with the two-character escapes spelt as \u escapes (2).
func request(policy []byte, style uint8) []byte {
	var body []byte
	switch style % 3 {
	case 0:
		body, _ = json.Marshal(string(policy))
	case 1:
		body = append(body, '"')
		for _, r := range string(bytes.ToValidUTF8(policy, []byte("\uFFFD"))) {
			switch {
			case r == '"' || r == '\\' || r == '/':
				body = append(body, '\\', byte(r))
			case r < 0x20 || r > 0x7e:
				if r > 0xFFFF {
					r -= 0x10000
					body = fmt.Appendf(body, `\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
				} else {
					body = fmt.Appendf(body, `\u%04x`, r)
				}
			default:
				body = append(body, byte(r))
			}
		}
		body = append(body, '"')
	case 2:
		body, _ = json.Marshal(string(policy))
		for _, esc := range [][2]string{{`\n`, `\u000a`}, {`\t`, `\u0009`}, {`\"`, `\u0022`}, {`\r`, `\u000D`}} {
			body = bytes.ReplaceAll(body, []byte(esc[0]), []byte(esc[1]))
		}
	}
	out := []byte("{\n  \"Identity\": \"example.com\",\n  \"PolicyName\": \"Send\",\n  \"Policy\": ")
	out = append(out, body...)
	return append(out, "\n}\n"...)
}
