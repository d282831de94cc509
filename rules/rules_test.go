package rules_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/seslint/seslint/internal/linttest"
	"github.com/seslint/seslint/rules"
)

var update = flag.Bool("update", false, "rewrite the want section of rule cases")

// TestCases runs every txtar case in testdata/<ID>/ and compares the text
// output of that rule's findings with the case's "want" section.
func TestCases(t *testing.T) {
	for _, r := range rules.All() {
		files, _ := filepath.Glob(filepath.Join("testdata", r.ID, "*.txtar"))
		for _, file := range files {
			t.Run(r.ID+"/"+strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
				abs, _ := filepath.Abs(file)
				ar, err := txtar.ParseFile(abs)
				if err != nil {
					t.Fatal(err)
				}
				in := linttest.Files{}
				wantIdx := -1
				for i, f := range ar.Files {
					if f.Name == "want" {
						wantIdx = i
						continue
					}
					in[f.Name] = string(f.Data)
				}
				if wantIdx < 0 {
					t.Fatal("case has no want section")
				}
				got := linttest.Text(t, linttest.Only(linttest.Run(t, in), r.ID))
				if *update {
					ar.Files[wantIdx].Data = []byte(got)
					if err := os.WriteFile(abs, txtar.Format(ar), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				if want := string(ar.Files[wantIdx].Data); linttest.Normalize(got) != linttest.Normalize(want) {
					t.Errorf("output differs\n--- got\n%s\n--- want\n%s", got, want)
				}
			})
		}
	}
}

var (
	idRe   = regexp.MustCompile(`^SES[0-9]{3}$`)
	nameRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// TestRegistry holds the catalogue together: sorted unique IDs and names,
// a page with every section, and at least one failing and one passing case.
func TestRegistry(t *testing.T) {
	seenName := map[string]bool{}
	all := rules.All()
	for i, r := range all {
		if !idRe.MatchString(r.ID) || !nameRe.MatchString(r.Name) {
			t.Errorf("%s %s: ID must be SESnnn and name kebab-case", r.ID, r.Name)
		}
		if i > 0 && all[i-1].ID >= r.ID {
			t.Errorf("registry not sorted or has a duplicate at %s", r.ID)
		}
		if seenName[r.Name] {
			t.Errorf("duplicate rule name %s", r.Name)
		}
		seenName[r.Name] = true
		if r.Summary == "" || r.Precision == "" || r.Severity == 0 {
			t.Errorf("%s: summary, precision and severity are required", r.ID)
		}
		if r.Security != (r.SecuritySeverity != "") {
			t.Errorf("%s: security rules need a security-severity score, and only they", r.ID)
		}
		page := rules.Page(r.ID)
		if !strings.HasPrefix(page, "# "+r.ID+" "+r.Name+"\n") {
			t.Errorf("%s: page missing or its title is not %q", r.ID, "# "+r.ID+" "+r.Name)
		}
		for _, section := range []string{"## Why it matters", "## Failing example", "## Passing example", "## How to silence it"} {
			if !strings.Contains(page, "\n"+section+"\n") {
				t.Errorf("%s: page lacks section %q", r.ID, section)
			}
		}
		if !strings.Contains(page, "\nSeverity: "+r.Severity.String()+"\n") {
			t.Errorf("%s: page must state its default severity %q", r.ID, r.Severity)
		}
		failing, passing := 0, 0
		cases, _ := filepath.Glob(filepath.Join("testdata", r.ID, "*.txtar"))
		for _, c := range cases {
			ar, err := txtar.ParseFile(c)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range ar.Files {
				if f.Name != "want" {
					continue
				}
				if strings.Contains(string(f.Data), "["+r.ID+" ") {
					failing++
				} else if strings.TrimSpace(string(f.Data)) == "" {
					passing++
				}
			}
		}
		if failing == 0 || passing == 0 {
			t.Errorf("%s: needs at least one failing and one passing case in testdata/%s (has %d and %d)", r.ID, r.ID, failing, passing)
		}
	}
	pages, _ := filepath.Glob("docs/SES*.md")
	for _, p := range pages {
		id := strings.TrimSuffix(filepath.Base(p), ".md")
		if _, ok := rules.Lookup(id); !ok {
			t.Errorf("page %s has no rule", p)
		}
	}
}

// TestPageExamples lints each page's examples: the failing one must give
// the rule's finding and the passing one must not, so the docs cannot drift.
func TestPageExamples(t *testing.T) {
	for _, r := range rules.All() {
		page := rules.Page(r.ID)
		for _, kind := range []string{"Failing", "Passing"} {
			t.Run(r.ID+"/"+kind, func(t *testing.T) {
				files := exampleFiles(t, page, "## "+kind+" example")
				if len(files) == 0 {
					t.Fatalf("no example under %q", kind)
				}
				res := linttest.Run(t, files)
				n := 0
				for _, f := range res.Findings {
					if f.RuleID == r.ID && f.Suppressed == nil {
						n++
					}
				}
				if kind == "Failing" && n == 0 {
					t.Errorf("failing example gives no %s finding; got %v", r.ID, linttest.IDs(res.Findings))
				}
				if kind == "Passing" && n != 0 {
					t.Errorf("passing example gives %d %s findings:\n%s", n, r.ID, linttest.Text(t, linttest.Only(res, r.ID)))
				}
			})
		}
	}
}

var fenceRe = regexp.MustCompile("(?s)(?:File: ([^\\n]+)\\n)?```(json|yaml|hcl)\\n(.*?)\\n```")

// exampleFiles reads the fenced blocks of one section. A block may be named
// by a "File: path" line right above it; JSON defaults to policy.json,
// YAML to the config and HCL to main.tf.
func exampleFiles(t *testing.T, page, heading string) linttest.Files {
	i := strings.Index(page, heading+"\n")
	if i < 0 {
		return nil
	}
	section := page[i+len(heading):]
	if j := strings.Index(section, "\n## "); j >= 0 {
		section = section[:j]
	}
	files := linttest.Files{}
	for _, m := range fenceRe.FindAllStringSubmatch(section, -1) {
		name := m[1]
		if name == "" {
			name = map[string]string{"json": "policy.json", "yaml": ".seslint.yaml", "hcl": "main.tf"}[m[2]]
		}
		files[name] = m[3] + "\n"
	}
	return files
}

// readTree loads every file below dir, keyed by its slash path inside dir.
func readTree(t *testing.T, dir string) linttest.Files {
	t.Helper()
	files := linttest.Files{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestAWSDocExamples: AWS's and the Terraform provider's published examples
// get exactly the findings their flaws deserve (testdata/awsdocs/want.txt).
func TestAWSDocExamples(t *testing.T) {
	dir, _ := filepath.Abs("../testdata/awsdocs")
	got := linttest.Text(t, linttest.Run(t, readTree(t, dir)))
	wantFile := filepath.Join(dir, "want.txt")
	if *update {
		if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(wantFile)
	if err != nil {
		t.Fatal(err)
	}
	if linttest.Normalize(got) != linttest.Normalize(string(want)) {
		t.Errorf("findings differ from want.txt (run with -update and review the diff)\n--- got\n%s", got)
	}
}

// TestSoundPoliciesAreQuiet: realistic, well-scoped policies, including the
// sound bundled examples, give no finding at all from any rule.
func TestSoundPoliciesAreQuiet(t *testing.T) {
	var dirs []string
	for _, dir := range []string{"../testdata/clean", "../examples/example.com", "../examples/requests"} {
		abs, _ := filepath.Abs(dir) // before linttest.Run changes the working directory
		dirs = append(dirs, abs)
	}
	for _, dir := range dirs {
		files := readTree(t, dir)
		if filepath.Base(dir) == "requests" {
			delete(files, "bad-name-request.json")
		}
		res := linttest.Run(t, files)
		if len(res.Findings) != 0 || len(res.Files) != len(files) {
			t.Errorf("%s: want no findings over %d files, got %d files and:\n%s", dir, len(files), len(res.Files), linttest.Text(t, res))
		}
	}
}

// TestRulesIndex keeps docs/rules.md, the catalogue people read, in step
// with the registry: run with -update after adding or changing a rule.
func TestRulesIndex(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Rules\n\nEvery rule seslint runs, generated from the registry (`go test ./rules -run TestRulesIndex -update`). `seslint rules` prints the same list and `seslint explain ID` a rule's page. Security rules carry the SARIF tag `security` and the score GitHub code scanning uses to rank alerts.\n\n")
	b.WriteString("| ID | name | default severity | security | what it catches |\n| --- | --- | --- | --- | --- |\n")
	for _, r := range rules.All() {
		sec := ""
		if r.Security {
			sec = r.SecuritySeverity
		}
		fmt.Fprintf(&b, "| [%s](../rules/docs/%s.md) | `%s` | %s | %s | %s |\n", r.ID, r.ID, r.Name, r.Severity, sec, strings.ReplaceAll(r.Summary, "|", "\\|"))
	}
	path := filepath.Join("..", "docs", "rules.md")
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != b.String() {
		t.Errorf("docs/rules.md is out of date with the registry; run go test ./rules -run TestRulesIndex -update")
	}
}
