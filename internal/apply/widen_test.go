package apply

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

const arn = "arn:aws:ses:us-east-1:123456789012:identity/example.com"

// stmt writes one statement; cond is the Condition object's JSON or "".
func stmt(sid, effect, principal, action, cond string) string {
	s := fmt.Sprintf(`{"Sid":%q,"Effect":%q,"Principal":%s,"Action":%s,"Resource":%q`, sid, effect, principal, action, arn)
	if cond != "" {
		s += `,"Condition":` + cond
	}
	return s + "}"
}

func doc(stmts ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
}

const (
	acctA   = `{"AWS":"111122223333"}`
	acctB   = `{"AWS":"444455556666"}`
	send    = `"ses:SendEmail"`
	sendAll = `["ses:SendEmail","ses:SendRawEmail"]`
	from    = `{"StringEquals":{"ses:FromAddress":"app@example.com"}}`
)

func TestWidens(t *testing.T) {
	for _, tc := range []struct {
		label    string
		old, new string
		want     []string
	}{
		{
			label: "create: every principal is new",
			new:   doc(stmt("App", "Allow", `{"AWS":["111122223333","arn:aws:iam::444455556666:role/mailer"]}`, send, from)),
			want: []string{
				`new principal AWS "111122223333" in statement "App"`,
				`new principal AWS "arn:aws:iam::444455556666:role/mailer" in statement "App"`,
			},
		},
		{
			label: "the same grants written differently",
			old:   doc(stmt("App", "Allow", acctA, `["ses:SendEmail"]`, from)),
			new:   doc(stmt("Renamed", "Allow", `{"AWS":"arn:aws:iam::111122223333:root"}`, `"SES:sendemail"`, `{"StringEquals":{"SES:FromAddress":["app@example.com"]}}`)),
		},
		{
			label: "a new principal",
			old:   doc(stmt("App", "Allow", acctA, send, from)),
			new:   doc(stmt("App", "Allow", acctA, send, from), stmt("Partner", "Allow", acctB, send, from)),
			want:  []string{`new principal AWS "444455556666" in statement "Partner"`},
		},
		{
			label: "a role of an account already trusted",
			old:   doc(stmt("App", "Allow", acctA, send, from)),
			new:   doc(stmt("App", "Allow", `{"AWS":"arn:aws:iam::111122223333:role/mailer"}`, send, from)),
		},
		{
			label: "the account of a role trusted before",
			old:   doc(stmt("App", "Allow", `{"AWS":"arn:aws:iam::111122223333:role/mailer"}`, send, from)),
			new:   doc(stmt("App", "Allow", acctA, send, from)),
			want:  []string{`new principal AWS "111122223333" in statement "App"`},
		},
		{
			label: "a new action for a known principal",
			old:   doc(stmt("App", "Allow", acctA, send, from)),
			new:   doc(stmt("App", "Allow", acctA, sendAll, from)),
			want:  []string{`new action "ses:SendRawEmail" for AWS "111122223333" in statement "App"`},
		},
		{
			label: "an action a wildcard already granted",
			old:   doc(stmt("App", "Allow", acctA, `"ses:Send*"`, from)),
			new:   doc(stmt("App", "Allow", acctA, sendAll, from)),
		},
		{
			label: "a wildcard action wider than the old list",
			old:   doc(stmt("App", "Allow", acctA, sendAll, from)),
			new:   doc(stmt("App", "Allow", acctA, `"ses:Send*"`, from)),
			want:  []string{`new action "ses:Send*" for AWS "111122223333" in statement "App"`},
		},
		{
			label: "fewer actions narrow",
			old:   doc(stmt("App", "Allow", acctA, sendAll, from)),
			new:   doc(stmt("App", "Allow", acctA, send, from)),
		},
		{
			label: "a removed condition",
			old:   doc(stmt("App", "Allow", acctA, send, from)),
			new:   doc(stmt("App", "Allow", acctA, send, "")),
			want:  []string{`condition StringEquals "ses:FromAddress" removed in statement "App"`},
		},
		{
			label: "a loosened condition",
			old:   doc(stmt("App", "Allow", acctA, send, `{"StringLike":{"ses:FromAddress":"news+*@example.com"}}`)),
			new:   doc(stmt("App", "Allow", acctA, send, `{"StringLike":{"ses:FromAddress":["news+*@example.com","*@example.com"]}}`)),
			want:  []string{`condition StringLike "ses:FromAddress" loosened: it now also accepts "*@example.com" in statement "App"`},
		},
		{
			label: "a Like pattern the old one covers narrows",
			old:   doc(stmt("App", "Allow", acctA, send, `{"StringLike":{"ses:FromAddress":"*@example.com"}}`)),
			new:   doc(stmt("App", "Allow", acctA, send, `{"StringLike":{"ses:FromAddress":["news+*@example.com","app@example.com"]}}`)),
		},
		{
			label: "an added condition narrows",
			old:   doc(stmt("App", "Allow", acctA, send, "")),
			new:   doc(stmt("App", "Allow", acctA, send, from)),
		},
		{
			label: "IfExists loosens",
			old:   doc(stmt("App", "Allow", acctA, send, from)),
			new:   doc(stmt("App", "Allow", acctA, send, `{"StringEqualsIfExists":{"ses:FromAddress":"app@example.com"}}`)),
			want:  []string{`condition StringEquals "ses:FromAddress" loosened to StringEqualsIfExists, which passes when the key is absent in statement "App"`},
		},
		{
			label: "a negated condition that excludes less",
			old:   doc(stmt("App", "Allow", acctA, send, `{"StringNotLike":{"ses:Recipients":["*@rival.example","*@other.example"]}}`)),
			new:   doc(stmt("App", "Allow", acctA, send, `{"StringNotLike":{"ses:Recipients":"*@rival.example"}}`)),
			want:  []string{`condition StringNotLike "ses:Recipients" no longer excludes "*@other.example" in statement "App"`},
		},
		{
			label: "a new public grant",
			old:   doc(stmt("App", "Allow", acctA, send, from)),
			new:   doc(stmt("App", "Allow", acctA, send, from), stmt("Everyone", "Allow", `"*"`, send, "")),
			want:  []string{`new public grant: statement "Everyone" lets anyone call "ses:SendEmail"`},
		},
		{
			label: "a public grant made by dropping the condition that pinned it",
			old:   doc(stmt("Org", "Allow", `{"AWS":"*"}`, send, `{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}`)),
			new:   doc(stmt("Org", "Allow", `{"AWS":"*"}`, send, "")),
			want:  []string{`new public grant: statement "Org" lets anyone call "ses:SendEmail" (condition StringEquals "aws:PrincipalOrgID" removed)`},
		},
		{
			label: "a wildcard principal pinned to an organisation is not public",
			new:   doc(stmt("Org", "Allow", `"*"`, send, `{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}`)),
			want:  []string{`new principal "*" in statement "Org"`},
		},
		{
			label: "a deny removed",
			old:   doc(stmt("App", "Allow", acctA, send, ""), stmt("NoRival", "Deny", `"*"`, send, `{"StringLike":{"ses:Recipients":"*@rival.example"}}`)),
			new:   doc(stmt("App", "Allow", acctA, send, "")),
			want:  []string{`deny statement "NoRival" removed or changed`},
		},
		{
			label: "a deny renamed only",
			old:   doc(stmt("App", "Allow", acctA, send, ""), stmt("NoRival", "Deny", `"*"`, send, "")),
			new:   doc(stmt("App", "Allow", acctA, send, ""), stmt("Renamed", "Deny", `"*"`, send, "")),
		},
		{
			label: "a delete that takes a deny with it",
			old:   doc(stmt("NoRival", "Deny", `"*"`, send, "")),
			want:  []string{`deletes deny statement "NoRival", which takes access away`},
		},
		{
			label: "a delete of grants narrows",
			old:   doc(stmt("App", "Allow", acctA, send, "")),
		},
		{
			label: "NotAction",
			old:   doc(stmt("App", "Allow", acctA, send, "")),
			new:   `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"NotAction":"ses:DeleteIdentity","Resource":"` + arn + `"}]}`,
			want:  []string{`statement 1 uses NotAction; seslint cannot tell whose access it grants`},
		},
		{
			label: "a statement with no Sid",
			new:   `{"Statement":{"Effect":"Allow","Principal":{"Service":"ses.amazonaws.com"},"Action":"ses:SendEmail","Resource":"` + arn + `"}}`,
			want:  []string{`new principal Service "ses.amazonaws.com" in statement 1`},
		},
		{
			label: "a new resource",
			old:   doc(stmt("App", "Allow", acctA, send, "")),
			new:   strings.Replace(doc(stmt("App", "Allow", acctA, send, "")), "us-east-1", "*", 1),
			want:  []string{`new resource "arn:aws:ses:*:123456789012:identity/example.com" for AWS "111122223333" in statement "App"`},
		},
		{
			label: "an unreadable policy on SES",
			old:   `{"Statement": [`,
			new:   doc(stmt("App", "Allow", acctA, send, "")),
			want:  []string{"the policy on SES is not valid JSON; seslint cannot tell what the change does"},
		},
	} {
		t.Run(tc.label, func(t *testing.T) {
			got := Widens(tc.old, tc.new)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Widens =\n  %q\nwant\n  %q", got, tc.want)
			}
		})
	}
}

func TestGlob(t *testing.T) {
	for _, tc := range []struct {
		pattern, s string
		want       bool
	}{
		{"*", "", true},
		{"ses:send*", "ses:sendemail", true},
		{"ses:send?mail", "ses:sendemail", true},
		{"ses:send?mail", "ses:sendmail", false},
		{"ses:sende?ail", "ses:sendemail", true},
		{"*@example.com", "news+a@example.com", true},
		{"*@example.com", "a@example.com.evil", false},
		{"a*b*c", "aXbYbZc", true},
		{"a*b*c", "aXbYc", true},
		{"a*b*c", "acb", false},
		{"😀*", "😀x", true},
		{"?", "😀", true},
	} {
		if got := glob(tc.pattern, tc.s); got != tc.want {
			t.Errorf("glob(%q, %q) = %v; want %v", tc.pattern, tc.s, got, tc.want)
		}
	}
}
