package apply

import (
	"bytes"
	"testing"
)

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"example.com":                "example.com",
		"user+tag@example.com":       "user+tag@example.com",
		"file://a/b.json":            "file://a/b.json",
		`{"Sid": "it's"}`:            `'{"Sid": "it'\''s"}'`,
		"":                           "''",
		"two words":                  "'two words'",
		"$(rm -rf /)":                "'$(rm -rf /)'",
		"multi\nline":                "'multi\nline'",
		"arn:aws:ses:*:1:identity/x": "'arn:aws:ses:*:1:identity/x'",
	} {
		if got := ShellQuote(in); got != want {
			t.Errorf("ShellQuote(%q) = %s; want %s", in, got, want)
		}
	}
}

func TestShellCommand(t *testing.T) {
	p := &Plan{API: V1, Region: "us-east-1"}
	c := Change{Action: Create, Identity: "example.com", Name: "A", File: "p/example.com/A.json", Policy: `{"Statement":[]}`}
	c.Call = p.command(c)
	if got, want := ShellCommand(&c), `aws ses put-identity-policy --identity example.com --policy-name A --policy '{"Statement":[]}' --region us-east-1`; got != want {
		t.Errorf("ShellCommand = %s; want %s", got, want)
	}
	c.PolicyIsFile = true
	if got, want := ShellCommand(&c), `aws ses put-identity-policy --identity example.com --policy-name A --policy file://p/example.com/A.json --region us-east-1`; got != want {
		t.Errorf("ShellCommand of a whole file = %s; want %s", got, want)
	}
}

func TestWriteResults(t *testing.T) {
	p := &Plan{API: V1, Region: "us-east-1", Account: "345678901234", Changes: []Change{
		{Action: Create, Identity: "example.com", Name: "A", File: "p/example.com/A.json"},
		{Action: Update, Identity: "example.com", Name: "B", File: "p/example.com/B.json"},
		{Action: Unmanaged, Identity: "example.com", Name: "Old"},
		{Action: Unchanged, Identity: "example.com", Name: "Same", File: "p/example.com/Same.json"},
		{Action: Delete, Identity: "example.com", Name: "Z"},
	}}
	results := []Result{
		{Status: Applied, Attempts: 1},
		{Status: Failed, Attempts: 1, Code: "InvalidPolicy", Message: "Invalid principal"},
		{Status: Skipped},
		{Status: Skipped},
		{Status: NotAttempted, Note: "not attempted after an earlier failure to reach SES"},
	}
	var b bytes.Buffer
	if err := WriteResults(&b, p, results, false); err != nil {
		t.Fatal(err)
	}
	want := `
Results:
  applied       example.com A (create)
  failed        example.com B (update): p/example.com/B.json: policy "B" on identity "example.com": InvalidPolicy: Invalid principal
  skipped       example.com Old (unmanaged)
  skipped       example.com Same (unchanged)
  not-attempted example.com Z (delete): policy "Z" on identity "example.com": not attempted after an earlier failure to reach SES

Summary: 1 applied, 2 skipped, 1 failed, 1 not attempted.
`
	if b.String() != want {
		t.Errorf("results =\n%s\nwant\n%s", b.String(), want)
	}
	// Colour is per writer: on, the same text gains escape codes.
	b.Reset()
	if err := WriteResults(&b, p, results, true); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte("\x1b[")) {
		t.Error("no colour with colour on")
	}
}
