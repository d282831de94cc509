package apply

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/fatih/color"
)

// Renderers are pure functions of a plan and its results: no state, no
// clock, no map order. Colour is per writer, never global.

type palette struct {
	bold, faint, add, del, change, hunk, warn *color.Color
}

func newPalette(on bool) palette {
	mk := func(attrs ...color.Attribute) *color.Color {
		c := color.New(attrs...)
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
		return c
	}
	return palette{
		bold: mk(color.Bold), faint: mk(color.Faint),
		add: mk(color.FgGreen), del: mk(color.FgRed), change: mk(color.FgYellow),
		hunk: mk(color.FgCyan), warn: mk(color.FgRed, color.Bold),
	}
}

var symbols = map[Action]string{Create: "+", Update: "~", Unchanged: "=", Delete: "-", Unmanaged: "?"}

// WritePlan writes the readable plan: a header, each identity with its
// policies (what happens, why it widens access, the normalised diff and the
// equivalent AWS CLI call), the problems that block the apply, and a count.
func WritePlan(w io.Writer, p *Plan, dryRun bool, useColor bool) error {
	bw := bufio.NewWriter(w)
	pal := newPalette(useColor)
	fmt.Fprintln(bw, pal.bold.Sprint(planHeader(p, dryRun)))
	identity := ""
	for i := range p.Changes {
		c := &p.Changes[i]
		if c.Identity != identity {
			identity = c.Identity
			fmt.Fprintf(bw, "\n%s\n", pal.bold.Sprint(identity))
		}
		writeChange(bw, pal, c)
	}
	if len(p.Changes) == 0 {
		fmt.Fprintln(bw, "\nno policies to apply")
	}
	if len(p.Problems) > 0 {
		fmt.Fprintf(bw, "\n%s\n", pal.warn.Sprint("The plan cannot be applied:"))
		for _, pr := range p.Problems {
			fmt.Fprintf(bw, "  %s\n", pr)
		}
	}
	fmt.Fprintf(bw, "\n%s\n", planCount(p))
	return bw.Flush()
}

func planHeader(p *Plan, dryRun bool) string {
	api := "SES " + string(p.API)
	switch {
	case p.Offline:
		where := ""
		if p.Region != "" {
			where = " in " + p.Region
		}
		return fmt.Sprintf("Offline plan for %s%s: no AWS call was made, so every policy shows as a create and the identities, the account and the policies already on SES are not checked.", api, where)
	case dryRun:
		return fmt.Sprintf("Dry run for %s in %s, account %s: nothing will be changed.", api, p.Region, p.Account)
	}
	return fmt.Sprintf("Plan for %s in %s, account %s:", api, p.Region, p.Account)
}

func writeChange(bw *bufio.Writer, pal palette, c *Change) {
	paint := map[Action]*color.Color{Create: pal.add, Update: pal.change, Delete: pal.del, Unchanged: pal.faint, Unmanaged: pal.faint}[c.Action]
	var what string
	switch c.Action {
	case Create:
		what = "create, from " + c.File
	case Update:
		what = "update, from " + c.File
	case Unchanged:
		what = "unchanged, " + c.File
	case Delete:
		what = "delete: no file defines it (--prune)"
	case Unmanaged:
		what = "on SES but in no file: left alone (--prune would delete it)"
	}
	fmt.Fprintf(bw, "  %s %s  %s\n", paint.Sprint(symbols[c.Action]), paint.Sprint(c.Name), what)
	for _, reason := range c.Widens {
		fmt.Fprintf(bw, "      %s %s\n", pal.warn.Sprint("! widens access:"), reason)
	}
	if c.Diff != "" {
		for _, line := range strings.Split(strings.TrimSuffix(c.Diff, "\n"), "\n") {
			switch {
			case strings.HasPrefix(line, "+++"), strings.HasPrefix(line, "---"):
				line = pal.bold.Sprint(line)
			case strings.HasPrefix(line, "@@"):
				line = pal.hunk.Sprint(line)
			case strings.HasPrefix(line, "+"):
				line = pal.add.Sprint(line)
			case strings.HasPrefix(line, "-"):
				line = pal.del.Sprint(line)
			}
			fmt.Fprintf(bw, "      %s\n", line)
		}
	}
	if len(c.Call) > 0 {
		fmt.Fprintf(bw, "      %s %s\n", pal.faint.Sprint("$"), ShellCommand(c))
	}
}

func planCount(p *Plan) string {
	n := p.Counts()
	parts := []string{}
	for _, a := range []struct {
		action Action
		label  string
	}{{Create, "to create"}, {Update, "to update"}, {Delete, "to delete"}, {Unchanged, "unchanged"}, {Unmanaged, "unmanaged"}} {
		if n[a.action] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[a.action], a.label))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "nothing to do")
	}
	s := "Plan: " + strings.Join(parts, ", ")
	if w := wideningCount(p); w > 0 {
		s += fmt.Sprintf("; %d %s access", w, plural(w, "widens", "widen"))
	}
	if len(p.Problems) > 0 {
		s += fmt.Sprintf("; %d %s", len(p.Problems), plural(len(p.Problems), "problem", "problems"))
	}
	return s + "."
}

func wideningCount(p *Plan) int {
	n := 0
	for i := range p.Changes {
		if len(p.Changes[i].Widens) > 0 {
			n++
		}
	}
	return n
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// WriteResults writes what the apply did, change by change, and a summary.
func WriteResults(w io.Writer, p *Plan, results []Result, useColor bool) error {
	bw := bufio.NewWriter(w)
	pal := newPalette(useColor)
	fmt.Fprintf(bw, "\n%s\n", pal.bold.Sprint("Results:"))
	for i, r := range results {
		c := &p.Changes[i]
		label := map[Status]*color.Color{Applied: pal.add, Skipped: pal.faint, Failed: pal.warn, NotAttempted: pal.change}[r.Status]
		line := fmt.Sprintf("  %s %s %s (%s)", label.Sprintf("%-13s", r.Status), c.Identity, c.Name, c.Action)
		if r.Status == Failed || r.Status == NotAttempted {
			line += ": " + FailureText(c, r)
		} else if r.Note != "" {
			line += ": " + r.Note
		}
		fmt.Fprintln(bw, line)
	}
	fmt.Fprintf(bw, "\n%s\n", ResultSummary(results))
	return bw.Flush()
}

// FailureText explains a failed change, naming the file, the identity and
// the policy, with AWS's code and message.
func FailureText(c *Change, r Result) string {
	var b strings.Builder
	if c.File != "" {
		fmt.Fprintf(&b, "%s: ", c.File)
	}
	fmt.Fprintf(&b, "policy %q on identity %q: ", c.Name, c.Identity)
	switch {
	case r.Code != "" && r.Message != "":
		fmt.Fprintf(&b, "%s: %s", r.Code, r.Message)
	case r.Code != "":
		b.WriteString(r.Code)
	default:
		b.WriteString(r.Message)
	}
	if r.Note != "" {
		if r.Code != "" || r.Message != "" {
			b.WriteString(" (")
			b.WriteString(r.Note)
			b.WriteString(")")
		} else {
			b.WriteString(r.Note)
		}
	}
	return b.String()
}

// ResultSummary is "Summary: 2 applied, 1 skipped, 1 failed.", counting every
// status that occurred.
func ResultSummary(results []Result) string {
	n := Summary(results)
	parts := []string{}
	for _, s := range []Status{Applied, Skipped, Failed, NotAttempted} {
		if n[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[s], strings.ReplaceAll(string(s), "-", " ")))
		}
	}
	if len(parts) == 0 {
		return "Summary: nothing was done."
	}
	return "Summary: " + strings.Join(parts, ", ") + "."
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9@%_+=:,./-]+$`)

// ShellQuote quotes s for a POSIX shell.
func ShellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// ShellCommand is the change's AWS CLI call as one shell line. A policy that
// is the whole file is passed as file://FILE, which the AWS CLI reads into
// the same text; otherwise the text itself is quoted.
func ShellCommand(c *Change) string {
	parts := make([]string, len(c.Call))
	for i, a := range c.Call {
		if i > 0 && c.Call[i-1] == "--policy" && c.PolicyIsFile {
			a = "file://" + c.File
		}
		parts[i] = ShellQuote(a)
	}
	return strings.Join(parts, " ")
}

// JSONVersion is the version of apply's JSON output; it changes only when
// a field changes meaning or disappears.
const JSONVersion = 1

type jsonOutput struct {
	Version  int             `json:"version"`
	Mode     string          `json:"mode"`
	API      API             `json:"api"`
	Region   string          `json:"region,omitempty"`
	Account  string          `json:"account,omitempty"`
	Lint     json.RawMessage `json:"lint,omitempty"`
	Changes  []jsonChange    `json:"changes"`
	Problems []jsonProblem   `json:"problems"`
	Summary  jsonSummary     `json:"summary"`
}

type jsonChange struct {
	Action     Action      `json:"action"`
	Identity   string      `json:"identity"`
	PolicyName string      `json:"policyName"`
	File       string      `json:"file,omitempty"`
	Widens     []string    `json:"widens"`
	Diff       string      `json:"diff,omitempty"`
	Call       []string    `json:"call,omitempty"`
	Result     *jsonResult `json:"result,omitempty"`
}

type jsonResult struct {
	Status   Status `json:"status"`
	Attempts int    `json:"attempts"`
	Code     string `json:"code,omitempty"`
	Message  string `json:"message,omitempty"`
	Note     string `json:"note,omitempty"`
}

type jsonProblem struct {
	Identity string `json:"identity"`
	File     string `json:"file,omitempty"`
	Message  string `json:"message"`
}

type jsonSummary struct {
	Create    int `json:"create"`
	Update    int `json:"update"`
	Unchanged int `json:"unchanged"`
	Delete    int `json:"delete"`
	Unmanaged int `json:"unmanaged"`
	Widening  int `json:"widening"`
	Problems  int `json:"problems"`
	// Results are counted only when the plan was applied.
	Applied      *int `json:"applied,omitempty"`
	Skipped      *int `json:"skipped,omitempty"`
	Failed       *int `json:"failed,omitempty"`
	NotAttempted *int `json:"notAttempted,omitempty"`
}

// JSONReport is everything apply's JSON output holds.
type JSONReport struct {
	// Mode is "offline", "dry-run" or "apply".
	Mode string
	Plan *Plan
	// Results are nil unless the plan was applied.
	Results []Result
	// Lint is the lint result in seslint's JSON format, embedded as is.
	Lint json.RawMessage
}

// WriteJSON writes the plan and, after an apply, the results.
func WriteJSON(w io.Writer, r JSONReport) error {
	p := r.Plan
	out := jsonOutput{Version: JSONVersion, Mode: r.Mode, API: p.API, Region: p.Region, Account: p.Account, Lint: r.Lint,
		Changes: []jsonChange{}, Problems: []jsonProblem{}}
	for i := range p.Changes {
		c := &p.Changes[i]
		jc := jsonChange{Action: c.Action, Identity: c.Identity, PolicyName: c.Name, File: c.File,
			Widens: append([]string{}, c.Widens...), Diff: c.Diff, Call: c.Call}
		if r.Results != nil {
			res := r.Results[i]
			jc.Result = &jsonResult{Status: res.Status, Attempts: res.Attempts, Code: res.Code, Message: res.Message, Note: res.Note}
		}
		out.Changes = append(out.Changes, jc)
	}
	for _, pr := range p.Problems {
		out.Problems = append(out.Problems, jsonProblem{Identity: pr.Identity, File: pr.File, Message: pr.Message})
	}
	n := p.Counts()
	out.Summary = jsonSummary{Create: n[Create], Update: n[Update], Unchanged: n[Unchanged], Delete: n[Delete],
		Unmanaged: n[Unmanaged], Widening: wideningCount(p), Problems: len(p.Problems)}
	if r.Results != nil {
		s := Summary(r.Results)
		a, sk, f, na := s[Applied], s[Skipped], s[Failed], s[NotAttempted]
		out.Summary.Applied, out.Summary.Skipped, out.Summary.Failed, out.Summary.NotAttempted = &a, &sk, &f, &na
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
