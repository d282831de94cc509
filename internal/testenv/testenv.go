// Package testenv decides what an integration test does when the real tool
// it drives is missing: skip with a message under plain `go test`, fail
// under scripts/test.sh, which installs every tool first.
package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// Required reports whether missing integration tools are failures.
func Required() bool { return os.Getenv("SESLINT_REQUIRE_INTEGRATION") != "" }

// Missing skips or fails the test, naming what to install.
func Missing(t testing.TB, what, install string) {
	t.Helper()
	msg := what + " is not available; install it with: " + install + " (scripts/test.sh does this)"
	if Required() {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// LookPath returns the path of a command or skips/fails naming the install.
func LookPath(t testing.TB, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name, install)
	}
	return p
}
