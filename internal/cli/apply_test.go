package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/seslint/seslint/internal/apply"
	"github.com/seslint/seslint/internal/apply/awsses"
	"github.com/seslint/seslint/internal/apply/sesfake"
	"github.com/seslint/seslint/internal/cli"
)

// The fake's account is not one of the documentation's sample accounts, so
// that the lint gate has nothing to say about the test policies.
const (
	account   = "345678901234"
	accessKey = "AKIDSESLINTCLITEST01"
	secretKey = "cli-test-secret-that-must-never-print"
)

var t0 = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

type manualClock struct{ *sesfake.Clock }

func (c manualClock) Sleep(ctx context.Context, d time.Duration) error {
	c.Advance(d)
	return ctx.Err()
}

func policy(principal, from string) string {
	return fmt.Sprintf(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowAppToSend",
      "Effect": "Allow",
      "Principal": {"AWS": %q},
      "Action": ["ses:SendEmail", "ses:SendRawEmail"],
      "Resource": "arn:aws:ses:us-east-1:345678901234:identity/example.com",
      "Condition": {"StringEquals": {"ses:FromAddress": %q}}
    }
  ]
}
`, principal, from)
}

func compact(s string) string { return strings.Join(strings.Fields(s), "") }

type fixture struct {
	t              *testing.T
	fake           *sesfake.Server
	clock          *sesfake.Clock
	url            string
	stdout, stderr bytes.Buffer
	stdin          string
	terminal       bool
	connects       []apply.ConnectOptions
}

// newFixture starts the SES v1 fake with a verified example.com, and moves
// into an empty folder where the tests write policy files.
func newFixture(t *testing.T, opts ...sesfake.Option) *fixture {
	t.Helper()
	clock := sesfake.NewClock(t0)
	fake := sesfake.New(append([]sesfake.Option{sesfake.WithClock(clock.Now), sesfake.WithAccount(account)}, opts...)...)
	fake.AddIdentity("example.com", true)
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	t.Chdir(t.TempDir())
	return &fixture{t: t, fake: fake, clock: clock, url: srv.URL}
}

func (f *fixture) write(path, text string) {
	f.t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		f.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) env() cli.Env {
	return cli.Env{
		Stdin: strings.NewReader(f.stdin), Stdout: &f.stdout, Stderr: &f.stderr,
		Getenv:          func(string) string { return "" },
		StdinIsTerminal: f.terminal,
		AWS: &cli.AWS{
			Connect: func(_ context.Context, o apply.ConnectOptions) (apply.SES, error) {
				f.connects = append(f.connects, o)
				return awsses.NewForEndpoint(awsses.Endpoint{API: o.API, Region: "us-east-1", URL: f.url, AccessKeyID: accessKey, SecretAccessKey: secretKey}), nil
			},
			Clock: manualClock{f.clock},
		},
	}
}

func (f *fixture) run(args ...string) int {
	f.t.Helper()
	f.stdout.Reset()
	f.stderr.Reset()
	code := cli.Run(append([]string{"apply"}, args...), f.env())
	for _, out := range []string{f.stdout.String(), f.stderr.String()} {
		for _, secret := range []string{accessKey, secretKey, "Authorization", "Signature=", "X-Amz-"} {
			if strings.Contains(out, secret) {
				f.t.Errorf("output holds %q:\n%s", secret, out)
			}
		}
	}
	return code
}

func (f *fixture) expect(code int, args ...string) {
	f.t.Helper()
	if got := f.run(args...); got != code {
		f.t.Fatalf("seslint apply %s: exit %d; want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), got, code, f.stdout.String(), f.stderr.String())
	}
}

// standard sets up the usual case: on SES, Changed (to be updated), Same
// (unchanged once normalised) and Legacy (in no file); in the files,
// Changed, Same and New.
func standard(f *fixture) {
	f.fake.SetPolicy("example.com", "Changed", compact(policy("arn:aws:iam::210987654321:root", "app@example.com")))
	f.fake.SetPolicy("example.com", "Same", `{"Statement":{"Action":["ses:SendEmail","ses:SendRawEmail"],"Condition":{"StringEquals":{"ses:FromAddress":["app@example.com"]}},"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Resource":"arn:aws:ses:us-east-1:345678901234:identity/example.com","Sid":"AllowAppToSend"},"Version":"2012-10-17"}`)
	f.fake.SetPolicy("example.com", "Legacy", compact(policy("arn:aws:iam::210987654321:root", "old@example.com")))
	f.write("policies/example.com/Changed.json", policy("arn:aws:iam::210987654321:root", "billing@example.com"))
	f.write("policies/example.com/Same.json", policy("arn:aws:iam::210987654321:root", "app@example.com"))
	f.write("policies/example.com/New.json", policy("arn:aws:iam::309876543210:role/mailer", "news@example.com"))
}

func TestApplyDryRunPlan(t *testing.T) {
	f := newFixture(t)
	standard(f)
	f.expect(0, "--dry-run", "--prune", "policies")
	if n := f.fake.WriteCalls(); n != 0 {
		t.Fatalf("a dry run made %d write calls", n)
	}
	want := `Dry run for SES v1 in us-east-1, account 345678901234: nothing will be changed.

example.com
  ~ Changed  update, from policies/example.com/Changed.json
      ! widens access: condition StringEquals "ses:FromAddress" loosened: it now also accepts "billing@example.com" in statement "AllowAppToSend"
      --- SES example.com Changed
      +++ policies/example.com/Changed.json
      @@ -6,7 +6,7 @@
           ],
           "Condition": {
             "StringEquals": {
      -        "ses:FromAddress": "app@example.com"
      +        "ses:FromAddress": "billing@example.com"
             }
           },
           "Effect": "Allow",
      $ aws ses put-identity-policy --identity example.com --policy-name Changed --policy file://policies/example.com/Changed.json --region us-east-1
  - Legacy  delete: no file defines it (--prune)
      --- SES example.com Legacy
      +++ (deleted)
      @@ -1,20 +0,0 @@
      -{
      -  "Statement": {
      -    "Action": [
      -      "ses:SendEmail",
      -      "ses:SendRawEmail"
      -    ],
      -    "Condition": {
      -      "StringEquals": {
      -        "ses:FromAddress": "old@example.com"
      -      }
      -    },
      -    "Effect": "Allow",
      -    "Principal": {
      -      "AWS": "arn:aws:iam::210987654321:root"
      -    },
      -    "Resource": "arn:aws:ses:us-east-1:345678901234:identity/example.com",
      -    "Sid": "AllowAppToSend"
      -  },
      -  "Version": "2012-10-17"
      -}
      $ aws ses delete-identity-policy --identity example.com --policy-name Legacy --region us-east-1
  + New  create, from policies/example.com/New.json
      ! widens access: new principal AWS "arn:aws:iam::309876543210:role/mailer" in statement "AllowAppToSend"
      --- (none)
      +++ policies/example.com/New.json
      @@ -0,0 +1,20 @@
      +{
      +  "Statement": {
      +    "Action": [
      +      "ses:SendEmail",
      +      "ses:SendRawEmail"
      +    ],
      +    "Condition": {
      +      "StringEquals": {
      +        "ses:FromAddress": "news@example.com"
      +      }
      +    },
      +    "Effect": "Allow",
      +    "Principal": {
      +      "AWS": "arn:aws:iam::309876543210:role/mailer"
      +    },
      +    "Resource": "arn:aws:ses:us-east-1:345678901234:identity/example.com",
      +    "Sid": "AllowAppToSend"
      +  },
      +  "Version": "2012-10-17"
      +}
      $ aws ses put-identity-policy --identity example.com --policy-name New --policy file://policies/example.com/New.json --region us-east-1
  = Same  unchanged, policies/example.com/Same.json

Plan: 1 to create, 1 to update, 1 to delete, 1 unchanged; 2 widen access.
`
	if got := f.stdout.String(); got != want {
		t.Errorf("plan =\n%s\nwant\n%s", got, want)
	}
	if got := f.stderr.String(); got != "lint: no findings in 3 files\n" {
		t.Errorf("stderr = %q", got)
	}
	if want := []apply.ConnectOptions{{API: apply.V1}}; !reflect.DeepEqual(f.connects, want) {
		t.Errorf("connect options = %+v; want %+v", f.connects, want)
	}

	// Without --prune the policy in no file is shown and left alone.
	f.expect(0, "--dry-run", "policies")
	if !strings.Contains(f.stdout.String(), "  ? Legacy  on SES but in no file: left alone (--prune would delete it)\n") {
		t.Errorf("plan without --prune:\n%s", f.stdout.String())
	}
	if n := f.fake.WriteCalls(); n != 0 {
		t.Fatalf("a dry run made %d write calls", n)
	}
}

func TestApplyYes(t *testing.T) {
	f := newFixture(t)
	standard(f)
	f.expect(0, "--yes", "--prune", "policies")
	want := map[string]string{
		"Changed": compact(policy("arn:aws:iam::210987654321:root", "billing@example.com")),
		"New":     compact(policy("arn:aws:iam::309876543210:role/mailer", "news@example.com")),
		"Same":    `{"Statement":{"Action":["ses:SendEmail","ses:SendRawEmail"],"Condition":{"StringEquals":{"ses:FromAddress":["app@example.com"]}},"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Resource":"arn:aws:ses:us-east-1:345678901234:identity/example.com","Sid":"AllowAppToSend"},"Version":"2012-10-17"}`,
	}
	if got := f.fake.Policies("example.com"); !reflect.DeepEqual(got, want) {
		t.Errorf("policies on SES =\n%q\nwant\n%q", got, want)
	}
	results := f.stdout.String()[strings.Index(f.stdout.String(), "\nResults:"):]
	wantResults := `
Results:
  applied       example.com Changed (update)
  applied       example.com Legacy (delete)
  applied       example.com New (create)
  skipped       example.com Same (unchanged)

Summary: 3 applied, 1 skipped.
`
	if results != wantResults {
		t.Errorf("results =\n%s\nwant\n%s", results, wantResults)
	}

	// A second run has nothing to do.
	f.expect(0, "--prune", "policies")
	if !strings.Contains(f.stderr.String(), "nothing to do") {
		t.Errorf("second run stderr = %q", f.stderr.String())
	}
	if n := f.fake.WriteCalls(); n != 3 {
		t.Errorf("%d write calls in all; want 3", n)
	}
}

func TestApplyRefusedWithoutTerminal(t *testing.T) {
	f := newFixture(t)
	standard(f)
	f.expect(2, "policies")
	if n := f.fake.WriteCalls(); n != 0 {
		t.Fatalf("%d write calls without confirmation", n)
	}
	if !strings.Contains(f.stderr.String(), "standard input is not a terminal") || !strings.Contains(f.stderr.String(), "--yes") {
		t.Errorf("stderr = %q", f.stderr.String())
	}
	if !strings.Contains(f.stdout.String(), "Plan: 1 to create, 1 to update") {
		t.Errorf("the refused run does not show the plan:\n%s", f.stdout.String())
	}
}

func TestApplyConfirmationPrompt(t *testing.T) {
	for _, tc := range []struct {
		answer string
		code   int
		writes int
	}{
		{"yes\n", 0, 2},
		{"yes", 0, 2},
		{"y\n", 2, 0},
		{"no\n", 2, 0},
		{"", 2, 0},
	} {
		t.Run(fmt.Sprintf("%q", tc.answer), func(t *testing.T) {
			f := newFixture(t)
			standard(f)
			f.terminal, f.stdin = true, tc.answer
			f.expect(tc.code, "policies")
			if n := f.fake.WriteCalls(); n != tc.writes {
				t.Errorf("%d write calls; want %d", n, tc.writes)
			}
			if !strings.Contains(f.stderr.String(), `Apply 2 changes to SES in us-east-1, account 345678901234? Only "yes" applies: `) {
				t.Errorf("no prompt on stderr: %q", f.stderr.String())
			}
		})
	}
}

func TestApplyLintGate(t *testing.T) {
	f := newFixture(t)
	f.write("policies/example.com/Good.json", policy("arn:aws:iam::210987654321:root", "app@example.com"))
	f.write("policies/example.com/Bad.json", strings.Replace(policy("arn:aws:iam::210987654321:root", "app@example.com"), `"Allow"`, `"allow"`, 1))
	f.expect(1, "--yes", "policies")
	if calls := f.fake.Calls(); len(calls) != 0 {
		t.Fatalf("the lint gate let %d calls through", len(calls))
	}
	if len(f.connects) != 0 {
		t.Errorf("connected to AWS despite the findings")
	}
	if !strings.Contains(f.stdout.String(), `policies/example.com/Bad.json:6:17: "Effect" of statement 1 must be "Allow" or "Deny", not "allow"`) {
		t.Errorf("findings not shown:\n%s", f.stdout.String())
	}
	if !strings.Contains(f.stderr.String(), "not applying: the policies have findings at or above the fail level (warning); nothing was sent to AWS") {
		t.Errorf("stderr = %q", f.stderr.String())
	}
}

func TestApplyPartialFailure(t *testing.T) {
	f := newFixture(t, sesfake.WithPolicyCheck(func(_, _, policy string) error {
		if strings.Contains(policy, "user/nobody") {
			return errors.New(`Invalid principal in policy: "AWS":"arn:aws:iam::210987654321:user/nobody"`)
		}
		return nil
	}))
	f.write("policies/example.com/Bad.json", policy("arn:aws:iam::210987654321:user/nobody", "app@example.com"))
	f.write("policies/example.com/Good.json", policy("arn:aws:iam::210987654321:root", "app@example.com"))
	f.expect(3, "--yes", "policies")
	wantErr := `seslint: failed: policies/example.com/Bad.json: policy "Bad" on identity "example.com": InvalidPolicy: Invalid principal in policy: "AWS":"arn:aws:iam::210987654321:user/nobody"` + "\n" +
		"seslint: 1 of 2 changes did not apply (1 failed, 0 not attempted); 1 applied\n"
	if !strings.HasSuffix(f.stderr.String(), wantErr) {
		t.Errorf("stderr =\n%s\nwant it to end with\n%s", f.stderr.String(), wantErr)
	}
	if !strings.Contains(f.stdout.String(), "\nSummary: 1 applied, 1 failed.\n") {
		t.Errorf("stdout:\n%s", f.stdout.String())
	}
	if _, ok := f.fake.Policies("example.com")["Good"]; !ok {
		t.Error("Good was not applied")
	}
}

func TestApplyThrottledThenApplied(t *testing.T) {
	f := newFixture(t)
	f.write("policies/example.com/App.json", policy("arn:aws:iam::210987654321:root", "app@example.com"))
	f.fake.FailNext(sesfake.PutIdentityPolicy, sesfake.CodeThrottling, "Rate exceeded")
	start := f.clock.Now()
	f.expect(0, "--yes", "--format", "json", "policies")
	var out struct {
		Changes []struct {
			Result struct {
				Status   string
				Attempts int
			}
		}
	}
	if err := json.Unmarshal(f.stdout.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if r := out.Changes[0].Result; r.Status != "applied" || r.Attempts != 2 {
		t.Errorf("result = %+v; want applied after 2 attempts", r)
	}
	if d := f.clock.Now().Sub(start); d != time.Second {
		t.Errorf("the run took %v of the fake clock; want the 1s backoff", d)
	}
}

func TestApplyJSON(t *testing.T) {
	f := newFixture(t)
	standard(f)
	f.expect(0, "--yes", "--prune", "--format", "json", "policies")
	var out struct {
		Version int
		Mode    string
		API     string
		Region  string
		Account string
		Lint    struct {
			Version  int
			Findings []any
			Errors   []any
			Summary  map[string]int
		}
		Changes []struct {
			Action     string
			Identity   string
			PolicyName string
			File       string
			Widens     []string
			Diff       string
			Call       []string
			Result     *struct {
				Status   string
				Attempts int
			}
		}
		Problems []any
		Summary  map[string]int
	}
	dec := json.NewDecoder(&f.stdout)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("output is not the JSON expected: %v", err)
	}
	if out.Version != 1 || out.Mode != "apply" || out.API != "v1" || out.Region != "us-east-1" || out.Account != account || out.Lint.Version != 1 {
		t.Errorf("header = %d %s %s %s %s, lint version %d", out.Version, out.Mode, out.API, out.Region, out.Account, out.Lint.Version)
	}
	var got []string
	for _, c := range out.Changes {
		if c.Result == nil {
			t.Fatalf("change %s has no result", c.PolicyName)
		}
		got = append(got, fmt.Sprintf("%s %s %s %d", c.PolicyName, c.Action, c.Result.Status, len(c.Widens)))
	}
	want := []string{"Changed update applied 1", "Legacy delete applied 0", "New create applied 1", "Same unchanged skipped 0"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("changes = %q; want %q", got, want)
	}
	if c := out.Changes[2].Call; len(c) < 9 || c[8] != policy("arn:aws:iam::309876543210:role/mailer", "news@example.com") {
		t.Errorf("the JSON call does not carry the exact policy text: %q", c)
	}
	wantSummary := map[string]int{"create": 1, "update": 1, "unchanged": 1, "delete": 1, "unmanaged": 0, "widening": 2, "problems": 0,
		"applied": 3, "skipped": 1, "failed": 0, "notAttempted": 0}
	if !reflect.DeepEqual(out.Summary, wantSummary) {
		t.Errorf("summary = %v; want %v", out.Summary, wantSummary)
	}
	if f.stderr.Len() != 0 {
		t.Errorf("stderr of a clean JSON run = %q", f.stderr.String())
	}

	// A dry run has no results.
	f.expect(0, "--dry-run", "--format", "json", "policies")
	var dry map[string]any
	if err := json.Unmarshal(f.stdout.Bytes(), &dry); err != nil {
		t.Fatal(err)
	}
	if dry["mode"] != "dry-run" || strings.Contains(f.stdout.String(), `"result"`) || strings.Contains(f.stdout.String(), `"applied"`) {
		t.Errorf("dry-run JSON:\n%s", f.stdout.String())
	}
}

func TestApplyProblemsStopEverything(t *testing.T) {
	f := newFixture(t)
	f.fake.AddIdentity("pending.example", false)
	f.write("policies/pending.example/App.json", strings.ReplaceAll(policy("arn:aws:iam::210987654321:root", "app@pending.example"), "identity/example.com", "identity/pending.example"))
	f.write("policies/example.com/App.json", strings.ReplaceAll(policy("arn:aws:iam::210987654321:root", "app@example.com"), "us-east-1", "eu-west-1"))
	f.expect(3, "--yes", "policies")
	if n := f.fake.WriteCalls(); n != 0 {
		t.Fatalf("%d write calls despite the problems", n)
	}
	for _, want := range []string{
		"The plan cannot be applied:\n",
		`  policies/example.com/App.json: Resource "arn:aws:ses:eu-west-1:345678901234:identity/example.com" is in region "eu-west-1", but apply works in "us-east-1", where the identity must be verified` + "\n",
		`  pending.example: identity "pending.example" is not verified in region us-east-1 (status Pending); SES attaches policies to verified identities only` + "\n",
	} {
		if !strings.Contains(f.stdout.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, f.stdout.String())
		}
	}
	if !strings.Contains(f.stderr.String(), "the plan cannot be applied: 2 problems; nothing was changed") {
		t.Errorf("stderr = %q", f.stderr.String())
	}
}

func TestApplyOffline(t *testing.T) {
	f := newFixture(t)
	standard(f)
	f.expect(0, "--offline", "--region", "us-east-1", "policies")
	if len(f.connects) != 0 || len(f.fake.Calls()) != 0 {
		t.Fatalf("--offline connected (%d) or called (%d)", len(f.connects), len(f.fake.Calls()))
	}
	if !strings.HasPrefix(f.stdout.String(), "Offline plan for SES v1 in us-east-1: no AWS call was made") ||
		!strings.Contains(f.stdout.String(), "Plan: 3 to create; 3 widen access.") {
		t.Errorf("offline plan:\n%s", f.stdout.String())
	}
}

func TestApplyFlagsReachTheClient(t *testing.T) {
	f := newFixture(t)
	f.write("app.json", policy("arn:aws:iam::210987654321:root", "app@example.com"))
	f.expect(0, "--dry-run", "--api", "v1", "--region", "us-east-1", "--profile", "ops", "--identity", "example.com", "--policy-name", "App", "app.json")
	if want := []apply.ConnectOptions{{API: apply.V1, Region: "us-east-1", Profile: "ops"}}; !reflect.DeepEqual(f.connects, want) {
		t.Errorf("connect options = %+v; want %+v", f.connects, want)
	}
	if !strings.Contains(f.stdout.String(), "$ aws ses put-identity-policy --identity example.com --policy-name App --policy file://app.json --region us-east-1 --profile ops\n") {
		t.Errorf("plan:\n%s", f.stdout.String())
	}
}

func TestApplyInputErrors(t *testing.T) {
	f := newFixture(t)
	f.write("loose.json", policy("arn:aws:iam::210987654321:root", "app@example.com"))
	f.write("a/example.com/App.json", policy("arn:aws:iam::210987654321:root", "app@example.com"))
	f.write("b/example.com/App.json", policy("arn:aws:iam::210987654321:root", "app@example.com"))
	// The lint gate finds the duplicate first (SES104); with the rule
	// off, apply still refuses it.
	f.expect(1, "--yes", "loose.json", "a", "b")
	f.expect(2, "--yes", "--disable", "SES104", "loose.json", "a", "b")
	for _, want := range []string{
		"seslint: b/example.com/App.json: policy \"App\" on \"example.com\" is also defined by a/example.com/App.json; each policy must come from one file\n",
		"seslint: loose.json: no identity to apply the policy to; put the file in a folder named after the identity (example.com/loose.json), map it in .seslint.yaml, or pass --identity\n",
	} {
		if !strings.Contains(f.stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, f.stderr.String())
		}
	}
	if len(f.connects) != 0 {
		t.Error("connected despite the input errors")
	}
}

func TestApplyUsageErrors(t *testing.T) {
	f := newFixture(t)
	f.write("example.com/App.json", policy("arn:aws:iam::210987654321:root", "app@example.com"))
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "no policy files to apply"},
		{[]string{"-"}, "apply reads policy files, not standard input"},
		{[]string{"--format", "sarif", "example.com"}, `unknown --format "sarif": want text or json`},
		{[]string{"--api", "v3", "example.com"}, `--api: unknown API "v3": want v1 or v2`},
		{[]string{"--offline", "--prune", "example.com"}, "--prune needs the policies on SES"},
		{[]string{"--color", "sometimes", "example.com"}, "unknown --color"},
		{[]string{"--no-such-flag", "example.com"}, "flag provided but not defined"},
		{[]string{"--fail-level", "fatal", "example.com"}, "unknown severity"},
	} {
		if code := f.run(tc.args...); code != 2 || !strings.Contains(f.stderr.String(), tc.want) {
			t.Errorf("apply %q: exit %d, stderr %q; want 2 and %q", tc.args, code, f.stderr.String(), tc.want)
		}
	}
	if len(f.connects) != 0 {
		t.Error("a usage error connected to AWS")
	}
}

func TestApplyHelpAndVersionUnchanged(t *testing.T) {
	var out bytes.Buffer
	if code := cli.Run([]string{"help"}, cli.Env{Stdout: &out, Stderr: &out}); code != 0 {
		t.Fatalf("help exit %d", code)
	}
	for _, want := range []string{"seslint apply [flags] PATH...", "--dry-run", "--prune", "--api v1|v2"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help lacks %q", want)
		}
	}
}

// TestApplyThroughTheSDKChain runs apply with the real connection: the
// default credential chain reads keys from the environment, and the
// standard endpoint overrides send SES and STS calls to the fake. Neither
// the keys nor any signature may reach the output, failures included.
func TestApplyThroughTheSDKChain(t *testing.T) {
	f := newFixture(t, sesfake.WithPolicyCheck(func(_, _, policy string) error {
		if strings.Contains(policy, "user/nobody") {
			return errors.New("Invalid principal in policy")
		}
		return nil
	}))
	dir := t.TempDir()
	for _, k := range []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_DEFAULT_REGION", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SESV2", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_ACCESS_KEY_ID", accessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", secretKey)
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_ENDPOINT_URL_SES", f.url)
	t.Setenv("AWS_ENDPOINT_URL_STS", f.url)

	f.write("policies/example.com/Good.json", policy("arn:aws:iam::210987654321:root", "app@example.com"))
	f.write("policies/example.com/Bad.json", policy("arn:aws:iam::210987654321:user/nobody", "app@example.com"))
	env := f.env()
	env.AWS = &cli.AWS{Connect: awsses.ConnectSES, Clock: manualClock{f.clock}} // the real SDK connection, as seslint-apply has it
	for _, args := range [][]string{
		{"apply", "--dry-run", "policies"},
		{"apply", "--yes", "policies"},
		{"apply", "--yes", "--format", "json", "policies"},
	} {
		f.stdout.Reset()
		f.stderr.Reset()
		code := cli.Run(args, env)
		out := f.stdout.String() + f.stderr.String()
		for _, secret := range []string{accessKey, secretKey, "Authorization", "Signature", "X-Amz-", "Credential="} {
			if strings.Contains(out, secret) {
				t.Errorf("%q: output holds %q:\n%s", args, secret, out)
			}
		}
		if args[1] != "--dry-run" && code != 3 {
			t.Errorf("%q: exit %d; want 3 for the failed policy\n%s", args, code, out)
		}
	}
	if got := f.fake.Policies("example.com"); len(got) != 1 {
		t.Errorf("policies on SES = %q; want Good", got)
	}
	for _, c := range f.fake.Calls() {
		if c.Error == sesfake.CodeMissingAuthToken || c.Error == sesfake.CodeSignatureDoesNotMatch {
			t.Errorf("%s was not signed for the fake: %s", c.Action, c.Error)
		}
	}

	// SES unreachable: the error names the operation, not the request.
	t.Setenv("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:1")
	f.stdout.Reset()
	f.stderr.Reset()
	if code := cli.Run([]string{"apply", "--dry-run", "policies"}, env); code != 3 {
		t.Errorf("unreachable STS: exit %d; want 3", code)
	}
	if out := f.stderr.String(); !strings.Contains(out, "reading SES in us-east-1: reading the caller's account: GetCallerIdentity:") ||
		strings.Contains(out, accessKey) || strings.Contains(out, secretKey) {
		t.Errorf("stderr = %q", out)
	}
}
