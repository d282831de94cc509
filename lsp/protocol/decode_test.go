package protocol

import (
	"encoding/json"
	"reflect"
	"testing"
)

var didChangeSeeds = []string{
	`{"textDocument":{"uri":"file:///p.json","version":8},"contentChanges":[{"range":{"start":{"line":5,"character":17},"end":{"line":5,"character":18}},"text":"A"}]}`,
	` { "contentChanges" : [ { "text" : "{\n  \"Version\": \"2012-10-17\"\n}\u2028📧" } ] , "textDocument" : { "version" : -2147483648 , "uri" : "untitled:Untitled-1" } } `,
	`{"textDocument":{"uri":"file:///a%20b/p.json","version":2147483647},"contentChanges":[{"range":{"start":{"line":0,"character":0},"end":{"line":4294967295,"character":0}},"rangeLength":12,"text":""},{"text":"x"}]}`,
	`{"textDocument":{"uri":"u","version":1},"contentChanges":[]}`,
	`{}`, `{"contentChanges":null}`, `{"TextDocument":{"URI":"u"}}`, `{"textDocument":{"uri":"a","uri":"b"}}`,
	`{"textDocument":{"version":2147483648}}`, `{"textDocument":{"version":-0}}`, `{"textDocument":{"version":1.0}}`,
	`{"textDocument":{"version":1e2}}`, `{"textDocument":{"version":01}}`, `{"contentChanges":[{"range":{"start":{"line":-1}}}]}`,
	`{"contentChanges":[{"range":{"start":{"line":4294967296}}}]}`, `{"contentChanges":[{"text":"\ud800"}]}`,
	"{\"contentChanges\":[{\"text\":\"\xff\"}]}", "{\"contentChanges\":[{\"text\":\"\x01\"}]}", `{"contentChanges":[{"text":"a\"b\\"}]}`,
	`{"contentChanges":[{"text":"a"},]}`, `{"contentChanges":[{"text":"a"}]} x`, `{"contentChanges":[{"text":1}]}`,
	`{"contentChanges":[{"range":{"start":{"line":1},"start":{"character":2}}}]}`, `{"other":1}`, `[]`, `null`, `{"textDocument":{}}`,
}

func TestDecodeDidChange(t *testing.T) {
	for _, s := range didChangeSeeds {
		sameDidChange(t, []byte(s))
	}
	// The fast path takes what editors send.
	var p DidChangeTextDocumentParams
	if !decodeDidChange([]byte(didChangeSeeds[0]), &p) || !decodeDidChange([]byte(didChangeSeeds[1]), &p) {
		t.Error("the fast path refused an editor's didChange")
	}
}

func FuzzDecodeDidChange(f *testing.F) {
	for _, s := range didChangeSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameDidChange(t, data)
	})
}

// sameDidChange checks that decoding data gives what encoding/json gives.
func sameDidChange(t *testing.T, data []byte) {
	t.Helper()
	type plain DidChangeTextDocumentParams
	var want plain
	werr := json.Unmarshal(data, &want)

	var fast DidChangeTextDocumentParams
	if decodeDidChange(data, &fast) {
		if werr != nil || !reflect.DeepEqual(plain(fast), want) {
			t.Fatalf("%q: fast path %+v; encoding/json %+v, %v", data, fast, want, werr)
		}
	}
	var direct DidChangeTextDocumentParams
	err := direct.UnmarshalJSON(data)
	if (err != nil) != (werr != nil) || err == nil && !reflect.DeepEqual(plain(direct), want) {
		t.Fatalf("%q: UnmarshalJSON %+v, %v; encoding/json %+v, %v", data, direct, err, want, werr)
	}
	var via DidChangeTextDocumentParams
	err = json.Unmarshal(data, &via)
	if (err != nil) != (werr != nil) || err == nil && !reflect.DeepEqual(plain(via), want) {
		t.Fatalf("%q: json.Unmarshal %+v, %v; without the method %+v, %v", data, via, err, want, werr)
	}
	// Into a value that is not zero, encoding/json merges: so must we.
	r := Range{End: Position{Line: 9}}
	merged := DidChangeTextDocumentParams{TextDocument: VersionedTextDocumentIdentifier{Version: 3}, ContentChanges: []TextDocumentContentChangeEvent{{Range: &r, Text: "old"}}}
	r2 := r
	wantMerged := plain{TextDocument: VersionedTextDocumentIdentifier{Version: 3}, ContentChanges: []TextDocumentContentChangeEvent{{Range: &r2, Text: "old"}}}
	werr = json.Unmarshal(data, &wantMerged)
	err = json.Unmarshal(data, &merged)
	if (err != nil) != (werr != nil) || err == nil && !reflect.DeepEqual(plain(merged), wantMerged) {
		t.Fatalf("%q: merged %+v, %v; encoding/json %+v, %v", data, merged, err, wantMerged, werr)
	}
}
