// Package cli is the command line: subcommands, flags, exit codes, and the
// decisions about colour and terminals. It calls the same lint driver as the
// language server and leaves rendering to the report package.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/seslint/seslint/internal/config"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/lint"
	"github.com/seslint/seslint/internal/report"
	"github.com/seslint/seslint/rules"
)

// Exit codes, the same for every format and subcommand.
const (
	ExitClean    = 0 // no finding at or above the fail level
	ExitFindings = 1 // findings at or above the fail level
	ExitUsage    = 2 // bad flags, unknown format or rule, bad config
	ExitFailure  = 3 // I/O, AWS or internal failure
)

// Version is set at build time with -ldflags "-X ...cli.Version=v1.2.3".
var Version = "dev"

// Env is what the command sees of its process.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// StdoutIsTerminal decides --color auto.
	StdoutIsTerminal bool
	Dir              string
	// StdinIsTerminal lets apply ask for confirmation.
	StdinIsTerminal bool
	// AWS is how apply reaches SES; nil runs seslint-apply (see apply.go).
	AWS *AWS
}

// usageError is reported with exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// Run executes the command line and returns the exit code.
func Run(args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	cmd := "lint"
	if len(args) > 0 {
		switch args[0] {
		case "lint", "apply", "lsp", "rules", "explain", "version", "schema", "help":
			cmd, args = args[0], args[1:]
		case "-h", "--help", "-help":
			cmd, args = "help", nil
		}
	}
	var err error
	code := ExitClean
	switch cmd {
	case "lint":
		code, err = runLint(args, env)
	case "apply":
		code, err = runApply(args, env)
	case "lsp":
		code, err = runLSP(args, env)
	case "rules":
		err = runRules(args, env)
	case "explain":
		err = runExplain(args, env)
	case "version":
		fmt.Fprintf(env.Stdout, "seslint %s\n", version())
	case "schema":
		err = runSchema(args, env)
	case "help":
		fmt.Fprint(env.Stdout, usageText+applyUsage+lspUsage)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "seslint: %v\n", err)
		var ue *usageError
		var ce *config.Error
		if errors.As(err, &ue) || errors.As(err, &ce) || errors.As(err, new(*rules.UnknownRuleError)) {
			if errors.As(err, &ue) {
				fmt.Fprintln(env.Stderr, "run 'seslint help' for usage")
			}
			return ExitUsage
		}
		return ExitFailure
	}
	return code
}

const usageText = `seslint: a static analyser for Amazon SES sending-authorization policies

Usage:
  seslint [lint] [flags] PATH...   lint policy files and folders ("-" reads standard input)
  seslint apply [flags] PATH...    plan and apply the policies to SES (docs/apply.md)
  seslint lsp [flags]              run the language server on standard input and output
  seslint rules                    list every rule
  seslint explain RULE             print a rule's page (ID or name)
  seslint schema [policy|output]   print an embedded JSON Schema
  seslint version                  print the version

Lint flags:
  --format text|json|sarif|github  output format (default text)
  --sarif-category ID      runAutomationDetails.id of --format sarif, to upload several runs side by side
  --output FILE            write results to FILE instead of standard output
  --config FILE            config file (default: .seslint.yaml found upward)
  --enable RULE            enable a rule (ID or name; repeatable)
  --disable RULE           disable a rule (ID or name; repeatable)
  --fail-level LEVEL       error, warning or note: the lowest severity that fails (default warning)
  --identity ID            identity of plain policy documents (domain, address or ARN)
  --policy-name NAME       policy name of plain policy documents
  --stdin-filename NAME    file name to report for "-"
  --color auto|always|never  colour text output (default auto; NO_COLOR is honoured)
  -j N                     files linted in parallel (default: number of CPUs)

Exit codes: 0 clean, 1 findings at or above the fail level, 2 usage or config error, 3 I/O or internal failure.
`

type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(s string) error { *m = append(*m, s); return nil }

// parseInterspersed lets flags follow paths, as people type them.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func runLint(args []string, env Env) (int, error) {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var (
		format     = fs.String("format", "text", "")
		category   = fs.String("sarif-category", "", "")
		output     = fs.String("output", "", "")
		configPath = fs.String("config", "", "")
		failLevel  = fs.String("fail-level", "", "")
		identity   = fs.String("identity", "", "")
		policyName = fs.String("policy-name", "", "")
		stdinName  = fs.String("stdin-filename", "", "")
		colorMode  = fs.String("color", "auto", "")
		jobs       = fs.Int("j", 0, "")
		enable     multi
		disable    multi
	)
	fs.Var(&enable, "enable", "")
	fs.Var(&disable, "disable", "")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return ExitUsage, usagef("%v", err)
	}
	if len(paths) == 0 {
		return ExitUsage, usagef("no paths to lint: name files or folders, or - for standard input")
	}
	render, err := formatter(*format, *category)
	if err != nil {
		return ExitUsage, err
	}
	useColor, err := colorChoice(*colorMode, env)
	if err != nil {
		return ExitUsage, err
	}
	if *jobs < 0 {
		return ExitUsage, usagef("-j must be 1 or more, not %d", *jobs)
	}
	cfg, engine, fail, err := setup(*configPath, *failLevel, enable, disable, env)
	if err != nil {
		return ExitUsage, err
	}
	res := lint.Run(paths, lint.Options{
		Config: cfg, Engine: engine, Identity: *identity, PolicyName: *policyName, Jobs: *jobs,
		Stdin: func() ([]byte, error) { return io.ReadAll(env.Stdin) }, StdinName: *stdinName,
	})

	out := env.Stdout
	if *output != "" {
		f, err := os.Create(*output)
		if err != nil {
			return ExitFailure, fmt.Errorf("cannot write --output: %w", err)
		}
		defer f.Close()
		out, useColor = f, false
	}
	if err := render(out, res, useColor); err != nil {
		return ExitFailure, fmt.Errorf("writing results: %w", err)
	}
	for _, e := range res.Errors {
		fmt.Fprintf(env.Stderr, "seslint: %s: %s\n", e.Path, e.Message)
	}
	if *format == "text" {
		fmt.Fprintln(env.Stderr, report.Summary(res))
	}
	switch {
	case len(res.Errors) > 0:
		return ExitFailure, nil
	case failing(res.Findings, fail):
		return ExitFindings, nil
	}
	return ExitClean, nil
}

func failing(fs []finding.Finding, level finding.Severity) bool {
	for i := range fs {
		if fs[i].Suppressed == nil && fs[i].Severity >= level {
			return true
		}
	}
	return false
}

type renderFunc func(w io.Writer, res *lint.Result, color bool) error

// formatter picks the output format; an unknown one is a usage error.
func formatter(name, sarifCategory string) (renderFunc, error) {
	if sarifCategory != "" && name != "sarif" {
		return nil, usagef("--sarif-category needs --format sarif")
	}
	help := func(id string) string {
		if r, ok := rules.Lookup(id); ok {
			return r.HelpURI()
		}
		return ""
	}
	switch name {
	case "text":
		return func(w io.Writer, res *lint.Result, color bool) error {
			return report.Text(w, res, report.TextOptions{Color: color})
		}, nil
	case "json":
		return func(w io.Writer, res *lint.Result, _ bool) error { return report.JSON(w, res, help) }, nil
	case "sarif":
		opts := report.SARIFOptions{Version: version(), Category: sarifCategory, Rules: report.RuleDocs(rules.All())}
		return func(w io.Writer, res *lint.Result, _ bool) error { return report.SARIF(w, res, opts) }, nil
	case "github":
		return func(w io.Writer, res *lint.Result, _ bool) error { return report.GitHub(w, res) }, nil
	}
	return nil, usagef("unknown --format %q: want text or json, or sarif or github for GitHub", name)
}

func colorChoice(mode string, env Env) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		return env.StdoutIsTerminal && env.Getenv("NO_COLOR") == "" && env.Getenv("TERM") != "dumb", nil
	}
	return false, usagef("unknown --color %q: want auto, always or never", mode)
}

// setup loads the config and builds the engine and fail level from it and
// the flags, as lint and apply both need; every error is a usage error.
func setup(configPath, failLevel string, enable, disable []string, env Env) (*config.Config, *rules.Engine, finding.Severity, error) {
	cfg, err := loadConfig(configPath, env)
	if err != nil {
		return nil, nil, 0, err
	}
	settings, err := lint.EngineSettings(cfg, enable, disable)
	if err != nil {
		return nil, nil, 0, err
	}
	engine, err := rules.New(settings)
	if err != nil {
		return nil, nil, 0, err
	}
	fail := cfg.FailLevel
	if failLevel != "" {
		if fail, err = finding.ParseSeverity(failLevel); err != nil {
			return nil, nil, 0, usagef("--fail-level: %v", err)
		}
	}
	return cfg, engine, fail, nil
}

func loadConfig(path string, env Env) (*config.Config, error) {
	dir := env.Dir
	if dir == "" {
		dir, _ = os.Getwd()
	}
	if path == "" {
		path = config.Find(dir)
		if path == "" {
			return config.Default(dir), nil
		}
		// Shown relative to where the command runs, and opened from there.
		if cwd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(cwd, path); err == nil {
				path = rel
			}
		}
	}
	return config.Load(path)
}

func runRules(args []string, env Env) error {
	if len(args) > 0 {
		return usagef("rules takes no arguments")
	}
	for _, r := range rules.All() {
		tag := ""
		if r.Security {
			tag = " (security)"
		}
		fmt.Fprintf(env.Stdout, "%s  %-34s %-7s  %s%s\n", r.ID, r.Name, r.Severity, r.Summary, tag)
	}
	return nil
}

func runExplain(args []string, env Env) error {
	if len(args) != 1 {
		return usagef("explain takes one rule ID or name, such as: seslint explain SES101")
	}
	r, ok := rules.Lookup(args[0])
	if !ok {
		return &rules.UnknownRuleError{Name: args[0]}
	}
	fmt.Fprint(env.Stdout, rules.Page(r.ID))
	return nil
}
