package apply

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

const account = "123456789012"

func policyText(identity, principal string) string {
	return fmt.Sprintf(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Send",
      "Effect": "Allow",
      "Principal": {"AWS": %q},
      "Action": ["ses:SendEmail"],
      "Resource": "arn:aws:ses:us-east-1:123456789012:identity/%s"
    }
  ]
}
`, principal, identity)
}

func desiredPolicy(identity, name, principal string) Desired {
	return Desired{File: identity + "/" + name + ".json", Identity: identity, Name: name, Policy: policyText(identity, principal), PolicyIsFile: true}
}

func verified(policies map[string]string) *IdentityState {
	return &IdentityState{Exists: true, Verified: true, Status: "Success", Policies: policies}
}

func actions(p *Plan) map[string]Action {
	m := map[string]Action{}
	for _, c := range p.Changes {
		m[c.Identity+" "+c.Name] = c.Action
	}
	return m
}

func TestBuild(t *testing.T) {
	desired := []Desired{
		desiredPolicy("example.com", "New", "111122223333"),
		desiredPolicy("example.com", "Changed", "444455556666"),
		desiredPolicy("example.com", "Same", "111122223333"),
	}
	// SES returns policies compacted, in its own key order; a one-element
	// list may come back as a scalar.
	same := `{"Statement":{"Action":"ses:SendEmail","Effect":"Allow","Principal":{"AWS":["111122223333"]},"Resource":"arn:aws:ses:us-east-1:123456789012:identity/example.com","Sid":"Send"},"Version":"2012-10-17"}`
	state := &State{Account: account, Identities: map[string]*IdentityState{
		"example.com": verified(map[string]string{
			"Changed": strings.Join(strings.Fields(policyText("example.com", "111122223333")), ""),
			"Same":    same,
			"Legacy":  strings.Join(strings.Fields(policyText("example.com", "777788889999")), ""),
		}),
	}}

	p := Build(desired, state, Options{API: V1, Region: "us-east-1"})
	if len(p.Problems) > 0 {
		t.Fatalf("problems: %v", p.Problems)
	}
	want := map[string]Action{
		"example.com Changed": Update, "example.com Legacy": Unmanaged,
		"example.com New": Create, "example.com Same": Unchanged,
	}
	if got := actions(p); !reflect.DeepEqual(got, want) {
		t.Errorf("actions = %v; want %v", got, want)
	}
	if p.PendingCount() != 2 {
		t.Errorf("PendingCount = %d; want 2", p.PendingCount())
	}
	// Sorted by identity and name.
	var names []string
	for _, c := range p.Changes {
		names = append(names, c.Name)
	}
	if want := []string{"Changed", "Legacy", "New", "Same"}; !reflect.DeepEqual(names, want) {
		t.Errorf("order = %v; want %v", names, want)
	}

	changed := p.Changes[0]
	wantDiff := `--- SES example.com Changed
+++ example.com/Changed.json
@@ -3,7 +3,7 @@
     "Action": "ses:SendEmail",
     "Effect": "Allow",
     "Principal": {
-      "AWS": "111122223333"
+      "AWS": "444455556666"
     },
     "Resource": "arn:aws:ses:us-east-1:123456789012:identity/example.com",
     "Sid": "Send"
`
	if changed.Diff != wantDiff {
		t.Errorf("update diff =\n%s\nwant\n%s", changed.Diff, wantDiff)
	}
	if want := []string{`new principal AWS "444455556666" in statement "Send"`}; !reflect.DeepEqual(changed.Widens, want) {
		t.Errorf("update widens = %q; want %q", changed.Widens, want)
	}
	if want := []string{"aws", "ses", "put-identity-policy", "--identity", "example.com", "--policy-name", "Changed", "--policy", desired[1].Policy, "--region", "us-east-1"}; !reflect.DeepEqual(changed.Call, want) {
		t.Errorf("call = %q; want %q", changed.Call, want)
	}
	for _, c := range p.Changes {
		if !c.Pending() && (c.Call != nil || c.Diff != "" || c.Widens != nil) {
			t.Errorf("%s %s: a change with no call has call %q, diff %q, widens %q", c.Action, c.Name, c.Call, c.Diff, c.Widens)
		}
	}

	// With --prune, the policy no file defines is deleted.
	p = Build(desired, state, Options{API: V2, Region: "us-east-1", Profile: "ops", Prune: true})
	del := p.Changes[1]
	if del.Action != Delete || del.Name != "Legacy" {
		t.Fatalf("change 1 = %s %s; want delete Legacy", del.Action, del.Name)
	}
	if want := []string{"aws", "sesv2", "delete-email-identity-policy", "--email-identity", "example.com", "--policy-name", "Legacy", "--region", "us-east-1", "--profile", "ops"}; !reflect.DeepEqual(del.Call, want) {
		t.Errorf("delete call = %q; want %q", del.Call, want)
	}
	if !strings.HasPrefix(del.Diff, "--- SES example.com Legacy\n+++ (deleted)\n@@ -1,12 +0,0 @@\n-{\n") {
		t.Errorf("delete diff =\n%s", del.Diff)
	}
	if got := p.Changes[0].Call[2]; got != "update-email-identity-policy" {
		t.Errorf("v2 update calls %s", got)
	}
	if got := p.Changes[2].Call[2]; got != "create-email-identity-policy" {
		t.Errorf("v2 create calls %s", got)
	}
}

func TestBuildOffline(t *testing.T) {
	desired := []Desired{desiredPolicy("example.com", "A", "111122223333"), desiredPolicy("b.example", "B", "111122223333")}
	p := Build(desired, nil, Options{API: V1})
	if !p.Offline || p.Account != "" {
		t.Errorf("Offline = %v, Account = %q", p.Offline, p.Account)
	}
	want := map[string]Action{"b.example B": Create, "example.com A": Create}
	if got := actions(p); !reflect.DeepEqual(got, want) {
		t.Errorf("actions = %v; want %v", got, want)
	}
	if len(p.Problems) > 0 {
		t.Errorf("problems without a region or account: %v", p.Problems)
	}
	// No region: the call names none.
	if c := p.Changes[0].Call; c[len(c)-2] == "--region" {
		t.Errorf("offline call without a region names one: %q", c)
	}
}

func TestBuildProblems(t *testing.T) {
	twentyOne := map[string]string{}
	for i := range 20 {
		twentyOne[fmt.Sprintf("P%02d", i)] = `{"Statement":[]}`
	}
	for _, tc := range []struct {
		label   string
		desired Desired
		state   *IdentityState
		region  string
		offline bool
		want    []string
	}{
		{
			label:   "identity missing",
			desired: desiredPolicy("example.com", "A", "111122223333"),
			state:   nil,
			want:    []string{`example.com: identity "example.com" does not exist in account 123456789012 in region us-east-1; create and verify it first`},
		},
		{
			label:   "identity pending",
			desired: desiredPolicy("example.com", "A", "111122223333"),
			state:   &IdentityState{Exists: true, Status: "Pending"},
			want:    []string{`example.com: identity "example.com" is not verified in region us-east-1 (status Pending); SES attaches policies to verified identities only`},
		},
		{
			label:   "resource in another region",
			desired: desiredPolicy("example.com", "A", "111122223333"),
			state:   verified(map[string]string{}),
			region:  "eu-west-1",
			want:    []string{`example.com/A.json: Resource "arn:aws:ses:us-east-1:123456789012:identity/example.com" is in region "us-east-1", but apply works in "eu-west-1", where the identity must be verified`},
		},
		{
			label: "resource of another account and identity",
			desired: Desired{File: "x.json", Identity: "example.com", Name: "A",
				Policy: strings.ReplaceAll(policyText("other.example", "111122223333"), "123456789012", "999999999999")},
			state: verified(map[string]string{}),
			want: []string{
				`x.json: Resource "arn:aws:ses:us-east-1:999999999999:identity/other.example" names identity "other.example", but the policy is for "example.com"`,
				`x.json: Resource "arn:aws:ses:us-east-1:999999999999:identity/other.example" belongs to account "999999999999", but the credentials are for account 123456789012`,
			},
		},
		{
			label:   "resource in another partition",
			desired: Desired{File: "x.json", Identity: "example.com", Name: "A", Policy: strings.ReplaceAll(policyText("example.com", "111122223333"), "arn:aws:ses:us-east-1", "arn:aws-us-gov:ses:us-east-1")},
			state:   verified(map[string]string{}),
			want:    []string{`x.json: Resource "arn:aws-us-gov:ses:us-east-1:123456789012:identity/example.com" is in partition "aws-us-gov", but region us-east-1 is in "aws"`},
		},
		{
			label:   "a wildcard region is allowed",
			desired: Desired{File: "x.json", Identity: "example.com", Name: "A", Policy: strings.ReplaceAll(policyText("example.com", "111122223333"), "us-east-1", "*")},
			state:   verified(map[string]string{}),
		},
		{
			label:   "resource not an identity ARN",
			desired: Desired{File: "x.json", Identity: "example.com", Name: "A", Policy: `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"ses:SendEmail","Resource":"*"}]}`},
			state:   verified(map[string]string{}),
			want:    []string{`x.json: Resource "*" is not the ARN of identity "example.com" (arn:aws:ses:REGION:ACCOUNT:identity/example.com)`},
		},
		{
			label:   "identity ARN of another account",
			desired: Desired{File: "x.json", Identity: "example.com", IdentityARN: "arn:aws:ses:us-east-1:999999999999:identity/example.com", Name: "A", Policy: policyText("example.com", "111122223333")},
			state:   verified(map[string]string{}),
			want:    []string{`x.json: identity "arn:aws:ses:us-east-1:999999999999:identity/example.com" belongs to account "999999999999", but the credentials are for account 123456789012`},
		},
		{
			label:   "the 21st policy",
			desired: desiredPolicy("example.com", "A", "111122223333"),
			state:   verified(twentyOne),
			want:    []string{`example.com: identity "example.com" would have 21 policies, counting the 20 already on it (--prune deletes those no file defines); SES allows at most 20`},
		},
		{
			label:   "replacing one of 20 is not a 21st",
			desired: desiredPolicy("example.com", "P07", "111122223333"),
			state:   verified(twentyOne),
		},
	} {
		t.Run(tc.label, func(t *testing.T) {
			state := &State{Account: account, Identities: map[string]*IdentityState{}}
			if tc.state != nil {
				state.Identities["example.com"] = tc.state
			}
			region := tc.region
			if region == "" {
				region = "us-east-1"
			}
			p := Build([]Desired{tc.desired}, state, Options{Region: region})
			var got []string
			for _, pr := range p.Problems {
				got = append(got, pr.String())
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems =\n  %q\nwant\n  %q", got, tc.want)
			}
		})
	}

	// With --prune the limit counts only the files' policies.
	p := Build([]Desired{desiredPolicy("example.com", "A", "111122223333")}, &State{Account: account, Identities: map[string]*IdentityState{"example.com": verified(twentyOne)}}, Options{Region: "us-east-1", Prune: true})
	if len(p.Problems) > 0 {
		t.Errorf("prune plan problems: %v", p.Problems)
	}
	if got := p.Counts(); got[Delete] != 20 || got[Create] != 1 {
		t.Errorf("prune counts = %v", got)
	}
}
