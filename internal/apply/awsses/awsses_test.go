package awsses_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/seslint/seslint/internal/apply"
	"github.com/seslint/seslint/internal/apply/awsses"
	"github.com/seslint/seslint/internal/apply/sesfake"
)

const policy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"ses:SendEmail","Resource":"arn:aws:ses:us-east-1:123456789012:identity/example.com"}]}`

func startFake(t *testing.T) (*sesfake.Server, *sesfake.Clock, string) {
	t.Helper()
	clock := sesfake.NewClock(time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC))
	fake := sesfake.New(sesfake.WithClock(clock.Now))
	fake.AddIdentity("example.com", true)
	fake.AddIdentity("pending.example", false)
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	return fake, clock, srv.URL
}

func TestV1AgainstFake(t *testing.T) {
	fake, clock, url := startFake(t)
	c := awsses.NewForEndpoint(awsses.Endpoint{API: apply.V1, Region: "us-east-1", URL: url, AccessKeyID: "AKIDTEST", SecretAccessKey: "secret"})
	ctx := context.Background()

	if c.Region() != "us-east-1" {
		t.Errorf("Region = %q", c.Region())
	}
	acct, err := c.CallerAccount(ctx)
	if err != nil || acct != sesfake.DefaultAccount {
		t.Fatalf("CallerAccount = %q, %v", acct, err)
	}
	st, err := c.IdentityStatus(ctx, []string{"example.com", "pending.example", "missing.example"})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus := map[string]apply.IdentityStatus{
		"example.com":     {Verified: true, Status: "Success"},
		"pending.example": {Verified: false, Status: "Pending"},
	}
	if !reflect.DeepEqual(st, wantStatus) {
		t.Errorf("IdentityStatus = %+v; want %+v", st, wantStatus)
	}

	if err := c.PutPolicy(ctx, "example.com", "A", policy, false); err != nil {
		t.Fatalf("PutPolicy: %v", err)
	}
	names, err := c.ListPolicies(ctx, "example.com")
	if err != nil || !reflect.DeepEqual(names, []string{"A"}) {
		t.Fatalf("ListPolicies = %q, %v", names, err)
	}
	got, err := c.GetPolicies(ctx, "example.com", []string{"A", "absent"})
	if err != nil || !reflect.DeepEqual(got, map[string]string{"A": policy}) {
		t.Fatalf("GetPolicies = %q, %v", got, err)
	}

	// An error of the service keeps AWS's code and message, and its kind.
	clock.Advance(time.Second)
	err = c.PutPolicy(ctx, "example.com", "B", `{"noSuchAttribute": 2}`, false)
	var ae *apply.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("error %T %v is not an *apply.APIError", err, err)
	}
	want := apply.APIError{Operation: "PutIdentityPolicy", Code: "InvalidPolicy", Message: "Policy has no statement; a policy needs at least one.", Kind: apply.OtherError}
	if *ae != want {
		t.Errorf("error = %+v; want %+v", *ae, want)
	}
	if got := err.Error(); got != "PutIdentityPolicy: InvalidPolicy: Policy has no statement; a policy needs at least one." {
		t.Errorf("Error() = %q", got)
	}

	// Throttling comes back at once, marked, for apply to retry: the SDK
	// must not retry it itself (NewForEndpoint turns SDK retries off; see
	// TestConnect for Connect's retryer).
	err = c.DeletePolicy(ctx, "example.com", "A")
	if err != nil {
		t.Fatalf("DeletePolicy: %v", err)
	}
	err = c.DeletePolicy(ctx, "example.com", "A")
	if !apply.IsThrottled(err) {
		t.Errorf("a second delete within the second = %v; want a throttling error", err)
	}
	if n := fake.WriteCalls(); n != 4 {
		t.Errorf("%d write calls; want 4", n)
	}
}

// isolate points the SDK's shared files at an empty folder and clears the
// variables the default chain reads, so that the test sees only what it sets.
func isolate(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	for _, k := range []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
		"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL",
		"AWS_ENDPOINT_URL_SES", "AWS_ENDPOINT_URL_SESV2", "AWS_ENDPOINT_URL_STS", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

// TestConnect goes through the SDK's default chain: credentials and region
// from the environment, and the standard endpoint overrides.
func TestConnect(t *testing.T) {
	fake, _, url := startFake(t)
	isolate(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDFROMENVIRONMENT1")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret-from-environment")
	t.Setenv("AWS_ENDPOINT_URL_SES", url)
	t.Setenv("AWS_ENDPOINT_URL_STS", url)

	c, err := awsses.Connect(context.Background(), apply.ConnectOptions{API: apply.V1, Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CallerAccount(context.Background()); err != nil {
		t.Fatalf("CallerAccount through AWS_ENDPOINT_URL_STS: %v", err)
	}
	st, err := c.IdentityStatus(context.Background(), []string{"example.com"})
	if err != nil || !st["example.com"].Verified {
		t.Fatalf("IdentityStatus through AWS_ENDPOINT_URL_SES = %v, %v", st, err)
	}
	// Throttling is not retried by the SDK: one call, one answer.
	fake.FailNext(sesfake.PutIdentityPolicy, sesfake.CodeThrottling, "Rate exceeded")
	err = c.PutPolicy(context.Background(), "example.com", "A", policy, false)
	if !apply.IsThrottled(err) {
		t.Fatalf("PutPolicy = %v; want throttling", err)
	}
	puts := 0
	for _, call := range fake.Calls() {
		if call.Action == sesfake.PutIdentityPolicy {
			puts++
		}
	}
	if puts != 1 {
		t.Errorf("the SDK made %d PutIdentityPolicy calls for one throttled put; want 1", puts)
	}

	// The region comes from the environment when no flag gives it, and its
	// absence is its own error.
	t.Setenv("AWS_REGION", "eu-west-1")
	c, err = awsses.Connect(context.Background(), apply.ConnectOptions{API: apply.V2})
	if err != nil || c.Region() != "eu-west-1" {
		t.Errorf("Connect with AWS_REGION = %v, %v", c, err)
	}
	os.Unsetenv("AWS_REGION")
	if _, err := awsses.Connect(context.Background(), apply.ConnectOptions{API: apply.V1}); !errors.Is(err, apply.ErrNoRegion) {
		t.Errorf("Connect with no region = %v; want ErrNoRegion", err)
	}
}
