package rules

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// The expressions SES009's tmplIsPolicyVariable and SES301's templated
// replaced, kept here only, as their specification. SES102's identIsName
// is compared with its old self, which lowered every value.
var (
	oldPolicyVariableRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9.\-]*:[A-Za-z][A-Za-z0-9_.\-/:+=@]*(\s*,\s*'[^']*')?$`)
	oldPrincipalTmplRe  = regexp.MustCompile(`\$\{|\{\{|\$\(|%\{|#\{|<%|(^|[^\w$\\])\$[A-Za-z_]\w+|<[A-Za-z][\w -]*>|\{[A-Za-z_][\w.]*\}`)
)

// oldTemplated is templated as it was, with its byte pre-check.
func oldTemplated(s string) bool {
	return strings.ContainsAny(s, "${<%#") && oldPrincipalTmplRe.MatchString(s)
}

func oldIdentIsName(s string) bool {
	l := strings.ToLower(s)
	return input.IsEmail(l) || input.IsDomain(l)
}

// templateScanCases are the edges of both languages: each alternative,
// each class boundary, white space RE2's \s does and does not take, the
// byte before a "$" (word, "$", "\", non-ASCII, invalid UTF-8), and
// unclosed forms.
func templateScanCases() []string {
	return []string{
		"", "aws:username", "aws:userid, 'anonymous'", "aws:userid,'x'", "aws:userid ,\t'x'", "aws:userid\v,'x'",
		"aws:userid, 'x' ", "aws:userid, 'x'y", "aws:userid, 'a'b'", "aws:userid, ''", "aws:userid, '", "aws:userid, x",
		"aws:userid,", "aws:userid, 'x\ny'", "aws:userid, '\xff'", "s3:prefix", "aws:PrincipalTag/team",
		"cognito-identity.amazonaws.com:sub", "AWS::AccountId", ":a", "a:", "a:1", "a:_", "-a:b", ".a:b", "a-.:b",
		"a b:c", "a:b c", "a:b=c+d@e/f:g.h-i_j", "a:b*", "a:b}", "é:b", "a:bé", "a:b\u212a", "var.account_id",
		"1:a", "a:b, 'c', 'd'", "a:b\r\n\f ,  'c'",
		"${var.account_id}", "${aws:username}", "{{account}}", "{{", "{ {", "$(whoami)", "$(", "%{x}", "%{", "#{x}",
		"#{", "<%= x %>", "<%", "$ACCOUNT_ID", "$AB", "$A", "$_a", "$_", "$1A", "a$AB", "_$AB", "$$AB", "\\$AB",
		"-$AB", " $AB", "é$AB", "\xff$AB", "\xe2\x82$AB", "arn:aws:iam::$ACCOUNT:root", "$AB$CD", "a$AB$CD",
		"<your-account-id>", "<your account id>", "<a>", "<a", "<1a>", "<a_b-c d9>", "<a.b>", "<a\tb>", "<é>",
		"< a>", "<>", "a<b>c", "{account_id}", "{a.b.c}", "{_}", "{1}", "{a-b}", "{a", "{a }", "{é}", "{}",
		"arn:aws:iam::123456789012:role/app-backend-22", "AIDACKCEVSQ6C2EXAMPLE", "cognito-idp.amazonaws.com",
		"billing$dept@example.com", "x\x00$AB", "{{}}", "${}", "<<a>", "{{a}", "%%{",
		"example.com", "Example.COM", "User@Example.COM", "ex\u0130mple.com", "\u212a.com", "\u017f.com", "\u00c9.com",
		strings.Repeat("\u212a", 63) + "." + strings.Repeat("a", 130), "a@b", "a b.com",
	}
}

// checkTextMayHold fails when tmplTextMayHold rules out a document, as
// parsed from s or from the Policy string of a request in s, in which
// tmplFind finds something.
func checkTextMayHold(t *testing.T, s string) {
	u := input.Load(source.Parse("p.json", []byte(s)), input.Hints{})
	for _, doc := range []*source.Document{u.File, u.Policy} {
		if doc == nil || doc.Root == nil || tmplTextMayHold(doc.Text) {
			continue
		}
		doc.Root.Walk(func(n *source.Node) {
			if n.Kind == source.String && (len(tmplFind(n.Text, false)) > 0 || len(tmplFind(n.Text, true)) > 0) {
				t.Errorf("tmplTextMayHold(%q) is false, but value %q holds template text", doc.Text, n.Text)
			}
			for _, m := range n.Members {
				if len(tmplFind(m.Key, false)) > 0 {
					t.Errorf("tmplTextMayHold(%q) is false, but key %q holds template text", doc.Text, m.Key)
				}
			}
		})
	}
}

// textMayHoldCases are documents and whether tmplTextMayHold must let
// them through to the walk.
var textMayHoldCases = map[string]bool{
	`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow"}]}`: false,
	`{"a": {}, "b": [{ "c": "d" }], "e": "}{"}`:                     false,
	`{"a": "{x}"}`:             true,
	`{"a": "{{ x }}"}`:         true,
	`{"a": "\u0024{x}"}`:       true,
	`{"a": "${aws:username}"}`: true,
	`{"a": "<b>"}`:             true,
	`{"{{k}}": 1}`:             true,
	`{"a": "%{x}", "b": "#"}`:  true,
	`{"a": "#{x}", "b": "%"}`:  true,
	`{"a": "50%", "b": "#1"}`:  false,
	`{"a": "<%= x %>"}`:        true,
	`{a: "{x}"}`:               true,
	`{"Identity": "a", "Policy": "{\"a\": \"{{x}}\"}"}`: true,
}

func TestTextMayHold(t *testing.T) {
	for text, want := range textMayHoldCases {
		if got := tmplTextMayHold([]byte(text)); got != want {
			t.Errorf("tmplTextMayHold(%s) = %v, want %v", text, got, want)
		}
		checkTextMayHold(t, text)
	}
}

func TestRuleScannersMatchExpressions(t *testing.T) {
	for _, s := range templateScanCases() {
		if got, want := tmplIsPolicyVariable(s), oldPolicyVariableRe.MatchString(s); got != want {
			t.Errorf("tmplIsPolicyVariable(%q) = %v, the expression says %v", s, got, want)
		}
		if got, want := templated(s), oldTemplated(s); got != want {
			t.Errorf("templated(%q) = %v, the expression says %v", s, got, want)
		}
		if got, want := identIsName(s), oldIdentIsName(s); got != want {
			t.Errorf("identIsName(%q) = %v, before it was %v", s, got, want)
		}
	}
}

// FuzzRuleScanners compares SES009's policy-variable scanner and SES301's
// template scanner with the expressions they replaced, SES102's
// identIsName with its old self, and checks that SES009's look at the
// whole text never rules out a document that has template text.
func FuzzRuleScanners(f *testing.F) {
	for _, s := range templateScanCases() {
		f.Add(s)
	}
	for s := range textMayHoldCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := tmplIsPolicyVariable(s), oldPolicyVariableRe.MatchString(s); got != want {
			t.Errorf("tmplIsPolicyVariable(%q) = %v, the expression says %v", s, got, want)
		}
		if got, want := templated(s), oldTemplated(s); got != want {
			t.Errorf("templated(%q) = %v, the expression says %v", s, got, want)
		}
		if got, want := identIsName(s), oldIdentIsName(s); got != want {
			t.Errorf("identIsName(%q) = %v, before it was %v", s, got, want)
		}
		checkTextMayHold(t, s)
	})
}

// oldTmplTextMayHold is tmplTextMayHold before "%" and "#" were left to
// the look for braces: it also searched the whole text for each.
func oldTmplTextMayHold(text []byte) bool {
	if bytes.ContainsAny(text, `\$<%#`) {
		return true
	}
	for i := 0; i < len(text); {
		j := bytes.IndexByte(text[i:], '{')
		if j < 0 {
			return false
		}
		i += j + 1
		if i < len(text) && (text[i] == '{' || tmplIsIdentStart(text[i])) {
			return true
		}
	}
	return false
}

// FuzzTextMayHoldPieces holds tmplTextMayHold to what it stands for in any
// text, JSON or not: when it says false, no piece of the text holds
// anything tmplFind finds, as a value or as free text (a document's
// strings are such pieces when it has no backslash); and it lets through
// no more than the look it replaced.
func FuzzTextMayHoldPieces(f *testing.F) {
	for s := range textMayHoldCases {
		f.Add(s)
	}
	f.Add("a%{b} #{c}")
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 96 {
			return // every piece is tried
		}
		got := tmplTextMayHold([]byte(text))
		if got && !oldTmplTextMayHold([]byte(text)) {
			t.Fatalf("tmplTextMayHold(%q) is true, the old look said false", text)
		}
		if got {
			return
		}
		for i := range len(text) {
			for j := i + 1; j <= len(text); j++ {
				if s := text[i:j]; len(tmplFind(s, false)) > 0 || len(tmplFind(s, true)) > 0 {
					t.Fatalf("tmplTextMayHold(%q) is false, but %q holds template text", text, s)
				}
			}
		}
	})
}

// FuzzHasTemplateGate holds Pass.hasTemplate, which trusts one look at the
// policy text, to tmplHasTemplate on every value of the policy, as parsed
// from s or from the Policy string of a request in s.
func FuzzHasTemplateGate(f *testing.F) {
	for s := range textMayHoldCases {
		f.Add(s)
	}
	f.Add(`{"Statement": [{"Resource": "arn:aws:ses:us-east-1:${AWS::AccountId}:identity/x", "Condition": {"StringLike": {"k": "{{v}}"}}}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		u := input.Load(source.Parse("p.json", []byte(s)), input.Hints{})
		if u.Policy == nil || u.Policy.Root == nil {
			return
		}
		p := &Pass{Unit: u, Policy: policy.New(u.Policy.Root)}
		u.Policy.Root.Walk(func(n *source.Node) {
			if n.Kind == source.String && p.hasTemplate(n.Text) != tmplHasTemplate(n.Text) {
				t.Errorf("hasTemplate(%q) = %v in %q, tmplHasTemplate says %v", n.Text, !tmplHasTemplate(n.Text), s, tmplHasTemplate(n.Text))
			}
		})
	})
}
