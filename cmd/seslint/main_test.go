package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/seslint/seslint/internal/cli"
)

// TestMain lets the scripts run the real seslint command in-process, and
// removes the programs the apply tests build.
func TestMain(m *testing.M) {
	testscript.Main(removingBuilt{m}, map[string]func(){
		"seslint": func() {
			os.Exit(cli.Run(os.Args[1:], cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}))
		},
	})
}

// TestScripts runs the end-to-end command-line cases in testdata/script:
// stdin, many files, bad flags, unreadable files and exit codes.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "../../testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "")
			return nil
		},
	})
}

// removingBuilt runs the tests, then removes what buildCommands built:
// testscript.Main exits once they have run.
type removingBuilt struct{ m *testing.M }

func (r removingBuilt) Run() int {
	defer removeBuilt()
	return r.m.Run()
}
