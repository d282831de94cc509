package awsdata

import "testing"

// lookupPrincipalARNFormByLoop is LookupPrincipalARNForm as it was: a look
// through the table.
func lookupPrincipalARNFormByLoop(typ string) (PrincipalARNForm, bool) {
	for _, f := range principalARNForms {
		if f.Type == typ {
			return f, true
		}
	}
	return PrincipalARNForm{}, false
}

// TestPrincipalARNFormIndex keeps the switch and the table in step: every
// form is found at its place.
func TestPrincipalARNFormIndex(t *testing.T) {
	for i, f := range principalARNForms {
		if got := principalARNFormIndex(f.Type); got != i {
			t.Errorf("principalARNFormIndex(%q) = %d, the table has it at %d", f.Type, got, i)
		}
	}
}

// FuzzLookupPrincipalARNForm holds LookupPrincipalARNForm to the loop it
// replaced, on any type.
func FuzzLookupPrincipalARNForm(f *testing.F) {
	for _, s := range []string{"", "root", "Root", "user", "role", "roles", "assumed-role", "federated-user", "group", "rooT"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, typ string) {
		got, ok := LookupPrincipalARNForm(typ)
		want, wantOK := lookupPrincipalARNFormByLoop(typ)
		if got != want || ok != wantOK {
			t.Fatalf("LookupPrincipalARNForm(%q) = %+v, %v; the loop gives %+v, %v", typ, got, ok, want, wantOK)
		}
	})
}
