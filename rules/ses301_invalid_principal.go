package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// invalidPrincipal checks that every principal has a form SES accepts: an
// account ID, an IAM root, user, role, assumed-role or federated-user ARN, a
// user or role unique ID, or a service principal, under "AWS" or "Service".
// It owns every principal SES would reject, placeholders such as
// "EXAMPLE65304" included; SES307 owns the well-formed sample accounts.
var invalidPrincipal = &Rule{
	ID: "SES301", Name: "invalid-principal", Severity: finding.Error, Precision: "high",
	Summary: "A principal is not a valid account ID, IAM ARN, unique ID or service principal, or is under a principal type SES does not accept",
	Check: func(p *Pass) {
		for _, st := range stmtsOf(p) {
			for _, pr := range []*policy.Principal{st.Principal, st.NotPrincipal} {
				checkPrincipalElement(p, pr)
			}
		}
	},
}

// stmtsOf returns the policy's statements, or none when there is no
// policy to lint.
func stmtsOf(p *Pass) []*policy.Statement {
	if p.Policy == nil {
		return nil
	}
	return p.Policy.Statements
}

// stmtAllows reports whether a statement allows: its Effect is "Allow" in any
// case. The case itself is SES003's business; the security rules judge
// what the author meant.
func stmtAllows(st *policy.Statement) bool {
	return st.Effect != nil && st.Effect.Kind == source.String && equalFold(st.Effect.Text, "Allow")
}

// stmtDenies is stmtAllows for "Deny".
func stmtDenies(st *policy.Statement) bool {
	return st.Effect != nil && st.Effect.Kind == source.String && equalFold(st.Effect.Text, "Deny")
}

// principalType is the principal type an entry's key names, allowing a
// wrong case ("Aws"), which SES301 reports: "AWS", "Service" or "".
func principalType(key string) string {
	// Nearly every key is written as it should be: a switch compares the
	// constants in line, where a loop called to compare the bytes.
	switch key {
	case "AWS":
		return "AWS"
	case "Service":
		return "Service"
	}
	for _, t := range awsdata.PrincipalTypes() {
		if strings.EqualFold(key, t) {
			return t
		}
	}
	return ""
}

// principalValues calls fn for every string value under a principal type
// (any case) of the Principal and NotPrincipal elements of st.
func principalValues(st *policy.Statement, typ string, fn func(v *source.Node)) {
	for _, pr := range []*policy.Principal{st.Principal, st.NotPrincipal} {
		if pr == nil {
			continue
		}
		for _, e := range pr.Entries {
			if principalType(e.Key) == typ {
				for _, v := range e.Values {
					fn(v)
				}
			}
		}
	}
}

func checkPrincipalElement(p *Pass, pr *policy.Principal) {
	if pr == nil {
		return
	}
	if pr.Node.Kind == source.String {
		if !pr.Wildcard && !templated(pr.Node.Text) {
			typ := "AWS"
			if awsdata.ValidServicePrincipalForm(pr.Node.Text) {
				typ = "Service"
			}
			fixed := fmt.Sprintf(`{%q: %q}`, typ, pr.Node.Text)
			p.Report(Diag{Span: pr.Node.Span, Node: pr.Node, Value: pr.Node.Text,
				Message: fmt.Sprintf(`principal %q must be "*" or an object such as %s`, pr.Node.Text, fixed),
				Fix:     Replace("Write "+fixed, pr.Node, fixed)})
		}
		return
	}
	for _, e := range pr.Entries {
		typ := principalType(e.Key)
		switch {
		case typ != "" && typ != e.Key:
			p.Report(Diag{Span: e.KeySpan, Node: e.Node, Value: e.Key,
				Message: fmt.Sprintf("principal type %q must be written %q", e.Key, typ),
				Fix:     replaceSpanFix(fmt.Sprintf("Change to %q", typ), e.KeySpan, fmt.Sprintf("%q", typ))})
		case typ == "":
			p.Report(Diag{Span: e.KeySpan, Node: e.Node, Value: e.Key, Message: principalTypeProblem(e.Key)})
			continue
		}
		for _, v := range e.Values {
			var msg string
			var fix *finding.Fix
			if typ == "AWS" {
				msg, fix = awsPrincipalProblem(p, v)
			} else {
				msg, fix = servicePrincipalProblem(v)
			}
			if msg != "" {
				p.Report(Diag{Span: v.Span, Node: v, Value: v.Text, Message: msg, Fix: fix})
			}
		}
	}
}

func principalTypeProblem(key string) string {
	if why, ok := awsdata.ForeignPrincipalType(key); ok {
		return fmt.Sprintf(`principal type %q is not accepted in an SES identity policy (%s); use "AWS" or "Service"`, key, why)
	}
	if s, ok := awsdata.Suggest(key, awsdata.PrincipalTypes()); ok {
		return fmt.Sprintf(`unknown principal type %q; did you mean %q?`, key, s)
	}
	return fmt.Sprintf(`unknown principal type %q; an SES identity policy accepts "AWS" and "Service"`, key)
}

// replaceSpanFix is a fix that replaces a span, such as a key, with JSON text.
func replaceSpanFix(title string, span source.Span, json string) *finding.Fix {
	return &finding.Fix{Title: title, Edits: []finding.Edit{{Span: span, NewText: json}}}
}

// awsPrincipalProblem says what is wrong with a value under "AWS", with a
// fix where the intent is certain; "" when it is valid or holds template
// text (SES009's).
func awsPrincipalProblem(p *Pass, v *source.Node) (string, *finding.Fix) {
	msg, fix := awsPrincipalShapeProblem(p, v)
	// Look for template text only once something is wrong: nearly every
	// principal is valid, and the scan cost more than the checks.
	if msg != "" && templated(v.Text) {
		return "", nil
	}
	return msg, fix
}

// awsPrincipalShapeProblem is awsPrincipalProblem without the template
// check.
func awsPrincipalShapeProblem(p *Pass, v *source.Node) (string, *finding.Fix) {
	t := v.Text
	switch {
	case t == "*" || policy.IsAccountID(t):
		return "", nil
	case strings.TrimSpace(t) != t:
		trimmed := strings.TrimSpace(t)
		if m, _ := awsPrincipalProblem(p, &source.Node{Kind: source.String, Text: trimmed}); m == "" {
			return fmt.Sprintf("principal %q has spaces around it; write %q", t, trimmed), Replace("Remove the spaces", v, fmt.Sprintf("%q", trimmed))
		}
		return fmt.Sprintf("principal %q has spaces around it and is not an account ID, an IAM ARN or a unique ID", t), nil
	case strings.IndexByte(t, '*') >= 0 || strings.IndexByte(t, '?') >= 0: // not ContainsAny: no set to build
		return fmt.Sprintf(`principal %q has a partial wildcard; IAM accepts "*" alone (everyone) and no wildcard inside a principal: name the principals, or use "*" with an ArnLike condition on aws:PrincipalArn`, t), nil
	case len(t) >= 4 && equalFold(t[:4], "arn:"):
		return iamARNProblem(p, v)
	}
	if digits := strings.ReplaceAll(t, "-", ""); digits != t && policy.IsAccountID(digits) {
		return fmt.Sprintf("account ID %q must be written without hyphens: %q", t, digits), Replace("Remove the hyphens", v, fmt.Sprintf("%q", digits))
	}
	if awsdata.AllDigits(t) {
		return fmt.Sprintf("account ID %q has %d digits; an account ID has 12", t, len(t)), nil
	}
	if u, ok := awsdata.LookupUniqueID(t); ok {
		if u.Principal {
			return "", nil
		}
		return fmt.Sprintf("%q is the unique ID of %s, which cannot be a principal; name a user, a role or an account", t, u.Entity), nil
	}
	if awsdata.ValidServicePrincipalForm(t) {
		return fmt.Sprintf(`%q is a service principal; it belongs under "Service", not "AWS"`, t), nil
	}
	if awsdata.LooksLikePlaceholder(t) {
		return placeholderMessage(fmt.Sprintf("principal %q", t)), nil
	}
	return fmt.Sprintf("principal %q is not an account ID, an IAM ARN or a unique ID", t), nil
}

// placeholderMessage explains a documentation placeholder left where a
// principal or its account goes; subject names it
// ("principal \"EXAMPLE65304\"").
func placeholderMessage(subject string) string {
	return fmt.Sprintf("%s is a placeholder, not an account ID; put the delegate's 12-digit account ID (SES rejects the policy as it is)", subject)
}

// templated reports a value that holds template text, which is SES009's:
// ${...}, {{...}}, $(...), %{...}, #{...}, <%...%>, a shell variable
// ($ACCOUNT_ID), a format field ({account_id}) and a documentation
// placeholder (<your-account-id>). The principal rules leave such values to
// SES009 so that each problem is reported once; keep this in step with
// SES009's forms. In the terms of a regular expression, it finds
// \$\{|\{\{|\$\(|%\{|#\{|<%|(^|[^\w$\\])\$[A-Za-z_]\w+|<[A-Za-z][\w -]*>|\{[A-Za-z_][\w.]*\}
// anywhere in s (the tests hold it to that).
func templated(s string) bool {
	for i := 0; i < len(s); i++ {
		if !tmplStartByte[s[i]] {
			continue
		}
		var next byte
		if i+1 < len(s) {
			next = s[i+1]
		}
		switch s[i] {
		case '$':
			if next == '{' || next == '(' {
				return true
			}
			// A shell variable of two or more characters, not inside a
			// word: unlike SES009's scan, any non-ASCII byte before the "$"
			// counts as outside one, as [^\w$\\] takes any such rune.
			if tmplIsIdentStart(next) && i+2 < len(s) && tmplIsIdentByte(s[i+2]) &&
				(i == 0 || !tmplIsIdentByte(s[i-1]) && s[i-1] != '$' && s[i-1] != '\\') {
				return true
			}
		case '{':
			if next == '{' {
				return true
			}
			if tmplIsIdentStart(next) {
				j := i + 2
				for j < len(s) && (tmplIsIdentByte(s[j]) || s[j] == '.') {
					j++
				}
				if j < len(s) && s[j] == '}' {
					return true
				}
			}
		case '%', '#':
			if next == '{' {
				return true
			}
		case '<':
			if next == '%' {
				return true
			}
			if tmplIsLetter(next) {
				j := i + 2
				for j < len(s) && (tmplIsIdentByte(s[j]) || s[j] == '-' || s[j] == ' ') {
					j++
				}
				if j < len(s) && s[j] == '>' {
					return true
				}
			}
		}
	}
	return false
}

// iamARNProblem checks an ARN under "AWS" against the principal forms:
// arn:P:iam::ACCOUNT:root|user/PATH/NAME|role/PATH/NAME and
// arn:P:sts::ACCOUNT:assumed-role/ROLE/SESSION|federated-user/NAME. It
// reports the first problem only.
func iamARNProblem(p *Pass, v *source.Node) (string, *finding.Fix) {
	t := v.Text
	if !strings.HasPrefix(t, "arn:") {
		fixed := "arn:" + t[4:]
		return fmt.Sprintf(`principal %q must start with lower-case "arn:"`, t), Replace(`Change to lower-case "arn:"`, v, fmt.Sprintf("%q", fixed))
	}
	a, ok := p.parseARN(t)
	if !ok {
		return fmt.Sprintf("principal %q has %d of the 6 colon-separated parts of an ARN; an IAM principal ARN reads arn:PARTITION:iam::ACCOUNT:user/NAME", t, strings.Count(t, ":")+1), nil
	}
	if !awsdata.KnownPartition(a.Partition) {
		if s, ok := awsdata.Suggest(a.Partition, principalPartitionIDs()); ok {
			return fmt.Sprintf("principal %q names unknown partition %q; did you mean %q?", t, a.Partition, s), nil
		}
		return fmt.Sprintf("principal %q names unknown partition %q; the partitions are %s", t, a.Partition, quoteList(principalPartitionIDs())), nil
	}
	typ, rest, _ := strings.Cut(a.Resource, "/")
	form, known := awsdata.LookupPrincipalARNForm(typ)
	switch {
	case a.Service != "iam" && a.Service != "sts" && !known:
		return fmt.Sprintf("principal %q is an ARN of service %q, not an IAM principal; name an account, a user or a role", t, a.Service), nil
	case !known:
		if why, ok := awsdata.NonPrincipalIAMType(typ); ok {
			return fmt.Sprintf("principal %q cannot be a principal: %s", t, why), nil
		}
		return fmt.Sprintf("principal %q is not an IAM principal ARN; a principal ARN ends in :root, :user/..., :role/..., :assumed-role/... or :federated-user/...", t), nil
	case a.Service != form.Service:
		b := a
		b.Service = form.Service
		return fmt.Sprintf("%s ARNs use the %q service: write %q", typ, form.Service, b.String()), Replace(fmt.Sprintf("Change the service to %q", form.Service), v, fmt.Sprintf("%q", b.String()))
	case a.Region != "":
		b := a
		b.Region = ""
		return fmt.Sprintf("IAM ARNs leave the region empty: write %q", b.String()), Replace("Remove the region", v, fmt.Sprintf("%q", b.String()))
	case !policy.IsAccountID(a.Account):
		if awsdata.LooksLikePlaceholder(a.Account) {
			return placeholderMessage(fmt.Sprintf("account %q in principal %q", a.Account, t)), nil
		}
		return fmt.Sprintf("account %q in principal %q is not a 12-digit account ID", a.Account, t), nil
	}
	if typ == "root" {
		if a.Resource != "root" {
			return fmt.Sprintf(`principal %q: the account's root ARN ends in ":root" with nothing after it`, t), nil
		}
		return "", nil
	}
	// Split into a stack buffer: every valid principal ARN comes here.
	var buf [8]string
	parts := appendSplit(buf[:0], rest, '/')
	names := parts[max(0, len(parts)-form.Names):]
	path := parts[:len(parts)-len(names)]
	switch {
	case rest == "" || len(parts) < form.Names:
		return fmt.Sprintf("principal %q names no %s; write %s", t, formNoun(form), form.Form), nil
	case len(path) > 0 && !form.Pathed:
		return fmt.Sprintf("principal %q has too many parts for %s (an assumed-role ARN holds the role name without its path, then the session name)", t, form.Form), nil
	case !awsdata.ValidIAMPath(path):
		return fmt.Sprintf("principal %q has an invalid path; paths are printable ASCII between slashes", t), nil
	}
	for _, n := range names {
		if !awsdata.ValidIAMName(n) {
			return fmt.Sprintf("principal %q has an invalid name %q; IAM names are 1 to 64 letters, digits and + = , . @ _ -", t, n), nil
		}
	}
	return "", nil
}

// appendSplit appends the parts of s between the seps to dst, as
// strings.Split would return them.
func appendSplit(dst []string, s string, sep byte) []string {
	for {
		i := strings.IndexByte(s, sep)
		if i < 0 {
			return append(dst, s)
		}
		dst = append(dst, s[:i])
		s = s[i+1:]
	}
}

func formNoun(f awsdata.PrincipalARNForm) string {
	switch f.Type {
	case "assumed-role":
		return "role and session"
	case "federated-user":
		return "federated user"
	}
	return f.Type
}

// quoteList quotes each string and joins them with commas.
func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

func principalPartitionIDs() []string {
	var ids []string
	for _, p := range awsdata.Partitions() {
		ids = append(ids, p.ID)
	}
	slices.Sort(ids)
	return ids
}

// servicePrincipalProblem says what is wrong with a value under "Service";
// whether SES knows the service is SES305's business.
func servicePrincipalProblem(v *source.Node) (string, *finding.Fix) {
	t := v.Text
	switch {
	case templated(t):
		return "", nil
	case t == "*":
		return `"Service": "*" is not allowed; name the service, such as "cognito-idp.amazonaws.com"`, nil
	case awsdata.ValidServicePrincipalForm(t):
		return "", nil
	case awsdata.ValidServicePrincipalForm(strings.ToLower(strings.TrimSpace(t))):
		fixed := strings.ToLower(strings.TrimSpace(t))
		return fmt.Sprintf("service principal %q must be written %q", t, fixed), Replace(fmt.Sprintf("Change to %q", fixed), v, fmt.Sprintf("%q", fixed))
	case policy.IsAccountID(t) || strings.HasPrefix(t, "arn:"):
		return fmt.Sprintf(`%q is not a service principal; accounts and IAM ARNs belong under "AWS"`, t), nil
	}
	if full := strings.ToLower(strings.TrimSpace(t)) + ".amazonaws.com"; awsdata.KnownSESServicePrincipal(full) {
		return fmt.Sprintf("service principal %q needs its domain: %q", t, full), Replace(fmt.Sprintf("Change to %q", full), v, fmt.Sprintf("%q", full))
	}
	return fmt.Sprintf(`service principal %q is not of the form "<service>.amazonaws.com"`, t), nil
}
