package plan_test

import (
	"fmt"
	"testing"

	"github.com/seslint/seslint/internal/source"
	"github.com/seslint/seslint/internal/terraform/plan"
)

func change(addr, typ string, actions string) string {
	return fmt.Sprintf(`{"address": %q, "mode": "managed", "type": %q, "name": "x",
	  "change": {"actions": %s, "after": {"identity": "example.com", "name": "N", "email_identity": "example.com", "policy_name": "N",
	  "policy": "{\"Version\": \"2012-10-17\", \"Statement\": []}"}}}`, addr, typ, actions)
}

// Which changes are linted, for each format version seslint reads.
func TestLoad(t *testing.T) {
	changes := change("aws_ses_identity_policy.create", "aws_ses_identity_policy", `["create"]`) + "," +
		change("aws_sesv2_email_identity_policy.update", "aws_sesv2_email_identity_policy", `["update"]`) + "," +
		change("aws_ses_identity_policy.replace", "aws_ses_identity_policy", `["delete", "create"]`) + "," +
		change("aws_ses_identity_policy.delete", "aws_ses_identity_policy", `["delete"]`) + "," +
		change("aws_ses_identity_policy.noop", "aws_ses_identity_policy", `["no-op"]`) + "," +
		change("aws_iam_policy.other", "aws_iam_policy", `["create"]`)
	for _, version := range []string{"0.1", "1.0", "1.2", "1.99"} {
		text := fmt.Sprintf(`{"format_version": %q, "terraform_version": "1.9.0", "resource_changes": [%s]}`, version, changes)
		doc := source.Parse("plan.json", []byte(text))
		if !plan.Is(doc) {
			t.Fatalf("%s: not recognised as a plan", version)
		}
		var got []string
		for _, u := range plan.Load(doc) {
			if !u.Identity.Known || !u.PolicyName.Known || u.Policy == nil || u.Policy.Root == nil || u.Size != 39 {
				t.Errorf("%s: %s: unit not filled in: %+v", version, u.Address, u)
			}
			got = append(got, u.Address)
		}
		want := fmt.Sprint([]string{"aws_ses_identity_policy.create", "aws_sesv2_email_identity_policy.update", "aws_ses_identity_policy.replace"})
		if fmt.Sprint(got) != want || len(doc.Problems) != 0 {
			t.Errorf("%s: got %v (problems %v), want %s", version, got, doc.Problems, want)
		}
	}
	for _, bad := range []string{`"2.0"`, `1.0`, `"x"`} {
		doc := source.Parse("plan.json", []byte(`{"format_version": `+bad+`, "terraform_version": "9", "resource_changes": []}`))
		if units := plan.Load(doc); len(units) != 1 || units[0].Policy != nil || len(doc.Problems) != 1 {
			t.Errorf("format_version %s: want one unit without policy and one problem, got %d units, %v", bad, len(units), doc.Problems)
		}
	}
}
