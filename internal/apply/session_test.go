package apply_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seslint/seslint/internal/apply"
	"github.com/seslint/seslint/internal/apply/awsses"
	"github.com/seslint/seslint/internal/apply/sesfake"
)

var t0 = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

// manualClock is the fake's clock, with the Sleep apply paces with: it
// advances the clock at once, so no test sleeps.
type manualClock struct{ *sesfake.Clock }

func (c manualClock) Sleep(ctx context.Context, d time.Duration) error {
	c.Advance(d)
	return ctx.Err()
}

// recorder notes the time of each write a session makes.
type recorder struct {
	apply.SES
	clock  *sesfake.Clock
	mu     sync.Mutex
	writes []time.Time
}

func (r *recorder) note() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.writes = append(r.writes, r.clock.Now())
}

func (r *recorder) PutPolicy(ctx context.Context, identity, name, policy string, exists bool) error {
	r.note()
	return r.SES.PutPolicy(ctx, identity, name, policy, exists)
}

func (r *recorder) DeletePolicy(ctx context.Context, identity, name string) error {
	r.note()
	return r.SES.DeletePolicy(ctx, identity, name)
}

type env struct {
	fake    *sesfake.Server
	clock   *sesfake.Clock
	rec     *recorder
	session *apply.Session
}

// newEnv starts the SES v1 fake with a verified example.com and a session
// on it through the real SDK adapter.
func newEnv(t *testing.T, opts ...sesfake.Option) *env {
	t.Helper()
	clock := sesfake.NewClock(t0)
	fake := sesfake.New(append([]sesfake.Option{sesfake.WithClock(clock.Now)}, opts...)...)
	fake.AddIdentity("example.com", true)
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	client := awsses.NewForEndpoint(awsses.Endpoint{API: apply.V1, Region: sesfake.DefaultRegion, URL: srv.URL,
		AccessKeyID: "AKIDSESLINTTEST00001", SecretAccessKey: "never-printed-secret"})
	rec := &recorder{SES: client, clock: clock}
	return &env{fake: fake, clock: clock, rec: rec, session: apply.NewSession(rec, manualClock{clock})}
}

func policyFor(principal string) string {
	return fmt.Sprintf(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Send",
      "Effect": "Allow",
      "Principal": {"AWS": %q},
      "Action": ["ses:SendEmail"],
      "Resource": "arn:aws:ses:us-east-1:123456789012:identity/example.com"
    }
  ]
}
`, principal)
}

func compact(s string) string { return strings.Join(strings.Fields(s), "") }

func want(name, principal string) apply.Desired {
	return apply.Desired{File: "policies/example.com/" + name + ".json", Identity: "example.com", Name: name, Policy: policyFor(principal), PolicyIsFile: true}
}

func (e *env) plan(t *testing.T, desired []apply.Desired, prune bool) *apply.Plan {
	t.Helper()
	var ids []string
	for _, d := range desired {
		ids = append(ids, d.Identity)
	}
	st, err := e.session.Read(context.Background(), ids)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return apply.Build(desired, st, apply.Options{API: apply.V1, Region: "us-east-1", Prune: prune})
}

func statuses(results []apply.Result) []apply.Status {
	var out []apply.Status
	for _, r := range results {
		out = append(out, r.Status)
	}
	return out
}

func writeActions(calls []sesfake.Call) []string {
	var out []string
	for _, c := range calls {
		if c.Action == sesfake.PutIdentityPolicy || c.Action == sesfake.DeleteIdentityPolicy {
			out = append(out, c.Action+" "+c.Params.Get("PolicyName"))
		}
	}
	return out
}

func TestDryRunReadsOnly(t *testing.T) {
	e := newEnv(t)
	e.fake.SetPolicy("example.com", "Changed", compact(policyFor("111122223333")))
	e.fake.SetPolicy("example.com", "Legacy", compact(policyFor("777788889999")))
	e.fake.AddIdentity("pending.example", false)

	desired := []apply.Desired{want("Changed", "444455556666"), want("New", "111122223333"),
		{File: "p/pending.example/A.json", Identity: "pending.example", Name: "A", Policy: `{"Statement":[]}`}}
	p := e.plan(t, desired, true)

	if n := e.fake.WriteCalls(); n != 0 {
		t.Fatalf("a dry run made %d write calls", n)
	}
	var actions []string
	for _, c := range e.fake.Calls() {
		actions = append(actions, c.Action)
		if c.Error != "" {
			t.Errorf("call %s failed: %s", c.Action, c.Error)
		}
	}
	// The pending identity's policies are not read: SES refuses that.
	wantCalls := []string{"GetCallerIdentity", "GetIdentityVerificationAttributes", "ListIdentityPolicies", "GetIdentityPolicies"}
	if !reflect.DeepEqual(actions, wantCalls) {
		t.Errorf("calls = %q; want %q", actions, wantCalls)
	}
	if p.Account != sesfake.DefaultAccount {
		t.Errorf("account = %q", p.Account)
	}
	got := map[string]apply.Action{}
	for _, c := range p.Changes {
		got[c.Identity+" "+c.Name] = c.Action
	}
	wantActions := map[string]apply.Action{"example.com Changed": apply.Update, "example.com Legacy": apply.Delete,
		"example.com New": apply.Create, "pending.example A": apply.Create}
	if !reflect.DeepEqual(got, wantActions) {
		t.Errorf("actions = %v; want %v", got, wantActions)
	}
	if len(p.Problems) != 1 || !strings.Contains(p.Problems[0].Message, "not verified") {
		t.Errorf("problems = %v; want the pending identity", p.Problems)
	}

	// A plan with problems is never applied.
	results := e.session.Apply(context.Background(), p)
	for i, r := range results {
		if r.Status != apply.NotAttempted {
			t.Errorf("change %d of a plan with problems: %s", i, r.Status)
		}
	}
	if n := e.fake.WriteCalls(); n != 0 {
		t.Fatalf("a plan with problems made %d write calls", n)
	}
}

func TestApplyCreateUpdateUnchangedPrune(t *testing.T) {
	e := newEnv(t)
	e.fake.SetPolicy("example.com", "Changed", compact(policyFor("111122223333")))
	e.fake.SetPolicy("example.com", "Same", compact(policyFor("111122223333")))
	e.fake.SetPolicy("example.com", "Legacy", compact(policyFor("777788889999")))
	desired := []apply.Desired{want("Changed", "444455556666"), want("New", "111122223333"), want("Same", "111122223333")}

	p := e.plan(t, desired, true)
	results := e.session.Apply(context.Background(), p)

	// Plan order: Changed, Legacy, New, Same.
	if got, want := statuses(results), []apply.Status{apply.Applied, apply.Applied, apply.Applied, apply.Skipped}; !reflect.DeepEqual(got, want) {
		t.Fatalf("statuses = %v; want %v", got, want)
	}
	// Deletes first, then updates, then creates; the unchanged policy is
	// never sent.
	if got, want := writeActions(e.fake.Calls()), []string{"DeleteIdentityPolicy Legacy", "PutIdentityPolicy Changed", "PutIdentityPolicy New"}; !reflect.DeepEqual(got, want) {
		t.Errorf("writes = %q; want %q", got, want)
	}
	wantPolicies := map[string]string{
		"Changed": compact(policyFor("444455556666")),
		"New":     compact(policyFor("111122223333")),
		"Same":    compact(policyFor("111122223333")),
	}
	if got := e.fake.Policies("example.com"); !reflect.DeepEqual(got, wantPolicies) {
		t.Errorf("policies on SES = %q; want %q", got, wantPolicies)
	}

	// Applying again finds nothing to do.
	again := e.plan(t, desired, true)
	if n := again.PendingCount(); n != 0 {
		t.Errorf("second plan has %d pending changes: %+v", n, again.Changes)
	}
}

func TestWritesArePacedToOnePerSecond(t *testing.T) {
	// Every operation the fake knows is limited to one call a second, on
	// the same clock the session paces with.
	e := newEnv(t, sesfake.WithRateLimited(sesfake.PutIdentityPolicy, sesfake.DeleteIdentityPolicy,
		sesfake.GetIdentityPolicies, sesfake.ListIdentityPolicies, sesfake.GetIdentityVerificationAttributes))
	e.fake.SetPolicy("example.com", "Old1", compact(policyFor("111122223333")))
	e.fake.SetPolicy("example.com", "Old2", compact(policyFor("111122223333")))
	desired := []apply.Desired{want("A", "111122223333"), want("B", "111122223333"), want("C", "111122223333")}

	p := e.plan(t, desired, true)
	results := e.session.Apply(context.Background(), p)
	for i, r := range results {
		if r.Status != apply.Applied || r.Attempts != 1 {
			t.Errorf("change %d: %s after %d attempts (%s %s)", i, r.Status, r.Attempts, r.Code, r.Message)
		}
	}
	for _, c := range e.fake.Calls() {
		if c.Error != "" {
			t.Errorf("%s was refused with %s: the session did not pace it", c.Action, c.Error)
		}
	}
	if len(e.rec.writes) != 5 {
		t.Fatalf("%d writes; want 5", len(e.rec.writes))
	}
	// Deletes and puts share the allowance: one write a second, no faster
	// and, with nothing else to wait for, no slower.
	for i := 1; i < len(e.rec.writes); i++ {
		if d := e.rec.writes[i].Sub(e.rec.writes[i-1]); d != time.Second {
			t.Errorf("write %d came %v after the one before; want 1s", i, d)
		}
	}
}

func TestThrottlingIsRetriedWithBackoff(t *testing.T) {
	e := newEnv(t)
	e.fake.FailNext(sesfake.PutIdentityPolicy, sesfake.CodeThrottling, "Rate exceeded")
	e.fake.FailNext(sesfake.PutIdentityPolicy, sesfake.CodeThrottling, "Rate exceeded")

	p := e.plan(t, []apply.Desired{want("A", "111122223333")}, false)
	start := e.clock.Now()
	results := e.session.Apply(context.Background(), p)
	if r := results[0]; r.Status != apply.Applied || r.Attempts != 3 {
		t.Fatalf("result = %+v; want applied after 3 attempts", r)
	}
	var offsets []time.Duration
	for _, w := range e.rec.writes {
		offsets = append(offsets, w.Sub(start))
	}
	if want := []time.Duration{0, time.Second, 3 * time.Second}; !reflect.DeepEqual(offsets, want) {
		t.Errorf("attempts at %v; want %v (backoff 1s, then 2s)", offsets, want)
	}
	if _, ok := e.fake.Policies("example.com")["A"]; !ok {
		t.Error("policy A not stored")
	}
}

func TestThrottlingGivesUp(t *testing.T) {
	e := newEnv(t)
	for range 6 {
		e.fake.FailNext(sesfake.PutIdentityPolicy, sesfake.CodeThrottling, "Rate exceeded")
	}
	p := e.plan(t, []apply.Desired{want("A", "111122223333"), want("B", "111122223333")}, false)
	start := e.clock.Now()
	results := e.session.Apply(context.Background(), p)
	a, b := results[0], results[1]
	if a.Status != apply.Failed || a.Code != "Throttling" || a.Attempts != 6 || a.Note != "still throttled after 6 attempts" {
		t.Errorf("A = %+v; want failed with Throttling after 6 attempts", a)
	}
	// 1+2+4+8+16 seconds of backoff, then B one second later.
	if got := e.rec.writes[len(e.rec.writes)-1].Sub(start); got != 32*time.Second {
		t.Errorf("B written %v after the start; want 32s", got)
	}
	if b.Status != apply.Applied {
		t.Errorf("B = %+v; an API error must not stop the run", b)
	}
}

func TestPartialFailure(t *testing.T) {
	e := newEnv(t, sesfake.WithPolicyCheck(func(identity, name, policy string) error {
		if strings.Contains(policy, "user/nobody") {
			return errors.New("Invalid principal in policy: \"AWS\" : \"arn:aws:iam::111122223333:user/nobody\"")
		}
		return nil
	}))
	desired := []apply.Desired{want("A", "111122223333"), want("Bad", "arn:aws:iam::111122223333:user/nobody"), want("C", "111122223333")}
	p := e.plan(t, desired, false)
	results := e.session.Apply(context.Background(), p)
	if got, want := statuses(results), []apply.Status{apply.Applied, apply.Failed, apply.Applied}; !reflect.DeepEqual(got, want) {
		t.Fatalf("statuses = %v; want %v", got, want)
	}
	bad := results[1]
	if bad.Code != sesfake.CodeInvalidPolicy {
		t.Errorf("code = %q; want InvalidPolicy", bad.Code)
	}
	msg := apply.FailureText(&p.Changes[1], bad)
	wantMsg := `policies/example.com/Bad.json: policy "Bad" on identity "example.com": InvalidPolicy: Invalid principal in policy: "AWS" : "arn:aws:iam::111122223333:user/nobody"`
	if msg != wantMsg {
		t.Errorf("failure text =\n  %s\nwant\n  %s", msg, wantMsg)
	}
	if got := apply.ResultSummary(results); got != "Summary: 2 applied, 1 failed." {
		t.Errorf("summary = %q", got)
	}
	if got := e.fake.Policies("example.com"); len(got) != 2 {
		t.Errorf("policies on SES = %q; want A and C", got)
	}
}

// memSES is an SES v2-like service in memory: create and update fail when
// the policy does or does not exist.
type memSES struct {
	policies map[string]string
	// unreachable makes every write fail as a network error would.
	unreachable bool
	writes      int
}

func (m *memSES) Region() string                                { return "us-east-1" }
func (m *memSES) CallerAccount(context.Context) (string, error) { return "123456789012", nil }
func (m *memSES) IdentityStatus(_ context.Context, names []string) (map[string]apply.IdentityStatus, error) {
	out := map[string]apply.IdentityStatus{}
	for _, n := range names {
		out[n] = apply.IdentityStatus{Verified: true, Status: "SUCCESS"}
	}
	return out, nil
}
func (m *memSES) ListPolicies(context.Context, string) ([]string, error) {
	var out []string
	for n := range m.policies {
		out = append(out, n)
	}
	return out, nil
}
func (m *memSES) GetPolicies(_ context.Context, _ string, names []string) (map[string]string, error) {
	out := map[string]string{}
	for _, n := range names {
		out[n] = m.policies[n]
	}
	return out, nil
}
func (m *memSES) PutPolicy(_ context.Context, _, name, policy string, exists bool) error {
	m.writes++
	if m.unreachable {
		return errors.New("dial tcp 127.0.0.1:1: connect: connection refused")
	}
	_, has := m.policies[name]
	switch {
	case exists && !has:
		return &apply.APIError{Operation: "UpdateEmailIdentityPolicy", Code: "NotFoundException", Message: "policy not found", Kind: apply.NotFound}
	case !exists && has:
		return &apply.APIError{Operation: "CreateEmailIdentityPolicy", Code: "AlreadyExistsException", Message: "policy exists", Kind: apply.AlreadyExists}
	}
	m.policies[name] = policy
	return nil
}
func (m *memSES) DeletePolicy(_ context.Context, _, name string) error {
	m.writes++
	if _, ok := m.policies[name]; !ok {
		return &apply.APIError{Operation: "DeleteEmailIdentityPolicy", Code: "NotFoundException", Kind: apply.NotFound}
	}
	delete(m.policies, name)
	return nil
}

func TestStalePlan(t *testing.T) {
	m := &memSES{policies: map[string]string{"Upd": policyFor("111122223333"), "Gone": policyFor("111122223333")}}
	s := apply.NewSession(m, manualClock{sesfake.NewClock(t0)})
	st, err := s.Read(context.Background(), []string{"example.com"})
	if err != nil {
		t.Fatal(err)
	}
	p := apply.Build([]apply.Desired{want("New", "111122223333"), want("Upd", "444455556666")}, st, apply.Options{API: apply.V2, Region: "us-east-1", Prune: true})
	// Between the plan and the apply, someone else changes SES.
	m.policies["New"] = "{}"
	delete(m.policies, "Upd")
	delete(m.policies, "Gone")

	results := s.Apply(context.Background(), p)
	byName := map[string]apply.Result{}
	for i, c := range p.Changes {
		byName[c.Name] = results[i]
	}
	if r := byName["New"]; r.Status != apply.Failed || r.Code != "AlreadyExistsException" || !strings.Contains(r.Note, "created on SES after the plan") {
		t.Errorf("New = %+v", r)
	}
	if r := byName["Upd"]; r.Status != apply.Failed || r.Code != "NotFoundException" || !strings.Contains(r.Note, "deleted from SES after the plan") {
		t.Errorf("Upd = %+v", r)
	}
	if r := byName["Gone"]; r.Status != apply.Applied || r.Note != "the policy was already gone" {
		t.Errorf("Gone = %+v", r)
	}
}

func TestUnreachableStopsTheRun(t *testing.T) {
	m := &memSES{policies: map[string]string{}}
	s := apply.NewSession(m, manualClock{sesfake.NewClock(t0)})
	st, err := s.Read(context.Background(), []string{"example.com"})
	if err != nil {
		t.Fatal(err)
	}
	p := apply.Build([]apply.Desired{want("A", "1"), want("B", "1"), want("C", "1")}, st, apply.Options{API: apply.V2, Region: "us-east-1"})
	m.unreachable = true
	results := s.Apply(context.Background(), p)
	if got, want := statuses(results), []apply.Status{apply.Failed, apply.NotAttempted, apply.NotAttempted}; !reflect.DeepEqual(got, want) {
		t.Fatalf("statuses = %v; want %v", got, want)
	}
	if m.writes != 1 {
		t.Errorf("%d writes after SES became unreachable; want 1", m.writes)
	}
	if !strings.Contains(results[0].Message, "connection refused") {
		t.Errorf("message = %q", results[0].Message)
	}
	if got := apply.ResultSummary(results); got != "Summary: 1 failed, 2 not attempted." {
		t.Errorf("summary = %q", got)
	}
}

func TestInterruptedRun(t *testing.T) {
	m := &memSES{policies: map[string]string{}}
	s := apply.NewSession(m, manualClock{sesfake.NewClock(t0)})
	st, err := s.Read(context.Background(), []string{"example.com"})
	if err != nil {
		t.Fatal(err)
	}
	p := apply.Build([]apply.Desired{want("A", "1"), want("B", "1")}, st, apply.Options{API: apply.V2, Region: "us-east-1"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	results := s.Apply(ctx, p)
	for i, r := range results {
		if r.Status != apply.NotAttempted || r.Note != "interrupted" {
			t.Errorf("change %d = %+v; want not attempted, interrupted", i, r)
		}
	}
	if m.writes != 0 {
		t.Errorf("%d writes after the interrupt", m.writes)
	}
}
