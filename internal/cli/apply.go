package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"

	"github.com/seslint/seslint/internal/apply"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/lint"
	"github.com/seslint/seslint/internal/report"
	"github.com/seslint/seslint/rules"
)

// AWS is how apply reaches SES. The seslint-apply program passes the AWS
// SDK's connection (awsses.ConnectSES) and tests pass a client of an
// in-process fake and a manual clock. Without a Connect, as in the seslint
// program, which does not link the SDK, apply runs seslint-apply instead
// (apply_companion.go).
type AWS struct {
	// Connect builds the SES client. Its options come from --api, --region
	// and --profile; with no region anywhere it returns apply.ErrNoRegion.
	Connect func(ctx context.Context, o apply.ConnectOptions) (apply.SES, error)
	// Clock paces the calls and times the backoff of throttled ones; nil
	// is the wall clock.
	Clock apply.Clock
}

// connected reports whether this process can reach SES itself.
func (e Env) connected() bool { return e.AWS != nil && e.AWS.Connect != nil }

const applyUsage = `
Apply flags (seslint apply [flags] PATH...):
  --dry-run                plan only: read-only calls, never a write
  --offline                plan without any AWS call (implies --dry-run; every policy shows as a create)
  --yes                    apply without asking; required when standard input is not a terminal
  --prune                  also delete policies on the identities that no file defines
  --api v1|v2              SES API to call (default v1)
  --region REGION          AWS region (default: AWS_REGION, then the profile)
  --profile PROFILE        shared-config profile (default: AWS_PROFILE, then "default")
  --format text|json       output format (default text)
  and the lint flags --config, --enable, --disable, --fail-level, --identity, --policy-name, --color, -j
`

// applyHelp is what `seslint apply --help` prints.
const applyHelp = "seslint apply plans and applies the policies in files to SES (docs/apply.md).\n" + applyUsage + `
Exit codes: 0 applied or nothing to do, 1 lint findings at or above the fail level, 2 usage error or not confirmed, 3 I/O or AWS failure.
`

type applyFlags struct {
	dryRun, offline, yes, prune bool
	api, region, profile        string
	format, colorMode           string
	configPath, failLevel       string
	identity, policyName        string
	jobs                        int
	enable, disable             multi
}

// parseApply reads apply's flags and checks what needs neither files nor
// AWS; it returns flag.ErrHelp as is, for --help, and usage errors.
func parseApply(args []string) (applyFlags, []string, apply.API, error) {
	fs := flag.NewFlagSet("apply", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var f applyFlags
	fs.BoolVar(&f.dryRun, "dry-run", false, "")
	fs.BoolVar(&f.offline, "offline", false, "")
	fs.BoolVar(&f.yes, "yes", false, "")
	fs.BoolVar(&f.prune, "prune", false, "")
	fs.StringVar(&f.api, "api", "v1", "")
	fs.StringVar(&f.region, "region", "", "")
	fs.StringVar(&f.profile, "profile", "", "")
	fs.StringVar(&f.format, "format", "text", "")
	fs.StringVar(&f.colorMode, "color", "auto", "")
	fs.StringVar(&f.configPath, "config", "", "")
	fs.StringVar(&f.failLevel, "fail-level", "", "")
	fs.StringVar(&f.identity, "identity", "", "")
	fs.StringVar(&f.policyName, "policy-name", "", "")
	fs.IntVar(&f.jobs, "j", 0, "")
	fs.Var(&f.enable, "enable", "")
	fs.Var(&f.disable, "disable", "")
	paths, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return f, nil, "", err
	}
	if err != nil {
		return f, nil, "", usagef("%v", err)
	}
	switch {
	case len(paths) == 0:
		return f, nil, "", usagef("no policy files to apply: name files or folders")
	case slices.Contains(paths, "-"):
		return f, nil, "", usagef("apply reads policy files, not standard input, which it keeps for the confirmation prompt")
	case f.format != "text" && f.format != "json":
		return f, nil, "", usagef("unknown --format %q: want text or json", f.format)
	case f.offline && f.prune:
		return f, nil, "", usagef("--prune needs the policies on SES, which --offline does not read")
	case f.jobs < 0:
		return f, nil, "", usagef("-j must be 1 or more, not %d", f.jobs)
	}
	api, err := apply.ParseAPI(f.api)
	if err != nil {
		return f, nil, "", usagef("--api: %v", err)
	}
	return f, paths, api, nil
}

func runApply(args []string, env Env) (int, error) {
	f, paths, api, err := parseApply(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(env.Stdout, applyHelp)
		return ExitClean, nil
	}
	if err != nil {
		return ExitUsage, err
	}
	if !env.connected() {
		// Checked after the flags, so that a usage error or --help needs no
		// seslint-apply.
		return runCompanion(args, env)
	}
	if f.offline {
		f.dryRun = true
	}
	useColor, err := colorChoice(f.colorMode, env)
	if err != nil {
		return ExitUsage, err
	}
	cfg, engine, fail, err := setup(f.configPath, f.failLevel, f.enable, f.disable, env)
	if err != nil {
		return ExitUsage, err
	}
	a := &applyRun{env: env, flags: f, api: api, color: useColor, mode: "apply"}
	switch {
	case f.offline:
		a.mode = "offline"
	case f.dryRun:
		a.mode = "dry-run"
	}
	return a.run(paths, lint.Options{Config: cfg, Engine: engine, Identity: f.identity, PolicyName: f.policyName, Jobs: f.jobs}, fail)
}

type applyRun struct {
	env   Env
	flags applyFlags
	api   apply.API
	color bool
	mode  string
	// lintJSON is the lint result in the lint JSON format, for --format json.
	lintJSON json.RawMessage
}

func (a *applyRun) run(paths []string, o lint.Options, fail finding.Severity) (int, error) {
	env := a.env
	// 1. The lint gate: the files are read once, linted, and what was
	// linted is what is applied.
	o.KeepUnits = true
	res := lint.Run(paths, o)
	units := res.Units
	if err := a.showLint(res); err != nil {
		return ExitFailure, err
	}
	if len(res.Errors) > 0 {
		for _, e := range res.Errors {
			fmt.Fprintf(env.Stderr, "seslint: %s: %s\n", e.Path, e.Message)
		}
		fmt.Fprintln(env.Stderr, "seslint: not applying: some files could not be read")
		return a.finish(ExitFailure, &apply.Plan{API: a.api}, nil)
	}
	if failing(res.Findings, fail) {
		fmt.Fprintf(env.Stderr, "seslint: not applying: the policies have findings at or above the fail level (%s); nothing was sent to AWS\n", fail)
		return a.finish(ExitFindings, &apply.Plan{API: a.api}, nil)
	}
	desired, err := apply.DesiredFromUnits(units)
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(env.Stderr, "seslint: %s\n", line)
		}
		fmt.Fprintln(env.Stderr, "seslint: not applying: every file needs an identity, a policy name and a policy")
		return a.finish(ExitUsage, &apply.Plan{API: a.api}, nil)
	}

	// 2. The plan: offline, or against what SES holds.
	opts := apply.Options{API: a.api, Region: a.flags.region, Profile: a.flags.profile, Prune: a.flags.prune}
	var plan *apply.Plan
	var session *apply.Session
	ctx := context.Background()
	if a.flags.offline {
		plan = apply.Build(desired, nil, opts)
	} else {
		client, err := env.AWS.Connect(ctx, apply.ConnectOptions{API: a.api, Region: a.flags.region, Profile: a.flags.profile})
		if errors.Is(err, apply.ErrNoRegion) {
			return ExitUsage, err
		}
		if err != nil {
			return ExitFailure, err
		}
		var clock apply.Clock = apply.RealClock{}
		if env.AWS.Clock != nil {
			clock = env.AWS.Clock
		}
		session = apply.NewSession(client, clock)
		var ids []string
		for _, d := range desired {
			ids = append(ids, d.Identity)
		}
		state, err := session.Read(ctx, ids)
		if err != nil {
			return ExitFailure, fmt.Errorf("reading SES in %s: %w", client.Region(), err)
		}
		opts.Region = client.Region()
		plan = apply.Build(desired, state, opts)
	}
	if a.flags.format == "text" {
		if err := apply.WritePlan(env.Stdout, plan, a.flags.dryRun, a.color); err != nil {
			return ExitFailure, fmt.Errorf("writing the plan: %w", err)
		}
	}
	if len(plan.Problems) > 0 {
		fmt.Fprintf(env.Stderr, "seslint: the plan cannot be applied: %d %s; nothing was changed\n", len(plan.Problems), plural(len(plan.Problems), "problem", "problems"))
		return a.finish(ExitFailure, plan, nil)
	}
	if a.flags.dryRun {
		return a.finish(ExitClean, plan, nil)
	}
	n := plan.PendingCount()
	if n == 0 {
		fmt.Fprintln(env.Stderr, "seslint: nothing to do: SES already holds every policy")
		return a.finish(ExitClean, plan, nil)
	}

	// 3. Confirmation, then the apply.
	if !a.flags.yes {
		if !env.StdinIsTerminal {
			fmt.Fprintln(env.Stderr, "seslint: not applied: standard input is not a terminal, so seslint cannot ask for confirmation; review the plan and pass --yes to apply it")
			return a.finish(ExitUsage, plan, nil)
		}
		fmt.Fprintf(env.Stderr, "Apply %d %s to SES in %s, account %s? Only \"yes\" applies: ", n, plural(n, "change", "changes"), plan.Region, plan.Account)
		if !confirmed(env.Stdin) {
			fmt.Fprintln(env.Stderr, "seslint: not applied: the answer was not \"yes\"")
			return a.finish(ExitUsage, plan, nil)
		}
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	results := session.Apply(ctx, plan)
	stop()
	if a.flags.format == "text" {
		if err := apply.WriteResults(env.Stdout, plan, results, a.color); err != nil {
			return ExitFailure, fmt.Errorf("writing the results: %w", err)
		}
	}
	counts := apply.Summary(results)
	if bad := counts[apply.Failed] + counts[apply.NotAttempted]; bad > 0 {
		for i, r := range results {
			if r.Status == apply.Failed {
				fmt.Fprintf(env.Stderr, "seslint: failed: %s\n", apply.FailureText(&plan.Changes[i], r))
			}
		}
		fmt.Fprintf(env.Stderr, "seslint: %d of %d changes did not apply (%d failed, %d not attempted); %d applied\n",
			bad, n, counts[apply.Failed], counts[apply.NotAttempted], counts[apply.Applied])
		return a.finish(ExitFailure, plan, results)
	}
	return a.finish(ExitClean, plan, results)
}

// finish writes the JSON output, when asked for, and returns the code.
func (a *applyRun) finish(code int, plan *apply.Plan, results []apply.Result) (int, error) {
	if a.flags.format != "json" {
		return code, nil
	}
	if err := apply.WriteJSON(a.env.Stdout, apply.JSONReport{Mode: a.mode, Plan: plan, Results: results, Lint: a.lintJSON}); err != nil {
		return ExitFailure, fmt.Errorf("writing results: %w", err)
	}
	return code, nil
}

// showLint shows the lint result as `seslint lint` would: the findings on
// standard output and the summary on standard error in text; embedded in the
// apply output in JSON.
func (a *applyRun) showLint(res *lint.Result) error {
	if a.flags.format == "json" {
		var buf bytes.Buffer
		if err := report.JSON(&buf, res, func(id string) string {
			if r, ok := rules.Lookup(id); ok {
				return r.HelpURI()
			}
			return ""
		}); err != nil {
			return err
		}
		a.lintJSON = bytes.TrimSpace(buf.Bytes())
		return nil
	}
	if err := report.Text(a.env.Stdout, res, report.TextOptions{Color: a.color}); err != nil {
		return fmt.Errorf("writing the findings: %w", err)
	}
	fmt.Fprintf(a.env.Stderr, "lint: %s\n", report.Summary(res))
	return nil
}

// confirmed reads one line and accepts only "yes".
func confirmed(r io.Reader) bool {
	if r == nil {
		return false
	}
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && line == "" {
		return false
	}
	return strings.TrimSpace(line) == "yes"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
