package jsonenc

import (
	"bytes"
	"encoding/json"
	"testing"
)

var samples = []string{
	"", "plain", `"quoted" \back\slash`, "<script>&amp;</script>",
	"\x00\x01\b\f\n\r\t\x1f\x7f", "é日本📧", "\u2028 \u2029 \u2027",
	"\xff\xfe bad \xe2\x80", "\xed\xa0\x80 surrogate", "\xe2\x80\xa8\xe2\x80\xa9",
}

func TestString(t *testing.T) {
	for _, s := range samples {
		want, _ := json.Marshal(s)
		if got := String([]byte("x"), s); string(got) != "x"+string(want) {
			t.Errorf("String(%q) = %s, want %s", s, got[1:], want)
		}
	}
}

func FuzzString(f *testing.F) {
	for _, s := range samples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := String(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("String(%q) = %s, want %s", s, got, want)
		}
	})
}

func TestRaw(t *testing.T) {
	for _, raw := range []string{
		`{}`, ` [ 1 , "a b" , {"<":">&"} ] `, "\t\"\u2028\\\"\u2029\"\n", `"\\"`, `"\"<"`,
		`{"a":`, ``, `nul`, `"` + "\xff" + `"`, `1 2`,
	} {
		want, werr := json.Marshal(json.RawMessage(raw))
		got, err := Raw([]byte("x"), []byte(raw))
		if (err != nil) != (werr != nil) {
			t.Errorf("Raw(%q): error %v, json.Marshal's %v", raw, err, werr)
			continue
		}
		if err != nil {
			if string(got) != "x" {
				t.Errorf("Raw(%q) appended %q on error", raw, got)
			}
			continue
		}
		if string(got) != "x"+string(want) {
			t.Errorf("Raw(%q) = %s, want %s", raw, got[1:], want)
		}
	}
}

func FuzzRaw(f *testing.F) {
	f.Add([]byte(` [ 1 , "a b" , {"<":">&"} ] `))
	f.Add([]byte("\"\u2028\\\"\u2029\""))
	f.Fuzz(func(t *testing.T, raw []byte) {
		want, werr := json.Marshal(json.RawMessage(raw))
		got, err := Raw(nil, raw)
		if (err != nil) != (werr != nil) || !bytes.Equal(got, want) && err == nil {
			t.Fatalf("Raw(%q) = %s, %v; json.Marshal: %s, %v", raw, got, err, want, werr)
		}
	})
}
