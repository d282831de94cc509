package terraform_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/seslint/seslint/internal/config"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/lint"
	"github.com/seslint/seslint/internal/source"
	"github.com/seslint/seslint/internal/terraform"
	"github.com/seslint/seslint/rules"
)

func runLint(t *testing.T, inputs []lint.Input, paths ...string) *lint.Result {
	t.Helper()
	engine, err := rules.New(rules.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	o := lint.Options{Config: config.Default("."), Engine: engine, Jobs: 2}
	if inputs != nil {
		return lint.Lint(inputs, o)
	}
	return lint.Run(paths, o)
}

// at renders findings as "file:line:col RULE", for position checks.
func at(res *lint.Result) []string {
	var out []string
	for _, f := range res.Findings {
		p := res.LinesOf(f.File).Position(f.Span.Start)
		out = append(out, fmt.Sprintf("%s:%d:%d %s", filepath.Base(f.File), p.Line, p.Column, f.RuleID))
	}
	return out
}

// The acceptance test: the provider's documentation examples get a
// public principal, the SES: case and the missing condition, at their
// line and column; the sound module gets nothing.
func TestExamples(t *testing.T) {
	bad := at(runLint(t, nil, "../../examples/terraform/provider-docs"))
	for _, want := range []string{
		"main.tf:20:22 SES302", // identifiers = ["*"]
		"main.tf:16:18 SES405", // "SES:SendEmail"
		"main.tf:16:35 SES405", // "SES:SendRawEmail"
		"main.tf:16:35 SES601", // no ses:FromAddress condition
		"main.tf:51:11 SES307", // the heredoc's sample account
	} {
		if !slices.Contains(bad, want) {
			t.Errorf("provider-docs: want %s among %v", want, bad)
		}
	}
	if sound := runLint(t, nil, "../../examples/terraform/sound"); len(sound.Findings) != 0 || len(sound.Files) != 1 {
		t.Errorf("sound: want no findings in 1 file, got %v in %d", at(sound), len(sound.Files))
	}
}

// A .tf document held in memory (an editor's unsaved buffer) is linted as
// it is, with the other files of its folder read from disk.
func TestInMemory(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "policy.tf", `data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["ses:SendEmail"]
    resources = ["arn:aws:ses:us-east-1:345678901234:identity/example.com"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}
`)
	write(t, dir, "main.tf", "# on disk: nothing yet\n")
	buffer := `resource "aws_ses_identity_policy" "p" {
  identity = "example.com"
  name     = "P"
  policy   = data.aws_iam_policy_document.p.json
}
`
	main := filepath.Join(dir, "main.tf")
	res := runLint(t, []lint.Input{{Path: main, Text: []byte(buffer)}})
	got := at(res)
	if !slices.Contains(got, "policy.tf:7:22 SES302") {
		t.Errorf("want the public principal in policy.tf, got %v", got)
	}
	var files []string
	for _, f := range res.Files {
		files = append(files, filepath.Base(f.Path))
	}
	if !slices.Equal(files, []string{"main.tf", "policy.tf"}) {
		t.Errorf("files: want main.tf and the file a finding moved to, got %v", files)
	}

	// LoadWith reads the other files through the given function.
	units := terraform.LoadWith(main, []byte(buffer), func(p string) ([]byte, error) {
		if filepath.Base(p) == "policy.tf" {
			return []byte(`data "aws_iam_policy_document" "p" {}`), nil
		}
		return os.ReadFile(p)
	})
	if len(units) != 1 || units[0].Policy == nil || units[0].Policy.Root.Get("Statement") != nil {
		t.Fatalf("want one unit whose policy has no statement (from the overlay), got %+v", units)
	}
}

// Linting only one file of a module, or every file, gives each finding
// once, in the file that holds it.
func TestModuleOnce(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.tf", `resource "aws_ses_identity_policy" "p" {
  identity = "example.com"
  name     = "P"
  policy   = data.aws_iam_policy_document.p.json
}
`)
	write(t, dir, "b.tf", `data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["SES:SendEmail"]
    resources = ["arn:aws:ses:us-east-1:345678901234:identity/example.com"]
    principals {
      type        = "AWS"
      identifiers = ["210987654321"]
    }
    condition {
      test     = "StringEquals"
      variable = "ses:FromAddress"
      values   = ["a@example.com"]
    }
  }
}
`)
	want := []string{"b.tf:3:18 SES405"}
	for _, paths := range [][]string{{dir}, {filepath.Join(dir, "a.tf")}, {filepath.Join(dir, "b.tf")}, {filepath.Join(dir, "a.tf"), filepath.Join(dir, "b.tf")}} {
		if got := at(runLint(t, nil, paths...)); !slices.Equal(got, want) {
			t.Errorf("%v: want %v, got %v", paths, want, got)
		}
	}
}

// Walking a folder picks up .tf files next to .json ones, unless the
// config's include globs say otherwise; excludes apply.
func TestWalk(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `resource "aws_ses_identity_policy" "p" {
  identity = "example.com"
  name     = "P"
  policy   = jsonencode({ Statement = [] })
}
`)
	write(t, dir, "other.tf", "variable \"x\" {}\n")
	write(t, dir, ".terraform/modules/m/main.tf", "this is { not HCL\n")
	paths := func(cfg *config.Config) []string {
		ins, errs := lint.Expand([]string{dir}, lint.Options{Config: cfg})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		var out []string
		for _, in := range ins {
			rel, _ := filepath.Rel(dir, in.Path)
			out = append(out, filepath.ToSlash(rel))
		}
		return out
	}
	if got := paths(config.Default(dir)); !slices.Equal(got, []string{"main.tf", "other.tf"}) {
		t.Errorf("defaults: got %v", got)
	}
	cfg, err := config.Parse(".seslint.yaml", dir, []byte("include: [\"**/*.json\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(cfg); len(got) != 0 {
		t.Errorf("include **/*.json: got %v", got)
	}
	cfg, err = config.Parse(".seslint.yaml", dir, []byte("exclude: [\"other.tf\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(cfg); !slices.Equal(got, []string{"main.tf"}) {
		t.Errorf("exclude other.tf: got %v", got)
	}
	// A walked .tf file without a policy is not counted; one named is.
	if res := runLint(t, nil, dir); len(res.Files) != 1 {
		t.Errorf("walked: want 1 file (main.tf), got %d", len(res.Files))
	}
	if res := runLint(t, nil, filepath.Join(dir, "other.tf")); len(res.Files) != 1 || len(res.Findings) != 0 {
		t.Errorf("named: want other.tf linted and clean, got %d files, %v", len(res.Files), at(res))
	}
}

// Positions map through HCL's string decoding: escapes in quoted strings,
// $${ and %%{, and the indentation of <<- heredocs, with non-ASCII text.
// The Effect's span is its JSON string as written in the file, and the
// Sid's value is decoded as Terraform decodes it.
func TestLiteralPositions(t *testing.T) {
	for _, c := range []struct{ name, expr, sid, effect string }{
		{"quoted escapes", `"{\"Sid\": \"\u00e9\U0001F680\", \"Effect\": \"x\"}"`, "é🚀", `\"x\"`},
		{"dollar escape", `"{\"Sid\": \"$${aws:username}\", \"Effect\": \"x\"}"`, "${aws:username}", `\"x\"`},
		{"heredoc", "<<EOT\n{\"Sid\": \"🚀\", \"Effect\": \"x\"}\nEOT\n", "🚀", `"x"`},
		{"indented heredoc", "<<-EOT\n      {\n        \"Sid\": \"$${x} %%{y}\",\n        \"Effect\": \"x\"\n      }\n    EOT\n", "${x} %{y}", `"x"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			text := "resource \"aws_ses_identity_policy\" \"p\" {\n  identity = \"example.com\"\n  name = \"P\"\n  policy = " + c.expr + "\n}\n"
			units := terraform.Load(filepath.Join(t.TempDir(), "main.tf"), []byte(text))
			if len(units) != 1 || units[0].Policy == nil || units[0].Policy.Root == nil {
				t.Fatalf("no policy: %+v", units)
			}
			pol := units[0].Policy
			if sid := pol.Root.Get("Sid"); sid == nil || sid.Text != c.sid {
				t.Errorf("Sid: got %+v, want %q", sid, c.sid)
			}
			effect := pol.Root.Get("Effect")
			if effect == nil || effect.Text != "x" {
				t.Fatalf("Effect: got %+v", effect)
			}
			sp := pol.FileSpan(effect.Span)
			if got := text[sp.Start:sp.End]; got != c.effect {
				t.Errorf("Effect is at %q in the file, want %q", got, c.effect)
			}
		})
	}
}

// Load never panics and always says something about a file it cannot read.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		twinJSONEncode, twinHeredoc, twinDocument,
		"resource \"aws_ses_identity_policy\" \"p\" {\n  policy = <<-EOT\n  {\"a\": \"${x}\"\n  EOT\n}\n",
		"resource \"aws_ses_identity_policy\" \"p\" { policy = \"\\u00e9${",
		"locals { a = local.b\n b = local.a }\nresource \"aws_ses_identity_policy\" \"p\" {\n  policy = local.a\n}\n",
		"resource \"aws_ses_domain_identity\" \"x\" {\n  domain = aws_ses_domain_identity.x.domain\n}\nresource \"aws_ses_identity_policy\" \"p\" {\n  identity = aws_ses_domain_identity.x.arn\n  policy = jsonencode({ Id = aws_ses_domain_identity.x.domain })\n}\n",
	} {
		f.Add(seed)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, text string) {
		units := terraform.Load(filepath.Join(dir, "main.tf"), []byte(text))
		for _, u := range units {
			if u.Shape != input.Terraform || u.File == nil {
				t.Fatalf("bad unit %+v", u)
			}
			for _, p := range u.File.Problems {
				if p.Span.Start < 0 || p.Span.End > len(u.File.Text) || p.Span.Start > p.Span.End {
					t.Fatalf("problem span %v outside the text (%d bytes)", p.Span, len(u.File.Text))
				}
			}
			if u.Policy != nil && u.Policy.Root != nil {
				u.Policy.Root.Walk(func(n *source.Node) {
					sp := u.Policy.FileSpan(n.Span)
					if sp.Start < 0 || sp.End > len(u.File.Text) {
						t.Fatalf("node span %v outside the text", sp)
					}
				})
			}
		}
	})
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
