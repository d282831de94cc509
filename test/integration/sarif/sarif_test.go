// Package sarif checks seslint's SARIF against Microsoft's SARIF validator
// (the Multitool), with its GitHub rules, and against the OASIS schema.
package sarif_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/seslint/seslint/internal/cli"
	"github.com/seslint/seslint/internal/testenv"
)

const install = "bash scripts/deps/sarif-multitool.sh"

// root is the repository root, from this package's folder.
func root(t *testing.T) string {
	t.Helper()
	r, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// multitool returns the validator's self-contained binary. It is run
// directly: the npm wrapper passes its arguments through a shell, which
// would split --rule-kind "Gh;Sarif" at the semicolon.
func multitool(t *testing.T, root string) string {
	t.Helper()
	platform, exe := runtime.GOOS, ""
	if platform == "windows" {
		platform, exe = "win32", ".exe"
	}
	p := filepath.Join(root, "tools", "sarif-multitool", "node_modules", "@microsoft", "sarif-multitool-"+platform, "Sarif.Multitool"+exe)
	if st, err := os.Stat(p); err != nil || st.Mode()&0o100 == 0 {
		testenv.Missing(t, "Microsoft's SARIF validator (npm @microsoft/sarif-multitool, in tools/sarif-multitool)", install)
	}
	return p
}

// run runs seslint in-process in the repository root.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = cli.Run(args, cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

// validation is the part of the Multitool's output log the test reads.
type validation struct {
	Runs []struct {
		Results []struct {
			RuleID  string `json:"ruleId"`
			Level   string `json:"level"`
			Message struct {
				ID        string   `json:"id"`
				Arguments []string `json:"arguments"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI string } `json:"artifactLocation"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
		Invocations []struct {
			ExecutionSuccessful        bool `json:"executionSuccessful"`
			ToolExecutionNotifications []struct {
				Level   string                `json:"level"`
				Message struct{ Text string } `json:"message"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

// validate runs the Multitool with the SARIF and GitHub rule sets over
// files, including notes, and returns its findings by file. The Multitool
// exits 0 whatever it finds, so its output log is the verdict.
func validate(t *testing.T, tool string, files ...string) map[string][]string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "validation.sarif")
	args := append([]string{"validate", "--rule-kind", "Gh;Sarif", "--level", "Error;Warning;Note", "--output", out}, files...)
	cmd := exec.Command(tool, args...)
	cmd.Env = append(os.Environ(), "DOTNET_CLI_TELEMETRY_OPTOUT=1")
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", tool, strings.Join(args, " "), err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("the Multitool wrote no log: %v\n%s", err, msg)
	}
	var v validation
	if err := json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &v); err != nil {
		t.Fatalf("reading the Multitool's log: %v", err)
	}
	if len(v.Runs) != 1 || len(v.Runs[0].Invocations) != 1 {
		t.Fatalf("the Multitool's log has an unexpected shape:\n%s", data)
	}
	inv := v.Runs[0].Invocations[0]
	if !inv.ExecutionSuccessful {
		t.Fatalf("the Multitool did not run to completion: %+v\n%s", inv.ToolExecutionNotifications, msg)
	}
	found := map[string][]string{}
	for _, r := range v.Runs[0].Results {
		file := "?"
		if len(r.Locations) > 0 {
			file = filepath.Base(r.Locations[0].PhysicalLocation.ArtifactLocation.URI)
		}
		level := r.Level
		if level == "" {
			level = "warning" // SARIF's default
		}
		found[file] = append(found[file], fmt.Sprintf("%s %s %s %v", level, r.RuleID, r.Message.ID, r.Message.Arguments))
	}
	return found
}

// TestMultitoolFindsNothing lints examples/ to SARIF through the command
// line, then has the OASIS schema and the Multitool, with its GitHub rules,
// check that log and the golden file of internal/report. Any error or
// warning fails the test; notes (URIs it cannot reach offline, rule names
// that are not PascalCase, snippets not embedded) are logged.
func TestMultitoolFindsNothing(t *testing.T) {
	root := root(t)
	tool := multitool(t, root)
	dir := t.TempDir()
	t.Chdir(root)

	examples := filepath.Join(dir, "examples.sarif")
	code, _, stderr := run(t, "--format", "sarif", "--sarif-category", "examples", "--output", examples, "examples/")
	textCode, _, _ := run(t, "examples/")
	if code != textCode || code != cli.ExitFindings {
		t.Fatalf("--format sarif exited %d, text %d; want %d for both (examples/ has errors)\n%s", code, textCode, cli.ExitFindings, stderr)
	}
	log, err := os.ReadFile(examples)
	if err != nil {
		t.Fatal(err)
	}
	if err := schemaCheck(root, log); err != nil {
		t.Fatalf("the SARIF of examples/ does not validate against the OASIS schema: %v", err)
	}

	// A log that GitHub would refuse, to show the validator reports what
	// it should with these options: its rules lack fullDescription and help.
	bad := filepath.Join(dir, "refused.sarif")
	if err := os.WriteFile(bad, []byte(`{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","version":"1.0.0","informationUri":"https://example.com","rules":[{"id":"X1","shortDescription":{"text":"x"}}]}},"results":[{"ruleId":"X1","ruleIndex":0,"level":"error","message":{"text":"x"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a.json"},"region":{"startLine":1}}}]}]}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join(root, "internal", "report", "testdata", "fixed.sarif")

	found := validate(t, tool, examples, golden, bad)
	if !strings.Contains(strings.Join(found["refused.sarif"], "\n"), "GH2012") {
		t.Fatalf("the Multitool did not report the missing help of refused.sarif; is it checking GitHub's rules? found: %v", found)
	}
	for _, file := range []string{"examples.sarif", "fixed.sarif"} {
		notes := map[string]int{}
		for _, f := range found[file] {
			if rule, ok := strings.CutPrefix(f, "note "); ok {
				notes[strings.Fields(rule)[0]]++
				continue
			}
			t.Errorf("%s: %s", file, f)
		}
		t.Logf("%s: notes by rule: %v", file, notes)
	}
}

// TestSARIFCategoryNeedsSARIF: the flag is a usage error with other formats.
func TestSARIFCategoryNeedsSARIF(t *testing.T) {
	t.Chdir(root(t))
	if code, _, stderr := run(t, "--format", "github", "--sarif-category", "x", "examples/"); code != cli.ExitUsage {
		t.Errorf("--sarif-category with --format github exited %d, want %d\n%s", code, cli.ExitUsage, stderr)
	}
	code, stdout, _ := run(t, "--format", "github", "examples/")
	if code != cli.ExitFindings || !strings.HasPrefix(stdout, "::") {
		t.Errorf("--format github exited %d with %q; want %d and annotations", code, stdout, cli.ExitFindings)
	}
}

func schemaCheck(root string, log []byte) error {
	const id = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	f, err := os.Open(filepath.Join(root, "internal", "report", "testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		return err
	}
	defer f.Close()
	c := jsonschema.NewCompiler()
	if err := c.AddResource(id, f); err != nil {
		return err
	}
	s, err := c.Compile(id)
	if err != nil {
		return err
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(log))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return err
	}
	return s.Validate(v)
}
