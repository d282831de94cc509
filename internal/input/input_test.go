package input

import (
	"reflect"
	"testing"

	"github.com/seslint/seslint/internal/source"
)

func TestIdentityForms(t *testing.T) {
	for s, want := range map[string][2]bool{
		"example.com":       {true, false},
		"Mail.Example.COM":  {true, false},
		"user@Example.COM":  {false, true},
		"a+b@example.co.uk": {false, true},
		"examples":          {false, false},
		"v1.2":              {false, false},
		"-bad.com":          {false, false},
		"user@":             {false, false},
	} {
		if IsDomain(s) != want[0] || IsEmail(s) != want[1] {
			t.Errorf("%q: domain=%v email=%v, want %v", s, IsDomain(s), IsEmail(s), want)
		}
	}
}

func TestPathConvention(t *testing.T) {
	for path, want := range map[string][2]string{
		"policies/example.com/SendFromApp.json": {"example.com", "SendFromApp"},
		"alerts@example.org/Cognito.json":       {"alerts@example.org", "Cognito"},
		"policies/SendFromApp.json":             {"", ""},
		"SendFromApp.json":                      {"", ""},
	} {
		id, name, ok := FromPathConvention(path)
		if id != want[0] || name != want[1] || ok != (want[0] != "") {
			t.Errorf("%s: got %q %q %v, want %v", path, id, name, ok, want)
		}
	}
}

// A unit loaded into one that held another file's is the unit Load builds:
// nothing of the first (a request's fields and policy) is left over.
func TestLoadIntoResets(t *testing.T) {
	request := source.Parse("r.json", []byte(`{"Identity": "example.com", "PolicyName": "P", "Policy": "{\"Statement\": []}"}`))
	policy := source.Parse("other/P.json", []byte(`{"Version": "2012-10-17", "Statement": []}`))
	var u Unit
	LoadInto(&u, nil, request, Hints{})
	if u.Shape != Request || u.PolicyField == nil {
		t.Fatalf("the request loaded as %+v", u)
	}
	LoadInto(&u, nil, policy, Hints{PolicyName: "Flag"})
	if want := Load(policy, Hints{PolicyName: "Flag"}); !reflect.DeepEqual(&u, want) {
		t.Fatalf("loaded into a used unit:\n%+v\nwant\n%+v", u, *want)
	}
}
