package sesfake_test

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ses"
	"github.com/aws/aws-sdk-go-v2/service/ses/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/seslint/seslint/internal/apply/sesfake"
)

const (
	accessKey = "AKIDSESFAKETEST00001"
	secretKey = "sesfake-secret-key-never-logged"
	domain    = "example.com"
	email     = "sender@example.org"
	pending   = "pending.example.net"
)

var t0 = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

func policyFor(identity, principal string) string {
	return fmt.Sprintf(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AuthorizeAccount",
      "Effect": "Allow",
      "Principal": {"AWS": %q},
      "Action": ["ses:SendEmail", "ses:SendRawEmail"],
      "Resource": "arn:aws:ses:us-east-1:123456789012:identity/%s"
    }
  ]
}`, principal, identity)
}

// compact is policyFor as SES returns it.
func compact(identity, principal string) string {
	return fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Sid":"AuthorizeAccount","Effect":"Allow","Principal":{"AWS":%q},"Action":["ses:SendEmail","ses:SendRawEmail"],"Resource":"arn:aws:ses:us-east-1:123456789012:identity/%s"}]}`, principal, identity)
}

type env struct {
	fake  *sesfake.Server
	clock *sesfake.Clock
	url   string
	ses   *ses.Client
	sts   *sts.Client
}

// newEnv starts a fake with a verified domain, a verified email address and
// a pending domain, and real SDK clients pointed at it. Retries are off: the
// SDK retries Throttling and 5xx answers, with real sleeps in between.
func newEnv(t *testing.T, opts ...sesfake.Option) *env {
	t.Helper()
	clock := sesfake.NewClock(t0)
	fake := sesfake.New(append([]sesfake.Option{sesfake.WithClock(clock.Now)}, opts...)...)
	fake.AddIdentity(domain, true)
	fake.AddIdentity(email, true)
	fake.AddIdentity(pending, false)
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	return &env{fake: fake, clock: clock, url: srv.URL, ses: sesClient(srv.URL, "us-east-1"), sts: stsClient(srv.URL)}
}

func sdkConfig(region string) aws.Config {
	return aws.Config{
		Region:      region,
		Credentials: credentials.NewStaticCredentialsProvider(accessKey, secretKey, ""),
		Retryer:     func() aws.Retryer { return aws.NopRetryer{} },
	}
}

func sesClient(endpoint, region string) *ses.Client {
	return ses.NewFromConfig(sdkConfig(region), func(o *ses.Options) { o.BaseEndpoint = aws.String(endpoint) })
}

func stsClient(endpoint string) *sts.Client {
	return sts.NewFromConfig(sdkConfig("us-east-1"), func(o *sts.Options) { o.BaseEndpoint = aws.String(endpoint) })
}

func (e *env) put(identity, name, policy string) error {
	_, err := e.ses.PutIdentityPolicy(context.Background(), &ses.PutIdentityPolicyInput{
		Identity: aws.String(identity), PolicyName: aws.String(name), Policy: aws.String(policy),
	})
	return err
}

func (e *env) del(identity, name string) error {
	_, err := e.ses.DeleteIdentityPolicy(context.Background(), &ses.DeleteIdentityPolicyInput{
		Identity: aws.String(identity), PolicyName: aws.String(name),
	})
	return err
}

func (e *env) list(identity string) ([]string, error) {
	out, err := e.ses.ListIdentityPolicies(context.Background(), &ses.ListIdentityPoliciesInput{Identity: aws.String(identity)})
	if err != nil {
		return nil, err
	}
	return out.PolicyNames, nil
}

func (e *env) get(identity string, names ...string) (map[string]string, error) {
	out, err := e.ses.GetIdentityPolicies(context.Background(), &ses.GetIdentityPoliciesInput{
		Identity: aws.String(identity), PolicyNames: names,
	})
	if err != nil {
		return nil, err
	}
	return out.Policies, nil
}

// apiError asserts that err is an API error with the code and HTTP status,
// and returns its message.
func apiError(t *testing.T, err error, code string, status int) string {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("error = %v; want API error %s", err, code)
	}
	if ae.ErrorCode() != code {
		t.Fatalf("error code = %q (%v); want %q", ae.ErrorCode(), err, code)
	}
	var re *awshttp.ResponseError
	if !errors.As(err, &re) {
		t.Fatalf("error %v carries no HTTP response", err)
	}
	if re.HTTPStatusCode() != status {
		t.Errorf("HTTP status of %s = %d; want %d", code, re.HTTPStatusCode(), status)
	}
	return ae.ErrorMessage()
}

func TestPolicyLifecycle(t *testing.T) {
	e := newEnv(t)

	if err := e.put(domain, "Marketing", policyFor(domain, "111122223333")); err != nil {
		t.Fatalf("put Marketing: %v", err)
	}
	e.clock.Advance(time.Second)
	if err := e.put(domain, "billing_2", policyFor(domain, "444455556666")); err != nil {
		t.Fatalf("put billing_2: %v", err)
	}

	names, err := e.list(domain)
	if err != nil {
		t.Fatalf("list: %v", err)
	}
	if want := []string{"Marketing", "billing_2"}; !reflect.DeepEqual(names, want) {
		t.Errorf("ListIdentityPolicies = %q; want %q", names, want)
	}

	got, err := e.get(domain, "Marketing", "absent", "billing_2")
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	want := map[string]string{
		"Marketing": compact(domain, "111122223333"),
		"billing_2": compact(domain, "444455556666"),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("GetIdentityPolicies = %q; want %q (compacted, the absent name left out)", got, want)
	}
	if p := e.fake.Policies(domain); !reflect.DeepEqual(p, want) {
		t.Errorf("Policies(%q) = %q; want %q", domain, p, want)
	}

	// Put replaces a policy of the same name.
	e.clock.Advance(time.Second)
	if err := e.put(domain, "Marketing", policyFor(domain, "777788889999")); err != nil {
		t.Fatalf("overwrite Marketing: %v", err)
	}
	if p := e.fake.Policies(domain)["Marketing"]; p != compact(domain, "777788889999") {
		t.Errorf("Marketing after overwrite = %s", p)
	}

	if err := e.del(domain, "Marketing"); err != nil {
		t.Fatalf("delete: %v", err)
	}
	e.clock.Advance(time.Second)
	// Deleting a policy that does not exist succeeds (API reference).
	if err := e.del(domain, "Marketing"); err != nil {
		t.Fatalf("delete of an absent policy: %v", err)
	}
	names, err = e.list(domain)
	if err != nil {
		t.Fatalf("list after delete: %v", err)
	}
	if want := []string{"billing_2"}; !reflect.DeepEqual(names, want) {
		t.Errorf("ListIdentityPolicies after delete = %q; want %q", names, want)
	}

	// An identity with no policy lists none, and Get of a missing name is
	// an empty map, not an error.
	names, err = e.list(email)
	if err != nil || len(names) != 0 {
		t.Errorf("list of %s = %q, %v; want none", email, names, err)
	}
	got, err = e.get(email, "nothing")
	if err != nil || len(got) != 0 {
		t.Errorf("get of %s = %q, %v; want an empty map", email, got, err)
	}
	if p := e.fake.Policies("unknown.example"); p != nil {
		t.Errorf("Policies of an unknown identity = %q; want nil", p)
	}
}

func TestIdentityByARN(t *testing.T) {
	e := newEnv(t)
	arn := "arn:aws:ses:us-east-1:123456789012:identity/" + email
	if err := e.put(arn, "ByArn", policyFor(email, "111122223333")); err != nil {
		t.Fatalf("put by ARN: %v", err)
	}
	if _, ok := e.fake.Policies(email)["ByArn"]; !ok {
		t.Fatalf("policy put by ARN is not on %s: %q", email, e.fake.Policies(email))
	}
	names, err := e.list(arn)
	if err != nil || !reflect.DeepEqual(names, []string{"ByArn"}) {
		t.Errorf("list by ARN = %q, %v", names, err)
	}

	for _, bad := range []string{
		"arn:aws:ses:us-east-1:999999999999:identity/" + email, // another account
		"arn:aws:ses:eu-west-1:123456789012:identity/" + email, // another region
		"arn:aws:ses:us-east-1:123456789012:identity/",         // no name
		"arn:aws:ses:us-east-1:123456789012:template/" + email, // not an identity
		"arn:aws:sns:us-east-1:123456789012:identity/" + email, // not SES
		"arn:aws:ses",
	} {
		_, err := e.list(bad)
		apiError(t, err, sesfake.CodeInvalidParameterValue, 400)
	}
}

func TestIdentityMustBeOwnedAndVerified(t *testing.T) {
	e := newEnv(t)
	for _, identity := range []string{pending, "not-mine.example"} {
		msg := apiError(t, e.put(identity, "P", policyFor(identity, "111122223333")), sesfake.CodeInvalidParameterValue, 400)
		if !strings.Contains(msg, identity) {
			t.Errorf("message %q does not name %s", msg, identity)
		}
		// The API reference says the same of every policy operation.
		e.clock.Advance(time.Second)
		apiError(t, e.del(identity, "P"), sesfake.CodeInvalidParameterValue, 400)
		_, err := e.list(identity)
		apiError(t, err, sesfake.CodeInvalidParameterValue, 400)
		_, err = e.get(identity, "P")
		apiError(t, err, sesfake.CodeInvalidParameterValue, 400)
		e.clock.Advance(time.Second)
	}
	if p := e.fake.Policies(pending); len(p) != 0 {
		t.Errorf("a policy reached the pending identity: %q", p)
	}

	// Once verified, the same identity takes policies.
	e.fake.AddIdentity(pending, true)
	if err := e.put(pending, "P", policyFor(pending, "111122223333")); err != nil {
		t.Fatalf("put after verification: %v", err)
	}
}

func TestPolicyName(t *testing.T) {
	for _, tc := range []struct {
		name string
		code string // "" for success
	}{
		{"a", ""},
		{"Allow-Marketing_01", ""},
		{strings.Repeat("n", 64), ""},
		{"", sesfake.CodeValidationError},
		{strings.Repeat("n", 65), sesfake.CodeValidationError},
		{"has space", sesfake.CodeInvalidParameterValue},
		{"dotted.name", sesfake.CodeInvalidParameterValue},
		{"émoji😀", sesfake.CodeInvalidParameterValue},
	} {
		t.Run(fmt.Sprintf("%q", tc.name), func(t *testing.T) {
			e := newEnv(t)
			err := e.put(domain, tc.name, policyFor(domain, "111122223333"))
			if tc.code == "" {
				if err != nil {
					t.Fatalf("put: %v", err)
				}
				if _, ok := e.fake.Policies(domain)[tc.name]; !ok {
					t.Fatalf("policy %q not stored", tc.name)
				}
				return
			}
			apiError(t, err, tc.code, 400)
			// Delete checks the name the same way.
			apiError(t, e.del(domain, tc.name), tc.code, 400)
		})
	}
}

func TestPolicyText(t *testing.T) {
	// 4096 bytes exactly, counted in UTF-8: the padding holds a 4-byte emoji.
	pad := func(size int) string {
		p := `{"Statement":[{"Sid":"😀","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"ses:SendEmail","Resource":"arn:aws:ses:us-east-1:123456789012:identity/example.com"}],"Id":"`
		return p + strings.Repeat("x", size-len(p)-2) + `"}`
	}
	for _, tc := range []struct {
		label, policy, code string
	}{
		{"4096 bytes", pad(4096), ""},
		{"single statement object", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"ses:SendEmail","Resource":"*"}}`, ""},
		{"4097 bytes", pad(4097), sesfake.CodeInvalidPolicy},
		{"not JSON", `{"Statement": [`, sesfake.CodeInvalidPolicy},
		{"two JSON values", `{"Statement":[{}]} {}`, sesfake.CodeInvalidPolicy},
		{"not an object", `["Statement"]`, sesfake.CodeInvalidPolicy},
		{"no statement", `{"noSuchAttribute": 2}`, sesfake.CodeInvalidPolicy},
		{"empty statement list", `{"Version":"2012-10-17","Statement":[ ]}`, sesfake.CodeInvalidPolicy},
		{"empty", ``, sesfake.CodeValidationError},
	} {
		t.Run(tc.label, func(t *testing.T) {
			e := newEnv(t)
			err := e.put(domain, "P", tc.policy)
			if tc.code == "" {
				if err != nil {
					t.Fatalf("put: %v", err)
				}
				return
			}
			apiError(t, err, tc.code, 400)
			if tc.code == sesfake.CodeInvalidPolicy {
				var ipe *types.InvalidPolicyException
				if !errors.As(err, &ipe) {
					t.Errorf("error %T %v is not *types.InvalidPolicyException", err, err)
				}
			}
			if p := e.fake.Policies(domain); len(p) != 0 {
				t.Errorf("refused policy stored: %q", p)
			}
		})
	}
}

func TestPolicyCheckHook(t *testing.T) {
	e := newEnv(t, sesfake.WithPolicyCheck(func(identity, name, policy string) error {
		if strings.Contains(policy, "user/nobody") {
			return fmt.Errorf("Invalid principal in policy: %q", "arn:aws:iam::111122223333:user/nobody")
		}
		return nil
	}))
	err := e.put(domain, "P", policyFor(domain, "arn:aws:iam::111122223333:user/nobody"))
	msg := apiError(t, err, sesfake.CodeInvalidPolicy, 400)
	var ipe *types.InvalidPolicyException
	if !errors.As(err, &ipe) {
		t.Fatalf("error %T is not *types.InvalidPolicyException", err)
	}
	if !strings.Contains(msg, "user/nobody") {
		t.Errorf("message %q lost the hook's text", msg)
	}
	// The refused call used the second; the next one waits for it.
	e.clock.Advance(time.Second)
	if err := e.put(domain, "P", policyFor(domain, "arn:aws:iam::111122223333:user/somebody")); err != nil {
		t.Fatalf("put of an accepted principal: %v", err)
	}
}

func TestPolicyLimit(t *testing.T) {
	e := newEnv(t)
	for i := range sesfake.MaxPoliciesPerIdentity {
		if err := e.put(domain, fmt.Sprintf("P%02d", i), policyFor(domain, "111122223333")); err != nil {
			t.Fatalf("put %d: %v", i, err)
		}
		e.clock.Advance(time.Second)
	}
	apiError(t, e.put(domain, "OneTooMany", policyFor(domain, "111122223333")), sesfake.CodeInvalidParameterValue, 400)
	if n := len(e.fake.Policies(domain)); n != 20 {
		t.Fatalf("%d policies stored; want 20", n)
	}
	// Replacing one of the 20 is not a new policy.
	e.clock.Advance(time.Second)
	if err := e.put(domain, "P07", policyFor(domain, "444455556666")); err != nil {
		t.Fatalf("overwrite at the limit: %v", err)
	}
	// The limit is per identity.
	e.clock.Advance(time.Second)
	if err := e.put(email, "P00", policyFor(email, "111122223333")); err != nil {
		t.Fatalf("put on another identity: %v", err)
	}
	if err := e.del(domain, "P00"); err != nil {
		t.Fatalf("delete: %v", err)
	}
	e.clock.Advance(time.Second)
	if err := e.put(domain, "Twentieth", policyFor(domain, "111122223333")); err != nil {
		t.Fatalf("put after a delete: %v", err)
	}

	// GetIdentityPolicies takes at most 20 names.
	names := make([]string, sesfake.MaxGetPolicyNames+1)
	for i := range names {
		names[i] = fmt.Sprintf("P%02d", i)
	}
	if got, err := e.get(domain, names[:20]...); err != nil || len(got) != 19 {
		t.Errorf("get of 20 names = %d policies, %v; want 19 (P00 was deleted)", len(got), err)
	}
	_, err := e.get(domain, names...)
	apiError(t, err, sesfake.CodeInvalidParameterValue, 400)
}

func TestThrottling(t *testing.T) {
	e := newEnv(t)
	if err := e.put(domain, "First", policyFor(domain, "111122223333")); err != nil {
		t.Fatalf("first put: %v", err)
	}
	err := e.put(domain, "Second", policyFor(domain, "111122223333"))
	if msg := apiError(t, err, sesfake.CodeThrottling, 400); msg != "Rate exceeded" {
		t.Errorf("throttling message = %q; want %q", msg, "Rate exceeded")
	}
	if _, ok := e.fake.Policies(domain)["Second"]; ok {
		t.Fatal("a throttled put changed the state")
	}

	// The limit is per operation: a delete in the same instant goes through.
	if err := e.del(domain, "Nothing"); err != nil {
		t.Fatalf("delete in the same instant as a put: %v", err)
	}
	apiError(t, e.del(domain, "Nothing"), sesfake.CodeThrottling, 400)
	// Reads are not limited unless asked for.
	for range 3 {
		if _, err := e.list(domain); err != nil {
			t.Fatalf("list: %v", err)
		}
	}

	e.clock.Advance(999 * time.Millisecond)
	apiError(t, e.put(domain, "Second", policyFor(domain, "111122223333")), sesfake.CodeThrottling, 400)
	// A refused call does not restart the second: at t0+1s the put is due.
	e.clock.Advance(time.Millisecond)
	if err := e.put(domain, "Second", policyFor(domain, "111122223333")); err != nil {
		t.Fatalf("put one second later: %v", err)
	}

	// The limit is per account: another client of the same account shares it.
	other := sesClient(e.url, "us-east-1")
	_, err = other.PutIdentityPolicy(context.Background(), &ses.PutIdentityPolicyInput{
		Identity: aws.String(email), PolicyName: aws.String("Other"), Policy: aws.String(policyFor(email, "111122223333")),
	})
	apiError(t, err, sesfake.CodeThrottling, 400)
}

func TestRateLimitedReads(t *testing.T) {
	e := newEnv(t, sesfake.WithRateLimited(sesfake.ListIdentityPolicies))
	if _, err := e.list(domain); err != nil {
		t.Fatalf("list: %v", err)
	}
	_, err := e.list(domain)
	apiError(t, err, sesfake.CodeThrottling, 400)
	// The set replaces the default: writes are now free.
	for i := range 2 {
		if err := e.put(domain, fmt.Sprintf("P%d", i), policyFor(domain, "111122223333")); err != nil {
			t.Fatalf("put %d: %v", i, err)
		}
	}
}

func TestFailNext(t *testing.T) {
	e := newEnv(t)
	e.fake.FailNext(sesfake.PutIdentityPolicy, "InvalidPolicy", "Invalid principal in policy")
	e.fake.FailNext(sesfake.PutIdentityPolicy, "InternalFailure", "We encountered an internal error")

	err := e.put(domain, "A", policyFor(domain, "111122223333"))
	if msg := apiError(t, err, "InvalidPolicy", 400); msg != "Invalid principal in policy" {
		t.Errorf("message = %q", msg)
	}
	var ipe *types.InvalidPolicyException
	if !errors.As(err, &ipe) {
		t.Errorf("injected InvalidPolicy is %T, not *types.InvalidPolicyException", err)
	}
	// Injected failures come before the rate limit and do not use it.
	apiError(t, e.put(domain, "A", policyFor(domain, "111122223333")), "InternalFailure", 500)
	// Other actions are not affected.
	if _, err := e.list(domain); err != nil {
		t.Fatalf("list: %v", err)
	}
	if err := e.put(domain, "A", policyFor(domain, "111122223333")); err != nil {
		t.Fatalf("third put, after the queue ran out: %v", err)
	}
	if p := e.fake.Policies(domain); len(p) != 1 {
		t.Errorf("policies = %q; want only A", p)
	}

	e.fake.FailNext(sesfake.GetCallerIdentity, "ServiceUnavailable", "Service is unavailable")
	_, err = e.sts.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	apiError(t, err, "ServiceUnavailable", 503)
}

func TestVerificationAttributes(t *testing.T) {
	e := newEnv(t)
	out, err := e.ses.GetIdentityVerificationAttributes(context.Background(), &ses.GetIdentityVerificationAttributesInput{
		Identities: []string{domain, email, pending, "unknown.example"},
	})
	if err != nil {
		t.Fatalf("GetIdentityVerificationAttributes: %v", err)
	}
	attrs := out.VerificationAttributes
	if len(attrs) != 3 {
		t.Fatalf("attributes for %d identities; want 3 (the unknown one left out): %+v", len(attrs), attrs)
	}
	for name, want := range map[string]types.VerificationStatus{
		domain: types.VerificationStatusSuccess, email: types.VerificationStatusSuccess, pending: types.VerificationStatusPending,
	} {
		if got := attrs[name].VerificationStatus; got != want {
			t.Errorf("%s: status %q; want %q", name, got, want)
		}
	}
	if aws.ToString(attrs[domain].VerificationToken) == "" || attrs[email].VerificationToken != nil {
		t.Errorf("tokens: domain %v, email %v; want one for the domain only",
			aws.ToString(attrs[domain].VerificationToken), attrs[email].VerificationToken)
	}

	many := make([]string, sesfake.MaxVerificationIdentities+1)
	for i := range many {
		many[i] = fmt.Sprintf("d%d.example", i)
	}
	_, err = e.ses.GetIdentityVerificationAttributes(context.Background(), &ses.GetIdentityVerificationAttributesInput{Identities: many})
	apiError(t, err, sesfake.CodeInvalidParameterValue, 400)
}

func TestGetCallerIdentity(t *testing.T) {
	e := newEnv(t, sesfake.WithAccount("210987654321"))
	out, err := e.sts.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatalf("GetCallerIdentity: %v", err)
	}
	if aws.ToString(out.Account) != "210987654321" || aws.ToString(out.Arn) != "arn:aws:iam::210987654321:user/seslint-test" || aws.ToString(out.UserId) == "" {
		t.Errorf("GetCallerIdentity = %s %s %s", aws.ToString(out.Account), aws.ToString(out.Arn), aws.ToString(out.UserId))
	}
	// The identities belong to that account.
	arn := "arn:aws:ses:us-east-1:210987654321:identity/" + domain
	if err := e.put(arn, "P", policyFor(domain, "111122223333")); err != nil {
		t.Fatalf("put by ARN of the configured account: %v", err)
	}
}

func TestCalls(t *testing.T) {
	e := newEnv(t)
	_ = e.put(domain, "A", policyFor(domain, "111122223333"))
	_ = e.put(domain, "B", policyFor(domain, "111122223333")) // throttled
	_, _ = e.list(domain)
	_ = e.del(domain, "A")
	_, _ = e.sts.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})

	calls := e.fake.Calls()
	var got []string
	for _, c := range calls {
		got = append(got, c.Action+":"+c.Error)
	}
	want := []string{
		"PutIdentityPolicy:", "PutIdentityPolicy:Throttling", "ListIdentityPolicies:",
		"DeleteIdentityPolicy:", "GetCallerIdentity:",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("calls = %q; want %q", got, want)
	}
	p := calls[0].Params
	if p.Get("Identity") != domain || p.Get("PolicyName") != "A" || p.Get("Policy") != policyFor(domain, "111122223333") || p.Get("Version") != "2010-12-01" {
		t.Errorf("params of the first put = %v", p)
	}
	if n := e.fake.WriteCalls(); n != 3 {
		t.Errorf("WriteCalls = %d; want 3 (two puts, one throttled, and a delete)", n)
	}

	// The log is a copy.
	calls[0].Params.Set("Identity", "changed")
	if e.fake.Calls()[0].Params.Get("Identity") != domain {
		t.Error("Calls returned the log itself, not a copy")
	}

	// Credentials never reach the log, even when a client puts them in
	// the query string.
	form := url.Values{"Action": {"ListIdentityPolicies"}, "Version": {"2010-12-01"}, "Identity": {domain}}
	req, _ := http.NewRequest(http.MethodPost,
		e.url+"/?X-Amz-Credential="+accessKey+"%2F20261126%2Fus-east-1%2Fses%2Faws4_request&X-Amz-Security-Token=tok&X-Amz-Signature=sig",
		strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+accessKey+"/20261126/us-east-1/ses/aws4_request, SignedHeaders=host, Signature=abc")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("raw list: HTTP %d", resp.StatusCode)
	}
	for _, c := range e.fake.Calls() {
		for k, vs := range c.Params {
			for _, v := range vs {
				for _, secret := range []string{accessKey, secretKey, "tok", "sig", "AWS4-HMAC-SHA256"} {
					if strings.Contains(k, secret) || strings.Contains(v, secret) {
						t.Errorf("%s logged %s=%s, which holds a credential", c.Action, k, v)
					}
				}
			}
		}
	}
	if last := e.fake.Calls()[len(calls)].Params; last.Get("Identity") != domain || len(last) != 3 {
		t.Errorf("raw call params = %v; want Action, Version and Identity only", last)
	}
}

func TestRequestChecks(t *testing.T) {
	e := newEnv(t)

	// A client configured for another region signs for it.
	_, err := sesClient(e.url, "eu-west-1").ListIdentityPolicies(context.Background(), &ses.ListIdentityPoliciesInput{Identity: aws.String(domain)})
	apiError(t, err, sesfake.CodeSignatureDoesNotMatch, 403)

	post := func(form url.Values, auth string) (int, errorBody) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, e.url+"/", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if ct := resp.Header.Get("Content-Type"); ct != "text/xml" {
			t.Errorf("Content-Type = %q", ct)
		}
		var eb errorBody
		if err := xml.Unmarshal(body, &eb); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		return resp.StatusCode, eb
	}
	sesAuth := "AWS4-HMAC-SHA256 Credential=" + accessKey + "/20261126/us-east-1/ses/aws4_request, SignedHeaders=host, Signature=abc"
	stsAuth := strings.Replace(sesAuth, "/ses/", "/sts/", 1)

	for _, tc := range []struct {
		label  string
		form   url.Values
		auth   string
		status int
		code   string
		ns     string
	}{
		{"unsigned", url.Values{"Action": {"ListIdentityPolicies"}, "Version": {"2010-12-01"}, "Identity": {domain}}, "",
			403, sesfake.CodeMissingAuthToken, "http://ses.amazonaws.com/doc/2010-12-01/"},
		{"signed for STS", url.Values{"Action": {"ListIdentityPolicies"}, "Version": {"2010-12-01"}, "Identity": {domain}}, stsAuth,
			403, sesfake.CodeSignatureDoesNotMatch, "http://ses.amazonaws.com/doc/2010-12-01/"},
		{"no action", url.Values{"Version": {"2010-12-01"}}, sesAuth,
			400, sesfake.CodeMissingAction, "http://ses.amazonaws.com/doc/2010-12-01/"},
		{"unknown action", url.Values{"Action": {"SendEmail"}, "Version": {"2010-12-01"}}, sesAuth,
			400, sesfake.CodeInvalidAction, "http://ses.amazonaws.com/doc/2010-12-01/"},
		{"SES action, STS version", url.Values{"Action": {"ListIdentityPolicies"}, "Version": {"2011-06-15"}}, stsAuth,
			400, sesfake.CodeInvalidAction, "https://sts.amazonaws.com/doc/2011-06-15/"},
		{"STS action, SES version", url.Values{"Action": {"GetCallerIdentity"}, "Version": {"2010-12-01"}}, sesAuth,
			400, sesfake.CodeInvalidAction, "http://ses.amazonaws.com/doc/2010-12-01/"},
		{"STS action, no version", url.Values{"Action": {"GetCallerIdentity"}}, stsAuth,
			400, sesfake.CodeInvalidAction, "https://sts.amazonaws.com/doc/2011-06-15/"},
		{"invalid policy", url.Values{"Action": {"PutIdentityPolicy"}, "Version": {"2010-12-01"}, "Identity": {domain},
			"PolicyName": {"P"}, "Policy": {"<not json>"}}, sesAuth,
			400, sesfake.CodeInvalidPolicy, "http://ses.amazonaws.com/doc/2010-12-01/"},
	} {
		t.Run(tc.label, func(t *testing.T) {
			status, eb := post(tc.form, tc.auth)
			if status != tc.status || eb.Error.Code != tc.code || eb.XMLName.Space != tc.ns ||
				eb.Error.Type != "Sender" || eb.Error.Message == "" || eb.RequestID == "" {
				t.Errorf("HTTP %d %+v; want HTTP %d, code %s, namespace %s, type Sender, a message and a request ID",
					status, eb, tc.status, tc.code, tc.ns)
			}
		})
	}
}

type errorBody struct {
	XMLName xml.Name `xml:"ErrorResponse"`
	Error   struct {
		Type    string
		Code    string
		Message string
	}
	RequestID string `xml:"RequestId"`
}

func TestResponseEnvelope(t *testing.T) {
	e := newEnv(t)
	e.fake.SetPolicy(domain, "Seeded", `{"Statement":[{"Sid":"<&>"}]}`)
	form := url.Values{"Action": {"GetIdentityPolicies"}, "Version": {"2010-12-01"}, "Identity": {domain}, "PolicyNames.member.1": {"Seeded"}}
	req, _ := http.NewRequest(http.MethodPost, e.url+"/", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+accessKey+"/20261126/us-east-1/ses/aws4_request, SignedHeaders=host, Signature=abc")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var doc struct {
		XMLName xml.Name `xml:"GetIdentityPoliciesResponse"`
		Entries []struct {
			Key   string `xml:"key"`
			Value string `xml:"value"`
		} `xml:"GetIdentityPoliciesResult>Policies>entry"`
		RequestID string `xml:"ResponseMetadata>RequestId"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("%s: %v", body, err)
	}
	if doc.XMLName.Space != "http://ses.amazonaws.com/doc/2010-12-01/" || len(doc.Entries) != 1 ||
		doc.Entries[0].Key != "Seeded" || doc.Entries[0].Value != `{"Statement":[{"Sid":"<&>"}]}` || doc.RequestID == "" {
		t.Errorf("response %s decoded as %+v", body, doc)
	}
	if resp.Header.Get("x-amzn-RequestId") != doc.RequestID {
		t.Errorf("x-amzn-RequestId %q differs from the body's %q", resp.Header.Get("x-amzn-RequestId"), doc.RequestID)
	}
	// SetPolicy is setup, not a call.
	if n := len(e.fake.Calls()); n != 1 {
		t.Errorf("%d calls logged; want 1", n)
	}
}

func TestSetPolicyOnUnknownIdentityPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("SetPolicy on an identity never added did not panic")
		}
	}()
	sesfake.New().SetPolicy("nobody.example", "P", "{}")
}
