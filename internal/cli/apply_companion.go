package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
)

// The seslint program does not link the AWS SDK, which would double its
// size and slow every start-up of lint and of the language server. apply,
// the only command that calls AWS, lives in the companion program
// seslint-apply, which runs this package with the SDK's connection; the
// seslint program hands `seslint apply` to it, as git and kubectl hand
// their subcommands to git-* and kubectl-* programs.
const companionName = "seslint-apply"

// runCompanion runs seslint-apply with apply's arguments and returns its
// exit code.
func runCompanion(args []string, env Env) (int, error) {
	path, where := findCompanion()
	if path == "" {
		// Exit 2, as for a missing region: the environment is not set up,
		// nothing was read or called, and the same command works once it is.
		fmt.Fprintf(env.Stderr, "seslint: apply needs the program %s, which holds the AWS SDK, and it is %s\n", companionName, where)
		fmt.Fprintf(env.Stderr, "install it with: go install github.com/seslint/seslint/cmd/%s@%s\n", companionName, installVersion())
		return ExitUsage, nil
	}
	if ownStreams(env) {
		// Where it can, seslint becomes seslint-apply, so the terminal of the
		// confirmation prompt, the signals and the exit code are its own.
		if err := replaceProcess(path, args); !errors.Is(err, errors.ErrUnsupported) {
			return ExitFailure, fmt.Errorf("running %s: %w", path, err)
		}
	}
	return runChild(path, args, env)
}

// findCompanion looks next to the running seslint first, so that a
// seslint and a seslint-apply installed together stay together, then on
// PATH. Without a hit it returns where it looked.
func findCompanion() (path, where string) {
	where = "not on PATH"
	if exe, err := os.Executable(); err == nil {
		if exe, err = filepath.EvalSymlinks(exe); err == nil {
			dir := filepath.Dir(exe)
			// A path with a separator is checked as it is (with .exe on
			// Windows), not searched for.
			if p, err := exec.LookPath(filepath.Join(dir, companionName)); err == nil {
				return p, ""
			}
			where = "neither in " + dir + " (next to seslint) nor on PATH"
		}
	}
	if p, err := exec.LookPath(companionName); err == nil {
		return p, ""
	}
	return "", where
}

// installVersion is the version of seslint-apply that matches this
// seslint: its own when it was installed from a release, else latest.
func installVersion() string {
	v := version()
	if v == "dev" || strings.Contains(v, "+") { // "+dirty": a local build
		return "latest"
	}
	return v
}

// ownStreams reports whether the command's streams are the process's, as
// in the seslint program; a caller with other streams (a test) needs them
// kept, which replacing the process would not do.
func ownStreams(env Env) bool {
	return env.Stdin == os.Stdin && env.Stdout == os.Stdout && env.Stderr == os.Stderr
}

// runChild runs seslint-apply as a child on the command's streams.
func runChild(path string, args []string, env Env) (int, error) {
	cmd := exec.Command(path, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = env.Stdin, env.Stdout, env.Stderr
	// An interrupt from the terminal reaches the child as well; seslint
	// outlives it to pass on its exit code.
	interrupts := make(chan os.Signal, 1)
	signal.Notify(interrupts, os.Interrupt)
	defer signal.Stop(interrupts)
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() >= 0 {
		return exit.ExitCode(), nil
	}
	if err != nil {
		return ExitFailure, fmt.Errorf("running %s: %w", path, err)
	}
	return ExitClean, nil
}
