package rules

import (
	"reflect"
	"testing"
)

// TestTemplateScanner pins what counts as template text, what as an IAM
// policy variable, and what is neither.
func TestTemplateScanner(t *testing.T) {
	for _, tc := range []struct {
		in        string
		freeText  bool
		templates []string
		variables []string
	}{
		{in: "arn:aws:ses:${var.region}:${var.account}:identity/x", templates: []string{"${var.region}", "${var.account}"}},
		{in: "${AWS::AccountId}", templates: []string{"${AWS::AccountId}"}},
		{in: "${ACCOUNT:-123}", templates: []string{"${ACCOUNT:-123}"}},
		{in: `${var.a ? "x" : "y"}`, templates: []string{`${var.a ? "x" : "y"}`}},
		{in: "${}", templates: []string{"${}"}},
		{in: "{{x}} and {{ }}", templates: []string{"{{x}}"}},
		{in: "%{ if a }b%{ endif }", templates: []string{"%{ if a }", "%{ endif }"}},
		{in: "#{a}<%= b %>$(c)", templates: []string{"#{a}", "<%= b %>", "$(c)"}},
		{in: "$USER_ID:$user_id/$ab", templates: []string{"$USER_ID", "$user_id", "$ab"}},
		{in: "$a $1 a$bc \\$dd $$ee"},
		{in: "{account_id}@x {a.b}", templates: []string{"{account_id}", "{a.b}"}},
		{in: "{} {1} { a } x{y", templates: nil},
		{in: "<your-account-id> <ACCOUNT_ID> <a@b.com> <>", templates: []string{"<your-account-id>", "<ACCOUNT_ID>"}},
		{in: "<your-account-id> $HOME {x}", freeText: true},
		{in: "{{ x }} ${var.y}", freeText: true, templates: []string{"{{ x }}", "${var.y}"}},
		{in: "${aws:username}/${aws:PrincipalTag/team}/${s3:prefix}", variables: []string{"${aws:username}", "${aws:PrincipalTag/team}", "${s3:prefix}"}},
		{in: "${cognito-identity.amazonaws.com:sub}${saml:sub}", variables: []string{"${cognito-identity.amazonaws.com:sub}", "${saml:sub}"}},
		{in: "${*}${?}${$}", variables: []string{"${*}", "${?}", "${$}"}},
		{in: "${aws:userid, 'anonymous'}", variables: []string{"${aws:userid, 'anonymous'}"}},
		{in: "unclosed ${var.x and {{ y"},
		{in: "^a.*b$"},
	} {
		hits := tmplFind(tc.in, tc.freeText)
		if got := hits.of(tmplHitTemplate).texts(); !reflect.DeepEqual(got, tc.templates) && !(len(got) == 0 && len(tc.templates) == 0) {
			t.Errorf("%q: templates %q, want %q", tc.in, got, tc.templates)
		}
		if got := hits.of(tmplHitVariable).texts(); !reflect.DeepEqual(got, tc.variables) && !(len(got) == 0 && len(tc.variables) == 0) {
			t.Errorf("%q: variables %q, want %q", tc.in, got, tc.variables)
		}
	}
}
