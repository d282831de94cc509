package rules

import "github.com/seslint/seslint/internal/finding"

// selfGrant reports an Allow whose principal is the account that owns the
// identity: the owner needs no identity policy to send from its own
// identity, so the grant delegates nothing, and is most often a delegate's
// account number that was mistyped or pasted from the Resource.
var selfGrant = &Rule{
	ID: "SES606", Name: "self-grant", Severity: finding.Note, Precision: "high",
	Summary: "An Allow names the identity owner's own account as principal, which needs no policy to send",
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		for _, st := range p.Policy.Statements {
			if !st.IsAllow() || st.Principal == nil {
				continue
			}
			owner, ok := grantOwnerAccount(p, st)
			if !ok {
				continue
			}
			for _, e := range st.Principal.Entries {
				if e.Key != "AWS" {
					continue
				}
				for _, v := range e.Values {
					if acct, ok := grantAccountOf(v.Text); ok && acct == owner {
						p.At(v, "principal %q is account %s, which owns the identity; the owner sends without any identity policy, so this grant delegates nothing: name the delegate's account instead", v.Text, owner)
					}
				}
			}
		}
	},
}
