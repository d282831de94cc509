package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// goCommand is the go command; go test puts its own first on PATH.
func goCommand(t *testing.T) string {
	t.Helper()
	gocmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed: %v", err)
	}
	return gocmd
}

// TestLeavesOutHeavyDependencies keeps out of seslint what would double
// its size or slow every lint and language-server start-up: the AWS SDK,
// which is seslint-apply's alone, and the JSON Schema validator, whose
// package init compiles its meta-schemas (2 ms) and which only the tests
// use, as the reference of SES003's typed pass.
func TestLeavesOutHeavyDependencies(t *testing.T) {
	deps := func(pkg string) string {
		out, err := exec.Command(goCommand(t), "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		return string(out)
	}
	forbidden := map[string]string{
		"github.com/aws/":                       "only seslint-apply may link the AWS SDK",
		"github.com/santhosh-tekuri/jsonschema": "only tests may link the JSON Schema validator",
	}
	for _, line := range strings.Split(deps("."), "\n") {
		for prefix, why := range forbidden {
			if strings.HasPrefix(line, prefix) {
				t.Errorf("seslint imports %s; %s", line, why)
			}
		}
	}
	// The same check finds the SDK where it is.
	if !strings.Contains(deps("../seslint-apply"), "github.com/aws/aws-sdk-go-v2/service/ses\n") {
		t.Error("go list -deps ../seslint-apply does not list the SES client")
	}
}

// testVersion is the version the binaries are built with, which the
// install hint names.
const testVersion = "v1.2.3"

var (
	buildOnce sync.Once
	builtDir  string
	buildErr  error
)

// buildCommands builds seslint and seslint-apply once for the package's
// tests into a folder that TestMain removes; tests must not change it.
func buildCommands(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if builtDir, buildErr = os.MkdirTemp("", "seslint-cmd-test"); buildErr != nil {
			return
		}
		for _, pkg := range []string{".", "../seslint-apply"} {
			cmd := exec.Command(goCommand(t), "build", "-ldflags=-X github.com/seslint/seslint/internal/cli.Version="+testVersion, "-o", builtDir, pkg)
			if out, err := cmd.CombinedOutput(); err != nil {
				buildErr = fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
				return
			}
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtDir
}

// removeBuilt removes what buildCommands built.
func removeBuilt() {
	if builtDir != "" {
		os.RemoveAll(builtDir)
	}
}

// seslintAlone copies the built seslint into a new folder, without
// seslint-apply beside it.
func seslintAlone(t *testing.T) string {
	t.Helper()
	exe, err := os.ReadFile(filepath.Join(buildCommands(t), "seslint"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "seslint"), exe, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

type result struct {
	stdout, stderr string
	code           int
}

// command is a program with PATH set to path and nothing else of the
// environment that could find another seslint-apply.
func command(t *testing.T, path string, program string, args ...string) *exec.Cmd {
	cmd := exec.Command(program, args...)
	cmd.Env = []string{"PATH=" + path, "NO_COLOR=1", "HOME=" + t.TempDir()}
	return cmd
}

// run runs a program as command makes it.
func run(t *testing.T, path string, program string, args ...string) result {
	t.Helper()
	cmd := command(t, path, program, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("%s: %v", program, err)
	}
	return result{stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()}
}

// TestApplyRunsCompanion runs `seslint apply` through the seslint program,
// which hands it to seslint-apply: found next to seslint, through a symbolic
// link to seslint, or on PATH, it gives what seslint-apply gives when run
// directly, exit code included. Offline plans need no AWS.
func TestApplyRunsCompanion(t *testing.T) {
	bin := buildCommands(t)
	examples, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	alone := seslintAlone(t)
	linked := filepath.Join(t.TempDir(), "seslint")
	if err := os.Symlink(filepath.Join(bin, "seslint"), linked); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	for _, tc := range []struct {
		name      string
		args      []string
		code      int
		stdoutHas string
		stderrHas string
	}{
		{"plan", []string{"--offline", "--region", "eu-west-1", filepath.Join(examples, "example.com")}, 0,
			"Offline plan for SES v1 in eu-west-1", "lint: no findings in 1 file"},
		{"plan with a problem", []string{"--offline", "--region", "us-east-1", filepath.Join(examples, "example.com")}, 3,
			"Offline plan for SES v1 in us-east-1", "the plan cannot be applied"},
		{"lint findings", []string{"--offline", "--region", "us-east-1", filepath.Join(examples, "mistakes")}, 1,
			"SES", "not applying: the policies have findings"},
	} {
		want := run(t, empty, filepath.Join(bin, "seslint-apply"), tc.args...)
		if want.code != tc.code || !strings.Contains(want.stdout, tc.stdoutHas) || !strings.Contains(want.stderr, tc.stderrHas) {
			t.Fatalf("%s: seslint-apply %q: exit %d\nstdout:\n%s\nstderr:\n%s", tc.name, tc.args, want.code, want.stdout, want.stderr)
		}
		for _, how := range []struct{ program, path string }{
			{filepath.Join(bin, "seslint"), empty},
			{linked, empty},
			{filepath.Join(alone, "seslint"), bin},
		} {
			if got := run(t, how.path, how.program, append([]string{"apply"}, tc.args...)...); got != want {
				t.Errorf("%s: %s apply with PATH=%s = %+v; want what seslint-apply gives, %+v", tc.name, how.program, how.path, got, want)
			}
		}
	}
}

// TestApplyWithoutCompanion: without seslint-apply, `seslint apply` says
// what is missing and how to install it, and exits 2 as for any setup
// problem; usage errors and --help need no seslint-apply.
func TestApplyWithoutCompanion(t *testing.T) {
	alone := seslintAlone(t)
	seslint := filepath.Join(alone, "seslint")
	got := run(t, alone, seslint, "apply", "--offline", "--region", "us-east-1", "../../examples/example.com")
	for _, want := range []string{
		"seslint: apply needs the program seslint-apply, which holds the AWS SDK, and it is neither in " + alone + " (next to seslint) nor on PATH\n",
		"install it with: go install github.com/seslint/seslint/cmd/seslint-apply@" + testVersion + "\n",
	} {
		if !strings.Contains(got.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, got.stderr)
		}
	}
	if got.code != 2 || got.stdout != "" {
		t.Errorf("exit %d, stdout %q; want 2 and nothing", got.code, got.stdout)
	}

	got = run(t, alone, seslint, "apply", "--api", "v3", "policies")
	if got.code != 2 || !strings.Contains(got.stderr, `--api: unknown API "v3"`) || strings.Contains(got.stderr, "seslint-apply") {
		t.Errorf("usage error: %+v; want exit 2 and the usage error, not the install hint", got)
	}
	got = run(t, alone, seslint, "apply", "--help")
	if got.code != 0 || !strings.Contains(got.stdout, "Apply flags (seslint apply [flags] PATH...)") || !strings.Contains(got.stdout, "--dry-run") {
		t.Errorf("--help: %+v; want exit 0 and the apply flags", got)
	}
}
