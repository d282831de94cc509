package report_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/seslint/seslint/internal/lint"
	"github.com/seslint/seslint/internal/linttest"
	"github.com/seslint/seslint/internal/report"
	"github.com/seslint/seslint/rules"
)

// sarifLog is the part of a SARIF log the tests read back.
type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Version         string `json:"version"`
				SemanticVersion string `json:"semanticVersion"`
				Rules           []struct {
					ID   string `json:"id"`
					Help struct {
						Text, Markdown string
					} `json:"help"`
					DefaultConfiguration struct{ Level string } `json:"defaultConfiguration"`
					Properties           map[string]any         `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		AutomationDetails *struct{ ID string } `json:"automationDetails"`
		Invocations       []struct {
			ExecutionSuccessful bool `json:"executionSuccessful"`
		} `json:"invocations"`
		ColumnKind string        `json:"columnKind"`
		Results    []sarifResult `json:"results"`
	} `json:"runs"`
}

type sarifResult struct {
	RuleID    string `json:"ruleId"`
	RuleIndex *int   `json:"ruleIndex"`
	Level     string `json:"level"`
	Message   struct{ Text string }
	Locations []struct {
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI       string `json:"uri"`
				URIBaseID string `json:"uriBaseId"`
			} `json:"artifactLocation"`
			Region region `json:"region"`
		} `json:"physicalLocation"`
	} `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Suppressions        []struct {
		Kind, Status, Justification string
		Location                    *struct {
			PhysicalLocation struct {
				ArtifactLocation struct{ URI string }
				Region           region
			}
		}
	} `json:"suppressions"`
}

type region struct {
	StartLine, StartColumn, EndLine, EndColumn int
}

// renderSARIF renders, validates against the schema and decodes a log.
func renderSARIF(t *testing.T, res *lint.Result, o report.SARIFOptions) ([]byte, sarifLog) {
	t.Helper()
	var b bytes.Buffer
	if err := report.SARIF(&b, res, o); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, b.Bytes())
	var log sarifLog
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return b.Bytes(), log
}

func TestSARIFGolden(t *testing.T) {
	out, _ := renderSARIF(t, fixedResult(t), report.SARIFOptions{Version: "v1.2.3", Category: "ses-policies", Rules: fixedRules()})
	golden(t, "fixed.sarif", out)
}

// TestSARIFSchemaCatchesMistakes shows the schema check can fail: a log
// that breaks the standard in small ways is refused.
func TestSARIFSchemaCatchesMistakes(t *testing.T) {
	var b bytes.Buffer
	if err := report.SARIF(&b, fixedResult(t), report.SARIFOptions{Version: "1.0.0", Rules: fixedRules()}); err != nil {
		t.Fatal(err)
	}
	good := b.String()
	for name, bad := range map[string]string{
		"line 0":        strings.Replace(good, `"startLine": 2,`, `"startLine": 0,`, 1),
		"unknown level": strings.Replace(good, `"level": "note"`, `"level": "info"`, 1),
		"extra field":   strings.Replace(good, `"columnKind"`, `"columnkind"`, 1),
		"no version":    strings.Replace(good, `"version": "2.1.0",`, ``, 1),
	} {
		if bad == good {
			t.Fatalf("%s: the mutation did not apply", name)
		}
		if sarifSchemaError([]byte(bad)) == nil {
			t.Errorf("%s: the schema accepted a broken log", name)
		}
	}
}

func TestSARIFLocationsAreUTF16(t *testing.T) {
	res := fixedResult(t)
	_, log := renderSARIF(t, res, report.SARIFOptions{Version: "1.0.0", Rules: fixedRules()})
	run := log.Runs[0]
	if run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("columnKind = %q, want utf16CodeUnits", run.ColumnKind)
	}
	if len(run.Results) != len(res.Findings) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(res.Findings))
	}
	sawWide := false
	for i, r := range run.Results {
		f := res.Findings[i]
		loc := r.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("%s: uriBaseId %q", f.RuleID, loc.ArtifactLocation.URIBaseID)
		}
		text := sendPolicy
		if f.File == oddPath {
			text = oddPolicy
		}
		got := utf16Slice(text, loc.Region)
		if want := text[f.Span.Start:f.Span.End]; got != want {
			t.Errorf("%s: region %+v holds %q, want %q", f.RuleID, loc.Region, got, want)
		}
		line := strings.Split(text, "\n")[loc.Region.StartLine-1]
		if strings.Contains(line, "📧") && strings.Index(line, "📧") < f.Span.Start-strings.LastIndex(text[:f.Span.Start], "\n")-1 {
			sawWide = true
			runeCol := len([]rune(text[strings.LastIndex(text[:f.Span.Start], "\n")+1:f.Span.Start])) + 1
			if loc.Region.StartColumn != runeCol+1 {
				t.Errorf("%s: startColumn %d, want %d (code-point column %d plus one for the emoji's second UTF-16 unit)", f.RuleID, loc.Region.StartColumn, runeCol+1, runeCol)
			}
		}
	}
	if !sawWide {
		t.Fatal("no finding after the emoji: the fixture no longer tests UTF-16 columns")
	}
}

// utf16Slice returns the text a SARIF region covers, counting columns in
// UTF-16 code units, independently of the source package.
func utf16Slice(text string, r region) string {
	lines := strings.SplitAfter(text, "\n")
	var units []uint16
	starts := []int{}
	for _, l := range lines {
		starts = append(starts, len(units))
		units = append(units, utf16.Encode([]rune(l))...)
	}
	from := starts[r.StartLine-1] + r.StartColumn - 1
	to := starts[r.EndLine-1] + r.EndColumn - 1
	return string(utf16.Decode(units[from:to]))
}

func TestSARIFSuppressedFindingsStay(t *testing.T) {
	res := fixedResult(t)
	_, log := renderSARIF(t, res, report.SARIFOptions{Version: "1.0.0", Rules: fixedRules()})
	n := 0
	for i, r := range log.Runs[0].Results {
		f := res.Findings[i]
		if f.Suppressed == nil {
			if len(r.Suppressions) != 0 {
				t.Errorf("%s: suppressions on a finding that is not ignored", f.RuleID)
			}
			continue
		}
		n++
		if len(r.Suppressions) != 1 {
			t.Fatalf("%s: %d suppressions, want 1", f.RuleID, len(r.Suppressions))
		}
		s := r.Suppressions[0]
		if s.Kind != "external" || s.Status != "accepted" || s.Justification != f.Suppressed.Reason {
			t.Errorf("%s: suppression %+v, want external, accepted, %q", f.RuleID, s, f.Suppressed.Reason)
		}
		if s.Location == nil || s.Location.PhysicalLocation.ArtifactLocation.URI != ".seslint.yaml" || s.Location.PhysicalLocation.Region.StartLine != 7 {
			t.Errorf("%s: suppression location %+v, want .seslint.yaml line 7", f.RuleID, s.Location)
		}
	}
	if n == 0 {
		t.Fatal("the fixture has no suppressed finding")
	}
}

func TestSARIFRunDetails(t *testing.T) {
	for _, tc := range []struct {
		version, wantVersion, wantSemantic string
		category, wantID                   string
	}{
		{"v1.2.3", "1.2.3", "1.2.3", "ses-policies", "ses-policies/"},
		{"1.4.0-rc.1", "1.4.0-rc.1", "1.4.0-rc.1", "policies/prod/", "policies/prod/"},
		{"v0.0.0-20261126100400-6869055a1b2c+dirty", "0.0.0-20261126100400-6869055a1b2c+dirty", "0.0.0-20261126100400-6869055a1b2c+dirty", "", ""},
		{"dev", "0.0.0-dev", "", "", ""},
		{"(devel)", "0.0.0--devel-", "", "", ""},
	} {
		res := &lint.Result{}
		if tc.version == "dev" {
			res.Errors = []lint.FileError{{Path: "missing.json", Message: "no such file or directory"}}
		}
		_, log := renderSARIF(t, res, report.SARIFOptions{Version: tc.version, Category: tc.category})
		run := log.Runs[0]
		d := run.Tool.Driver
		if d.Version != tc.wantVersion || d.SemanticVersion != tc.wantSemantic {
			t.Errorf("version %q: driver version %q, semanticVersion %q; want %q, %q", tc.version, d.Version, d.SemanticVersion, tc.wantVersion, tc.wantSemantic)
		}
		switch {
		case tc.wantID == "" && run.AutomationDetails != nil:
			t.Errorf("category %q: automationDetails %+v, want none", tc.category, run.AutomationDetails)
		case tc.wantID != "" && (run.AutomationDetails == nil || run.AutomationDetails.ID != tc.wantID):
			t.Errorf("category %q: automationDetails %+v, want id %q", tc.category, run.AutomationDetails, tc.wantID)
		}
		if ok := run.Invocations[0].ExecutionSuccessful; ok != (len(res.Errors) == 0) {
			t.Errorf("executionSuccessful = %v with %d unreadable files", ok, len(res.Errors))
		}
		if run.Results == nil {
			t.Error("results is missing; an empty run must say [] so code scanning closes fixed alerts")
		}
	}
}

// TestSARIFFingerprintIgnoresLines moves every finding down a line by
// inserting a blank line above it: the region moves, the fingerprint not.
// Changing the offending value, by contrast, changes the fingerprint.
func TestSARIFFingerprintIgnoresLines(t *testing.T) {
	const policy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Delegate📧Sending",
      "Effect": "allow",
      "Principal": {"AWS": "210987654321"},
      "Action": "ses:SendEmail",
      "Resource": "arn:aws:ses:us-east-1:345678901234:identity/example.com",
      "Effect": "Allow"
    },
    {
      "Effect": "Allow", "Effect": "Deny", "Effect": "Allow",
      "Principal": {"AWS": "210987654321"},
      "Action": "ses:SendEmail",
      "Resource": "arn:aws:ses:us-east-1:345678901234:identity/example.com"
    }
  ]
}
`
	fingerprints := func(text string) ([]string, []sarifResult) {
		res := linttest.Run(t, linttest.Files{"example.com/App.json": text})
		_, log := renderSARIF(t, res, report.SARIFOptions{Version: "1.0.0", Rules: report.RuleDocs(rules.All())})
		var fps []string
		for _, r := range log.Runs[0].Results {
			fps = append(fps, r.PartialFingerprints[report.FingerprintKey])
		}
		return fps, log.Runs[0].Results
	}
	before, resultsBefore := fingerprints(policy)
	if len(before) < 3 {
		t.Fatalf("only %d findings; the case needs several", len(before))
	}
	seen := map[string]bool{}
	for i, fp := range before {
		if fp == "" {
			t.Fatalf("result %d (%s) has no %s fingerprint", i, resultsBefore[i].RuleID, report.FingerprintKey)
		}
		if seen[fp] {
			t.Errorf("fingerprint %s is given twice", fp)
		}
		seen[fp] = true
	}

	moved := strings.Replace(policy, "{\n", "{\n\n", 1)
	after, resultsAfter := fingerprints(moved)
	if len(after) != len(before) {
		t.Fatalf("%d findings after inserting a blank line, %d before", len(after), len(before))
	}
	for i := range before {
		lb := resultsBefore[i].Locations[0].PhysicalLocation.Region.StartLine
		la := resultsAfter[i].Locations[0].PhysicalLocation.Region.StartLine
		if la != lb+1 {
			t.Errorf("%s: line %d after inserting a blank line above line %d; want %d", resultsBefore[i].RuleID, la, lb, lb+1)
		}
		if after[i] != before[i] {
			t.Errorf("%s at line %d: fingerprint changed from %s to %s when the line moved", resultsBefore[i].RuleID, lb, before[i], after[i])
		}
	}

	changed, _ := fingerprints(strings.Replace(policy, `"allow"`, `"alow"`, 1))
	if changed[0] == before[0] && resultsBefore[0].RuleID == "SES003" {
		t.Errorf("fingerprint %s did not change with the offending value", before[0])
	}
}

// TestSARIFExamples lints examples/ with every rule and checks what code
// scanning shows: each result on the finding's exact text, in UTF-16
// columns, with its rule's help page, and security rules with a severity.
func TestSARIFExamples(t *testing.T) {
	files := linttest.Files{}
	root := filepath.Join("..", "..", "examples")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(filepath.Join("..", ".."), p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	res := linttest.Run(t, files)
	if len(res.Findings) == 0 {
		t.Fatal("examples/ has no findings")
	}
	_, log := renderSARIF(t, res, report.SARIFOptions{Version: "1.0.0", Rules: report.RuleDocs(rules.All())})
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != len(rules.All()) {
		t.Errorf("%d rules in the log, %d registered", len(run.Tool.Driver.Rules), len(rules.All()))
	}
	for i, d := range run.Tool.Driver.Rules {
		r := rules.All()[i]
		if d.ID != r.ID || d.Help.Markdown != rules.Page(r.ID) || d.Help.Text == "" {
			t.Errorf("rule %d: id %q and help do not match %s and its page", i, d.ID, r.ID)
		}
		tags, _ := d.Properties["tags"].([]any)
		isSecurity := len(tags) > 0 && tags[0] == "security"
		if isSecurity != r.Security || (r.Security && d.Properties["security-severity"] != r.SecuritySeverity) {
			t.Errorf("%s: properties %v; security %v with severity %q", r.ID, d.Properties, r.Security, r.SecuritySeverity)
		}
	}
	for i, r := range run.Results {
		f := res.Findings[i]
		if r.RuleIndex == nil || run.Tool.Driver.Rules[*r.RuleIndex].ID != f.RuleID {
			t.Errorf("%s: ruleIndex %v does not point at its rule", f.RuleID, r.RuleIndex)
		}
		if r.Message.Text != f.Message || r.Level != f.Severity.String() {
			t.Errorf("%s: message %q level %q, want %q %q", f.RuleID, r.Message.Text, r.Level, f.Message, f.Severity)
		}
		loc := r.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI != f.File {
			t.Errorf("%s: uri %q, want %q", f.RuleID, loc.ArtifactLocation.URI, f.File)
		}
		text := files[f.File]
		if got, want := utf16Slice(text, loc.Region), text[f.Span.Start:f.Span.End]; got != want {
			t.Errorf("%s in %s: region %+v holds %q, want %q", f.RuleID, f.File, loc.Region, got, want)
		}
	}
}

// TestSchemaIsTheOASISCopy pins the schema in testdata to the OASIS text
// (see testdata/README.md), so that it is not edited to make a log pass.
func TestSchemaIsTheOASISCopy(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	const want = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
	if got := fmt.Sprintf("%x", sha256.Sum256(b)); got != want {
		t.Errorf("testdata/sarif-schema-2.1.0.json has sha256 %s, want %s", got, want)
	}
}
