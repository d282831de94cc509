package rules

import (
	"fmt"
	"strings"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// sesFromAddressKey is the condition key that limits the From address.
const sesFromAddressKey = "ses:FromAddress"

// unrestrictedFromAddress reports a grant of sending on a domain identity
// with no ses:FromAddress condition: the delegate can send as any address
// at the domain (postmaster@, ceo@, ...).
var unrestrictedFromAddress = &Rule{
	ID: "SES601", Name: "unrestricted-from-address", Severity: finding.Warning, Precision: "high",
	Security: true, SecuritySeverity: "6.5",
	Summary: "Sending on a domain identity is allowed with no ses:FromAddress condition, so the delegate can send as any address at the domain",
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		// A Deny on ses:FromAddress elsewhere in the policy is a way to
		// limit the From address too.
		for _, st := range p.Policy.Statements {
			if st.IsDeny() && st.HasConditionKey(sesFromAddressKey) {
				return
			}
		}
		for _, st := range p.Policy.Statements {
			if !st.IsAllow() || st.HasConditionKey(sesFromAddressKey) {
				continue
			}
			// at is the first value that grants sending; carries, whether
			// a sending action it grants carries the key.
			var at *source.Node
			carries := false
			for _, v := range p.actions(st)[:len(st.Action)] {
				for _, a := range v.Matches {
					if a.Sending {
						if at == nil {
							at = v.Node
						}
						carries = carries || a.HasConditionKey(sesFromAddressKey)
					}
				}
			}
			if at == nil {
				continue
			}
			domain, ok := grantIdentityName(p.Unit, st)
			if !ok || !input.IsDomain(domain) {
				continue
			}
			if owner, ok := grantOwnerAccount(p, st); ok && grantOnlyToOwner(st, owner) {
				continue // SES606's case: nothing is delegated
			}
			var msg string
			if carries {
				msg = fmt.Sprintf("statement %d lets its principals send as any address at the domain %q: no %q condition limits the From address; add one, such as \"StringEquals\": {%q: %q}",
					st.Index+1, domain, sesFromAddressKey, sesFromAddressKey, "notifications@"+domain)
			} else {
				msg = fmt.Sprintf("statement %d lets its principals send as any address at the domain %q, and %q carries no %q key that could limit it; grant \"ses:SendEmail\" or \"ses:SendRawEmail\" with a %q condition instead",
					st.Index+1, domain, at.Text, sesFromAddressKey, sesFromAddressKey)
			}
			p.Report(Diag{Span: at.Span, Node: at, Value: at.Text, Message: msg})
		}
	},
}

// grantIdentityName returns the identity a statement is about: the name in
// its identity ARN, or else the unit's known identity.
func grantIdentityName(u *input.Unit, st *policy.Statement) (string, bool) {
	for _, r := range st.Resource {
		if a, ok := policy.ParseARN(r.Text); ok {
			if name, ok := a.IdentityName(); ok && name != "" && !grantHasWildcard(name) {
				return name, true
			}
		}
	}
	if u.Identity.Known {
		if a, ok := policy.ParseARN(u.Identity.Value); ok {
			return a.IdentityName()
		}
		return u.Identity.Value, u.Identity.Value != ""
	}
	return "", false
}

// grantOwnerAccount returns the account that owns the identity: the account of
// the statement's identity ARN, or of an identity given as an ARN.
func grantOwnerAccount(p *Pass, st *policy.Statement) (string, bool) {
	for _, r := range st.Resource {
		if a, ok := p.parseARN(r.Text); ok && policy.IsAccountID(a.Account) {
			return a.Account, true
		}
	}
	if u := p.Unit; u.Identity.Known {
		if a, ok := p.parseARN(u.Identity.Value); ok && policy.IsAccountID(a.Account) {
			return a.Account, true
		}
	}
	return "", false
}

// grantOnlyToOwner reports whether every principal of st is the
// account owner itself.
func grantOnlyToOwner(st *policy.Statement, owner string) bool {
	if st.Principal == nil || st.Principal.Wildcard || len(st.Principal.Entries) == 0 {
		return false
	}
	for _, e := range st.Principal.Entries {
		if e.Key != "AWS" || len(e.Values) == 0 {
			return false
		}
		for _, v := range e.Values {
			if acct, ok := grantAccountOf(v.Text); !ok || acct != owner {
				return false
			}
		}
	}
	return true
}

// grantAccountOf returns the account an account principal names: a bare
// 12-digit ID or an arn:PARTITION:iam::ID:root ARN. Users, roles and other
// principals are not accounts.
func grantAccountOf(s string) (string, bool) {
	if policy.IsAccountID(s) {
		return s, true
	}
	// Only a ":root" ARN can name an account: most principals are users
	// and roles, which need no parsing to turn down.
	if !strings.HasSuffix(s, ":root") {
		return "", false
	}
	if a, ok := policy.ParseARN(s); ok && a.Service == "iam" && a.Resource == "root" && policy.IsAccountID(a.Account) {
		return a.Account, true
	}
	return "", false
}

// grantHasWildcard reports "*" or "?" in s.
func grantHasWildcard(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '*' || s[i] == '?' {
			return true
		}
	}
	return false
}
