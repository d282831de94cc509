package lint

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("0123456789abcdef"), 10_000) // over the 64 KB first buffer
	for name, want := range map[string][]byte{"empty": {}, "small": []byte(`{"Version":"2012-10-17"}`), "big": big} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		var scratch []byte
		for range 2 { // the second read reuses the scratch buffer
			got, err := readFile(path, &scratch)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%s: read %d bytes, want %d", name, len(got), len(want))
			}
		}
	}

	// The text must not change when the buffer is reused for another file.
	var scratch []byte
	first, _ := readFile(filepath.Join(dir, "small"), &scratch)
	readFile(filepath.Join(dir, "big"), &scratch)
	if string(first) != `{"Version":"2012-10-17"}` {
		t.Fatalf("first text changed to %q after a second read", first)
	}

	for path, want := range map[string]string{
		filepath.Join(dir, "missing"): "no such file or directory",
		dir:                           "is a directory",
	} {
		_, err := readFile(path, &scratch)
		if err == nil {
			t.Fatalf("%s: no error", path)
		}
		if got := describeIOError(path, err); got != want {
			t.Errorf("%s: error %q, want %q", path, got, want)
		}
	}
}
