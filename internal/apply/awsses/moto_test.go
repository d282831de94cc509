package awsses_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/seslint/seslint/internal/apply/awsses"
	"github.com/seslint/seslint/internal/cli"
	"github.com/seslint/seslint/internal/testenv"
)

// motoAccount is the account moto serves, set with MOTO_ACCOUNT_ID: not one
// of the documentation's sample accounts, which the lint gate would flag.
const motoAccount = "345678901234"

// startMoto runs moto_server on a free port of 127.0.0.1 until the test
// ends, and returns its URL once it answers.
func startMoto(t *testing.T) string {
	t.Helper()
	bin := testenv.LookPath(t, "moto_server", "bash scripts/deps/moto.sh (pip install 'moto[server]==5.2.1')")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()

	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "-H", "127.0.0.1", "-p", port)
	cmd.Env = append(os.Environ(), "MOTO_ACCOUNT_ID="+motoAccount)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("starting moto_server: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cancel() // kills the process this test started, by its handle
		<-exited
		if t.Failed() {
			t.Logf("moto_server output:\n%s", logs.String())
		}
	})

	url := "http://127.0.0.1:" + port
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case err := <-exited:
			t.Fatalf("moto_server exited before answering: %v\n%s", err, logs.String())
		default:
		}
		resp, err := http.Get(url + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			return url
		}
		if time.Now().After(deadline) {
			t.Fatalf("moto_server did not answer on %s within a minute: %v\n%s", url, err, logs.String())
		}
		time.Sleep(100 * time.Millisecond) // waiting for another process to listen; nothing to signal it
	}
}

func motoPolicy(from string) string {
	return fmt.Sprintf(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowAppToSend",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
      "Action": ["ses:SendEmail", "ses:SendRawEmail"],
      "Resource": "arn:aws:ses:us-east-1:%s:identity/example.com",
      "Condition": {"StringEquals": {"ses:FromAddress": %q}}
    }
  ]
}
`, motoAccount, from)
}

// TestApplyV2AgainstMoto runs `seslint apply --api v2` end to end against
// moto's SES v2, reached through AWS_ENDPOINT_URL_SESV2 (and STS through
// AWS_ENDPOINT_URL_STS) with dummy credentials from the environment: a
// create, a dry run of an update, the update, and a prune, each read back
// from the emulator.
//
// moto 5.2.1 treats an identity made with CreateEmailIdentity as verified:
// VerificationStatus SUCCESS at once (VerifiedForSendingStatus stays
// false, which is why the adapter reads VerificationStatus). Unlike SES, it
// answers CreateEmailIdentityPolicy for an existing name by overwriting and
// UpdateEmailIdentityPolicy for a missing one by creating, so the
// AlreadyExists and NotFound paths are covered by the unit tests instead.
func TestApplyV2AgainstMoto(t *testing.T) {
	url := startMoto(t)
	isolate(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "testing")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "testing")
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_ENDPOINT_URL_SESV2", url)
	t.Setenv("AWS_ENDPOINT_URL_STS", url)
	ctx := context.Background()

	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sdk := sesv2.NewFromConfig(cfg)
	if _, err := sdk.CreateEmailIdentity(ctx, &sesv2.CreateEmailIdentityInput{EmailIdentity: aws.String("example.com")}); err != nil {
		t.Fatalf("CreateEmailIdentity: %v", err)
	}
	stored := func() map[string]string {
		t.Helper()
		out, err := sdk.GetEmailIdentityPolicies(ctx, &sesv2.GetEmailIdentityPoliciesInput{EmailIdentity: aws.String("example.com")})
		if err != nil {
			t.Fatalf("GetEmailIdentityPolicies: %v", err)
		}
		return out.Policies
	}

	dir := t.TempDir()
	file := filepath.Join(dir, "example.com", "SendFromApp.json")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile := func(text string) {
		t.Helper()
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	seslint := func(want int, args ...string) {
		t.Helper()
		stdout.Reset()
		stderr.Reset()
		env := cli.Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }, Dir: dir, AWS: &cli.AWS{Connect: awsses.ConnectSES}}
		if code := cli.Run(append(args, dir), env); code != want {
			t.Fatalf("seslint %s: exit %d; want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, want, stdout.String(), stderr.String())
		}
	}

	// Create.
	first := motoPolicy("app@example.com")
	writeFile(first)
	seslint(0, "apply", "--api", "v2", "--yes")
	if !strings.Contains(stdout.String(), "applied       example.com SendFromApp (create)") {
		t.Errorf("create run:\n%s", stdout.String())
	}
	if got := stored()["SendFromApp"]; got != first {
		t.Fatalf("stored policy =\n%s\nwant the file's text\n%s", got, first)
	}

	// A dry run of an update changes nothing and names the call.
	second := motoPolicy("billing@example.com")
	writeFile(second)
	seslint(0, "apply", "--api", "v2", "--dry-run", "--format", "json")
	var plan struct {
		Mode    string
		Account string
		Changes []struct {
			Action string
			Widens []string
			Call   []string
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &plan); err != nil {
		t.Fatalf("dry-run JSON: %v\n%s", err, stdout.String())
	}
	if plan.Mode != "dry-run" || plan.Account != motoAccount || len(plan.Changes) != 1 || plan.Changes[0].Action != "update" ||
		len(plan.Changes[0].Widens) != 1 || plan.Changes[0].Call[2] != "update-email-identity-policy" {
		t.Errorf("dry-run plan = %+v", plan)
	}
	if got := stored()["SendFromApp"]; got != first {
		t.Fatalf("the dry run changed the stored policy:\n%s", got)
	}

	// Update.
	seslint(0, "apply", "--api", "v2", "--yes")
	if got := stored()["SendFromApp"]; got != second {
		t.Fatalf("stored policy after the update =\n%s\nwant\n%s", got, second)
	}

	// Prune a policy no file defines; the unchanged one is skipped.
	if _, err := sdk.CreateEmailIdentityPolicy(ctx, &sesv2.CreateEmailIdentityPolicyInput{
		EmailIdentity: aws.String("example.com"), PolicyName: aws.String("Stray"), Policy: aws.String(motoPolicy("stray@example.com")),
	}); err != nil {
		t.Fatal(err)
	}
	seslint(0, "apply", "--api", "v2", "--yes", "--prune")
	if !strings.Contains(stdout.String(), "Summary: 1 applied, 1 skipped.") {
		t.Errorf("prune run:\n%s", stdout.String())
	}
	if got := stored(); len(got) != 1 || got["SendFromApp"] != second {
		t.Errorf("policies after the prune = %q; want SendFromApp alone", got)
	}

	// A missing identity is a problem of the plan, found by GetEmailIdentity.
	other := filepath.Join(dir, "missing.example", "App.json")
	if err := os.MkdirAll(filepath.Dir(other), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(other, []byte(strings.ReplaceAll(motoPolicy("app@missing.example"), "identity/example.com", "identity/missing.example")), 0o644); err != nil {
		t.Fatal(err)
	}
	seslint(3, "apply", "--api", "v2", "--yes")
	if !strings.Contains(stdout.String(), `identity "missing.example" does not exist in account 345678901234 in region us-east-1`) {
		t.Errorf("missing identity run:\n%s", stdout.String())
	}
}
