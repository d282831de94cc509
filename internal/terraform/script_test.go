package terraform_test

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/seslint/seslint/internal/cli"
)

// TestMain lets the scripts run the real seslint command in-process.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"seslint": func() {
			os.Exit(cli.Run(os.Args[1:], cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}))
		},
	})
}

// TestScripts runs the end-to-end cases of testdata/script: Terraform
// modules and plans through the command line, every output format, and
// the exit codes, which are the same as for any input.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "")
			return nil
		},
	})
}
