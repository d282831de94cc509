package main

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
