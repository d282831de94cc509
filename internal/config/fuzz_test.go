package config

import (
	"errors"
	"testing"
)

// FuzzParse feeds any bytes to the config loader: it never panics, and a
// config it rejects is rejected with errors that each carry the file and a
// line (and column) to show the user, as exit code 2 promises.
//
// The seeds are in testdata/fuzz/FuzzParse: the configs of the test data,
// the README's example, and one of each error.
func FuzzParse(f *testing.F) {
	f.Add([]byte("rules:\n  SES001: error\n  SES005: {threshold: 0.8}\nignore:\n  - {rule: SES001, file: a.json, sid: A, reason: r}\n"))
	f.Add([]byte("include: [\"**/*.json\"]\nexclude: [vendor/**]\nfail-level: note\nidentities:\n  - {files: \"x/*.json\", identity: example.com, policy-name: P}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(".seslint.yaml", "/repo", data)
		if err == nil {
			if c == nil {
				t.Fatal("no config and no error")
			}
			return
		}
		for _, e := range leaves(err) {
			var ce *Error
			if !errors.As(e, &ce) {
				t.Fatalf("error %q (%T) is not a config.Error", e, e)
			}
			if ce.Path != ".seslint.yaml" || ce.Line < 1 || ce.Column < 1 {
				t.Fatalf("error %q has no position (line %d, column %d)", e, ce.Line, ce.Column)
			}
		}
	})
}

// leaves unpacks errors.Join.
func leaves(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, leaves(e)...)
		}
		return out
	}
	return []error{err}
}
