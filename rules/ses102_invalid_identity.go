package rules

import (
	"fmt"
	"strings"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// invalidIdentity reports an Identity that is not an email address, a
// domain or an SES identity ARN, whichever way it was given.
var invalidIdentity = &Rule{
	ID: "SES102", Name: "invalid-identity", Severity: finding.Error, Precision: "high",
	Summary: "The identity is not an email address, a domain or an SES identity ARN",
	Check: func(p *Pass) {
		f := p.Unit.Identity
		if !f.Known {
			return
		}
		// Template text is SES009's finding; say it once.
		if f.Node != nil && len(tmplFind(f.Value, false)) > 0 {
			return
		}
		msg, fixed := identProblem(p, f.Value)
		if msg == "" {
			return
		}
		if f.Node == nil {
			// Said only when the value is not written where the finding points.
			msg += fmt.Sprintf(" (the identity comes from the %s)", originWords(f.Origin))
		}
		d := Diag{Doc: p.Unit.File, Message: msg, Value: f.Value}
		if f.Node != nil {
			d.Span, d.Node = f.Node.Span, f.Node
			if fixed != "" {
				d.Fix = Replace(fmt.Sprintf("Change to %q", fixed), f.Node, resJSONString(fixed))
			}
		}
		p.Report(d)
	},
}

// identProblem says why s is not an identity, or "", with a corrected
// identity when the fix is certain.
func identProblem(p *Pass, s string) (msg, fixed string) {
	if identIsName(s) {
		return "", ""
	}
	// Each message formats the identity itself: a valid identity ARN gets
	// this far, and quoting it up front would cost it a string.
	switch t := strings.TrimSpace(s); {
	case s == "":
		return "identity is empty; name an email address, a domain or an identity ARN", ""
	case t != s && identIsName(t):
		return fmt.Sprintf("identity %q has spaces around it; did you mean %q?", s, t), t
	case strings.HasSuffix(s, ".") && identIsName(strings.TrimSuffix(s, ".")):
		t = strings.TrimSuffix(s, ".")
		return fmt.Sprintf("identity %q ends with a dot; SES identities are written without it: did you mean %q?", s, t), t
	}
	if addr, ok := identAngleAddress(s); ok {
		return fmt.Sprintf("identity %q holds a display name; the identity is the address alone: did you mean %q?", s, addr), addr
	}
	if len(s) >= 4 && strings.EqualFold(s[:4], "arn:") {
		if msg, fixed := resARNProblem(p, s, "identity", false); msg != "" {
			return msg, fixed
		}
		a, _ := p.parseARN(s)
		if name, _ := a.IdentityName(); !identIsName(name) {
			return fmt.Sprintf("identity %q names %q, which is neither an email address nor a domain", s, name), ""
		}
		return "", ""
	}
	return fmt.Sprintf("identity %q is not an email address, a domain or an SES identity ARN", s), ""
}

// identAngleAddress finds the address in `Name <user@example.com>`.
func identAngleAddress(s string) (string, bool) {
	i, j := strings.LastIndexByte(s, '<'), strings.LastIndexByte(s, '>')
	if i < 0 || j != len(s)-1 || j < i {
		return "", false
	}
	addr := s[i+1 : j]
	return addr, identIsName(addr) && strings.Contains(addr, "@")
}

// identIsName reports an email address or a domain. The input package
// folds ASCII case itself, so ASCII needs no lowering; other text is
// lowered first, which turns some runes into ASCII letters ("İ" into "i").
func identIsName(s string) bool {
	l := s
	if !identASCII(s) {
		l = strings.ToLower(s)
	}
	return input.IsEmail(l) || input.IsDomain(l)
}

func identASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// identRef is an identity reduced to what policies compare: its name,
// and the Region, account and partition when it was given as an ARN.
type identRef struct {
	Name                       string
	Partition, Region, Account string
	IsARN                      bool
}

// identParse reads an identity name or identity ARN; ok is false when s
// is neither.
func identParse(s string) (identRef, bool) {
	if identIsName(s) {
		return identRef{Name: s}, true
	}
	a, ok := policy.ParseARN(s)
	if !ok || a.Service != "ses" {
		return identRef{}, false
	}
	name, ok := a.IdentityName()
	if !ok || !identIsName(name) {
		return identRef{}, false
	}
	return identRef{Name: name, Partition: a.Partition, Region: a.Region, Account: a.Account, IsARN: true}, true
}

// identKey is the form under which SES stores an identity name: domain
// names are case-insensitive, email addresses case-sensitive (SES
// Developer Guide, "Creating and verifying identities").
func identKey(name string) string {
	if strings.Contains(name, "@") {
		return name
	}
	return strings.ToLower(name)
}

// identSameName compares two identity names as SES does. Equal names,
// the usual case, are the same without lower-casing them.
func identSameName(a, b string) bool { return a == b || identKey(a) == identKey(b) }

// identUnitSpan is where a set rule reports on a unit: the PolicyName of a
// request, else the policy's opening brace, else the file's start.
func identUnitSpan(u *input.Unit) (source.Span, *source.Node) {
	if n := u.PolicyName.Node; n != nil {
		return n.Span, n
	}
	if root := u.File.Root; root != nil {
		return source.Span{Start: root.Span.Start, End: root.Span.Start + 1}, root
	}
	return source.Span{}, nil
}
