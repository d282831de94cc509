package cli

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/seslint/seslint/lsp/server"
)

// lspUsage is the help of `seslint lsp`.
const lspUsage = `
Language server flags (seslint lsp; editor setups in docs/editors.md):
  --debounce DURATION      pause after a change before linting (default 50ms; 0 lints at once)
  --log-file FILE          append the log to FILE instead of standard error
  --verbose                log every message handled
  --stdio                  accepted and ignored: standard input and output are the only transport
`

// runLSP serves the Language Server Protocol on standard input and output
// until the client sends exit. The exit code is the specification's: 0
// after shutdown, 1 otherwise. Logs go to standard error or --log-file.
func runLSP(args []string, env Env) (int, error) {
	fs := flag.NewFlagSet("lsp", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var (
		debounce = fs.Duration("debounce", server.DefaultDebounce, "")
		logFile  = fs.String("log-file", "", "")
		verbose  = fs.Bool("verbose", false, "")
	)
	fs.Bool("stdio", false, "") // vscode-languageclient and others pass it
	if err := fs.Parse(args); err != nil {
		return ExitUsage, usagef("lsp: %v", err)
	}
	if fs.NArg() > 0 {
		return ExitUsage, usagef("lsp takes no arguments, only flags; got %q", fs.Arg(0))
	}
	if *debounce < 0 {
		return ExitUsage, usagef("--debounce must be 0 or more, not %s", *debounce)
	}
	logOut := env.Stderr
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
		if err != nil {
			return ExitFailure, fmt.Errorf("cannot open --log-file: %w", err)
		}
		defer f.Close()
		logOut = f
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(logOut, &slog.HandlerOptions{Level: level}))

	// Standard output carries the protocol and nothing else. Should
	// anything in the process print to os.Stdout by mistake, it goes to
	// standard error instead of corrupting a frame.
	out := env.Stdout
	if f, ok := out.(*os.File); ok && f == os.Stdout {
		os.Stdout = os.Stderr
		defer func() { os.Stdout = f }()
	}
	srv := server.New(server.Options{Debounce: *debounce, Log: logger, Version: version()})
	logger.Info("seslint language server started", "version", version(), "debounce", debounce.String())
	return srv.Serve(env.Stdin, out), nil
}
