package lint_test

import (
	"bytes"
	"testing"

	"github.com/seslint/seslint/internal/config"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/lint"
	"github.com/seslint/seslint/internal/report"
	"github.com/seslint/seslint/rules"
)

// FuzzLint runs the whole lint of one file, with every rule on, as a policy
// in its identity's folder beside a fixed sound policy of the same
// identity (so the set rules run too): it never panics, every position is
// inside the file, and the text and JSON output are the same byte for byte
// from one run to the next and with one worker or two.
//
// The seeds are in testdata/fuzz/FuzzLint: the examples and the test data.
func FuzzLint(f *testing.F) {
	f.Add([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ses:SendEmail","Resource":"*"}]}`))
	f.Add([]byte(`{"Identity":"example.com","PolicyName":"Send","Policy":"{\"Statement\":[]}"}`))
	engine, err := rules.New(rules.Settings{})
	if err != nil {
		f.Fatal(err)
	}
	cfg := config.Default(".")
	f.Fuzz(func(t *testing.T, data []byte) {
		run := func(jobs int) (text, js []byte) {
			inputs := []lint.Input{
				{Path: "example.com/Fuzzed.json", Text: data},
				{Path: "example.com/Sound.json", Text: []byte(sound)},
			}
			res := lint.Lint(inputs, lint.Options{Config: cfg, Engine: engine, Jobs: jobs})
			for _, fd := range res.Findings {
				size := len(data)
				if fd.File == "example.com/Sound.json" {
					size = len(sound)
				}
				for _, s := range spansOf(fd.Span, fd.Related, fd.Fix) {
					if s.Start < 0 || s.Start > s.End || s.End > size {
						t.Fatalf("%s %s: span %v outside %d bytes", fd.File, fd.RuleID, s, size)
					}
				}
			}
			var tb, jb bytes.Buffer
			if err := report.Text(&tb, res, report.TextOptions{}); err != nil {
				t.Fatal(err)
			}
			if err := report.JSON(&jb, res, func(string) string { return "" }); err != nil {
				t.Fatal(err)
			}
			return tb.Bytes(), jb.Bytes()
		}
		text1, json1 := run(1)
		text2, json2 := run(2)
		if !bytes.Equal(text1, text2) {
			t.Fatalf("text output differs between two runs:\n%s\n---\n%s", text1, text2)
		}
		if !bytes.Equal(json1, json2) {
			t.Fatalf("JSON output differs between two runs:\n%s\n---\n%s", json1, json2)
		}
	})
}

func spansOf(s finding.Span, related []finding.Related, fix *finding.Fix) []finding.Span {
	out := []finding.Span{s}
	for _, r := range related {
		out = append(out, r.Span)
	}
	if fix != nil {
		for _, e := range fix.Edits {
			out = append(out, e.Span)
		}
	}
	return out
}

// sound is a policy of example.com with no finding.
const sound = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowPartnerSending",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::210987654321:role/mailer"},
      "Action": ["ses:SendEmail", "ses:SendRawEmail"],
      "Resource": "arn:aws:ses:eu-west-1:345678901234:identity/example.com",
      "Condition": {"StringEquals": {"ses:FromAddress": "billing@example.com"}}
    }
  ]
}
`
