package protocol

import (
	"encoding/json"
	"testing"
)

// BenchmarkDecodeDidChange decodes the params of one keystroke as the
// server does: by their UnmarshalJSON when they have one (the params are
// already known to be valid JSON), else by json.Unmarshal.
func BenchmarkDecodeDidChange(b *testing.B) {
	data := []byte(`{"textDocument":{"uri":"file:///home/dev/policies/example.com/Bench.json","version":8},"contentChanges":[{"range":{"start":{"line":5,"character":17},"end":{"line":5,"character":18}},"rangeLength":1,"text":"A"}]}`)
	b.ReportAllocs()
	for b.Loop() {
		var p DidChangeTextDocumentParams
		var err error
		if u, ok := any(&p).(json.Unmarshaler); ok {
			err = u.UnmarshalJSON(data)
		} else {
			err = json.Unmarshal(data, &p)
		}
		if err != nil || p.TextDocument.Version != 8 {
			b.Fatal(p, err)
		}
	}
}
