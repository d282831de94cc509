//go:build unix

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestApplyReplacesProcess: on Unix, seslint becomes seslint-apply (exec),
// so the companion has seslint's process ID, and with it its terminal and
// signals. The stand-in prints its process ID and arguments.
func TestApplyReplacesProcess(t *testing.T) {
	bin := seslintAlone(t)
	standIn := "#!/bin/sh\necho $$ \"$@\"\nexit 5\n"
	if err := os.WriteFile(filepath.Join(bin, "seslint-apply"), []byte(standIn), 0o755); err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	cmd := command(t, bin, filepath.Join(bin, "seslint"), "apply", "--dry-run", "policies")
	cmd.Stdout = &stdout
	if err := cmd.Run(); cmd.ProcessState.ExitCode() != 5 {
		t.Fatalf("exit %d (%v); want the stand-in's 5", cmd.ProcessState.ExitCode(), err)
	}
	if want := fmt.Sprintf("%d --dry-run policies\n", cmd.Process.Pid); stdout.String() != want {
		t.Errorf("stdout %q; want %q: seslint-apply in seslint's process", stdout.String(), want)
	}
}
