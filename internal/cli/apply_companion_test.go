//go:build unix

package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/cli"
)

// TestApplyRunsCompanionAsChild: without a connection of its own and with
// streams that are not the process's, apply runs seslint-apply, found on
// PATH, as a child: apply's arguments, the command's streams and its exit
// code pass through. The stand-in prints its arguments and a line of standard input.
func TestApplyRunsCompanionAsChild(t *testing.T) {
	dir := t.TempDir()
	script := "#!/bin/sh\nprintf '%s\\n' \"$@\"\nread -r line\necho \"$line\"\necho from-stderr >&2\nexit 7\n"
	if err := os.WriteFile(filepath.Join(dir, "seslint-apply"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	var stdout, stderr bytes.Buffer
	env := cli.Env{Stdin: strings.NewReader("yes\n"), Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
	code := cli.Run([]string{"apply", "--dry-run", "policies/a b"}, env)
	if code != 7 || stdout.String() != "--dry-run\npolicies/a b\nyes\n" || stderr.String() != "from-stderr\n" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 7, the arguments and standard input, from-stderr", code, stdout.String(), stderr.String())
	}
}
