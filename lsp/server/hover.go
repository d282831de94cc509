package server

import (
	"fmt"
	"slices"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/source"
	"github.com/seslint/seslint/lsp/document"
	"github.com/seslint/seslint/lsp/jsonrpc"
	"github.com/seslint/seslint/lsp/protocol"
	"github.com/seslint/seslint/rules"
)

// hover answers textDocument/hover: over a finding, the rule's page; over
// an action, a condition operator or key, or a principal type, what it
// means and where it applies. Anything else, or a document that is not
// open or not linted, gets null.
func (s *Server) hover(p protocol.HoverParams) (any, *jsonrpc.Error) {
	doc, ok := s.docs.Get(p.TextDocument.URI)
	if !ok {
		return nil, nil
	}
	off, err := document.OffsetOf(doc.Text, p.Position, s.enc)
	if err != nil {
		return nil, nil
	}
	r := s.result(doc)
	if !r.linted {
		return nil, nil
	}
	var parts []string
	var rng *protocol.Range
	for i := range r.findings {
		f := &r.findings[i]
		if covers(f.Span, off) {
			parts = append(parts, ruleHover(f))
			if rng == nil {
				x := document.RangeOf(r.text, f.Span.Start, f.Span.End, s.enc)
				rng = &x
			}
		}
	}
	if text, span, ok := tokenHover(r, off); ok {
		parts = append(parts, text)
		if rng == nil {
			x := document.RangeOf(r.text, span.Start, span.End, s.enc)
			rng = &x
		}
	}
	if len(parts) == 0 {
		return nil, nil
	}
	return protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.Markdown, Value: strings.Join(parts, "\n\n---\n\n")}, Range: rng}, nil
}

// covers reports whether the cursor at off is on the span: on one of its
// characters, or at an empty span.
func covers(s finding.Span, off int) bool {
	return s.Start <= off && (off < s.End || (s.Start == s.End && off == s.Start))
}

// ruleHover is the finding's message and its rule's page.
func ruleHover(f *finding.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s %s** (%s): %s", f.RuleID, f.RuleName, f.Severity, f.Message)
	if r, ok := rules.Lookup(f.RuleID); ok {
		page := rules.Page(r.ID)
		// The page's own title repeats the line above.
		if strings.HasPrefix(page, "# ") {
			if i := strings.IndexByte(page, '\n'); i >= 0 {
				page = page[i+1:]
			}
		}
		if page = strings.TrimSpace(page); page != "" {
			b.WriteString("\n\n")
			b.WriteString(demoteHeadings(page))
		}
		fmt.Fprintf(&b, "\n\n[%s on the web](%s)", r.ID, r.HelpURI())
	}
	return b.String()
}

// demoteHeadings makes a page's "## " headings smaller, to sit under the
// hover's own first line.
func demoteHeadings(page string) string {
	lines := strings.Split(page, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "#") {
			lines[i] = "#" + l
		}
	}
	return strings.Join(lines, "\n")
}

// tokenHover describes the policy element under the cursor, read from the
// parsed document (or the policy inside a request's Policy string).
func tokenHover(r *lintResult, off int) (string, finding.Span, bool) {
	file := source.Parse(r.path, r.text)
	u := input.Load(file, input.Hints{})
	pol := u.Policy
	if pol == nil || pol.Root == nil {
		return "", finding.Span{}, false
	}
	n, onKey, span := nodeAt(pol, off)
	if n == nil {
		return "", finding.Span{}, false
	}
	keys := pathKeys(n)
	switch {
	case onKey && matchPath(keys, "Statement", "Condition", "*"):
		return operatorDoc(n.Name), span, true
	case onKey && matchPath(keys, "Statement", "Condition", "*", "*"):
		return conditionKeyDoc(n.Name), span, true
	case onKey && (matchPath(keys, "Statement", "Principal", "*") || matchPath(keys, "Statement", "NotPrincipal", "*")):
		return principalTypeDoc(n.Name), span, true
	case onKey:
		return "", finding.Span{}, false
	case n.Kind != source.String:
		return "", finding.Span{}, false
	case matchPath(keys, "Statement", "Action") || matchPath(keys, "Statement", "NotAction"):
		if text, ok := actionValueDoc(n.Text); ok {
			return text, span, true
		}
	case matchPath(keys, "Statement", "Principal", "Service") || matchPath(keys, "Statement", "NotPrincipal", "Service"):
		if text, ok := servicePrincipalDoc(n.Text); ok {
			return text, span, true
		}
	}
	return "", finding.Span{}, false
}

// nodeAt returns the innermost node whose key or (scalar) value holds the
// file offset off, whether it was the key, and the file span that matched.
// Spans are compared in file coordinates, so a policy embedded in a string
// works the same as a plain one.
func nodeAt(doc *source.Document, off int) (*source.Node, bool, finding.Span) {
	var best *source.Node
	var bestKey bool
	var bestSpan finding.Span
	doc.Root.Walk(func(n *source.Node) {
		if n.Parent != nil && n.Parent.Kind == source.Object {
			if ks := doc.FileSpan(n.Parent.Members[n.Index].KeySpan); covers(ks, off) {
				best, bestKey, bestSpan = n, true, ks
				return
			}
		}
		if n.Kind == source.Object || n.Kind == source.Array {
			return
		}
		if vs := doc.FileSpan(n.Span); covers(vs, off) {
			best, bestKey, bestSpan = n, false, vs
		}
	})
	return best, bestKey, bestSpan
}

// pathKeys returns the object keys from the root down to n, arrays left
// out: the value "ses:SendEmail" in Statement[0].Action[1] gives
// [Statement Action].
func pathKeys(n *source.Node) []string {
	var keys []string
	for c := n; c != nil && c.Parent != nil; c = c.Parent {
		if c.Parent.Kind == source.Object {
			keys = append(keys, c.Name)
		}
	}
	slices.Reverse(keys)
	return keys
}

// matchPath reports whether keys are the pattern, where "*" is any key.
func matchPath(keys []string, pattern ...string) bool {
	if len(keys) != len(pattern) {
		return false
	}
	for i, p := range pattern {
		if p != "*" && p != keys[i] {
			return false
		}
	}
	return true
}

// actionValueDoc describes an Action value: one action, or the actions a
// wildcard matches.
func actionValueDoc(value string) (string, bool) {
	prefix, name, ok := strings.Cut(value, ":")
	if !ok || !strings.EqualFold(prefix, awsdata.ActionPrefix) {
		if value == "*" {
			return "**\\*** matches every action of every service. In an SES identity policy it grants every `ses:` action the identity can be the resource of.", true
		}
		return "", false
	}
	if strings.ContainsAny(name, "*?") {
		matched := awsdata.MatchActions(name)
		var b strings.Builder
		fmt.Fprintf(&b, "**%s** matches %d SES action(s)", markdownEscape(value), len(matched))
		var grantable []string
		for _, a := range matched {
			if a.Identity != awsdata.IdentityNo {
				grantable = append(grantable, "`"+a.FullName()+"`")
			}
		}
		if len(grantable) > 0 {
			fmt.Fprintf(&b, "; these take an identity as their resource, so an identity policy can grant them: %s", strings.Join(grantable, ", "))
		}
		b.WriteString(".\n\n" + sourceLine(awsdata.ActionsSource, awsdata.ActionsDate))
		return b.String(), true
	}
	a, ok := awsdata.LookupAction(name)
	if !ok {
		return "", false
	}
	return actionDoc(a), true
}

// actionDoc describes an action.
func actionDoc(a awsdata.Action) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**: SES action, access level %s, API %s.\n\n", a.FullName(), a.Access, a.Families)
	switch a.Identity {
	case awsdata.IdentityRequired:
		b.WriteString("Takes the identity as its resource: an identity policy can grant it.")
	case awsdata.IdentityOptional:
		b.WriteString("Takes the identity as one of its resources: an identity policy can grant it.")
	default:
		b.WriteString("Does not take an identity as its resource: an identity policy cannot grant it.")
	}
	switch {
	case a.ClassicSending:
		b.WriteString(" One of the four sending-authorization actions of the SES Developer Guide.")
	case a.Sending:
		b.WriteString(" Sends email on behalf of an identity.")
	case a.SendsEmail:
		b.WriteString(" Sends an email.")
	}
	if len(a.ConditionKeys) > 0 {
		keys := make([]string, len(a.ConditionKeys))
		for i, k := range a.ConditionKeys {
			keys[i] = "`" + k + "`"
		}
		fmt.Fprintf(&b, "\n\nCondition keys: %s.", strings.Join(keys, ", "))
	}
	b.WriteString("\n\n" + sourceLine(awsdata.ActionsSource, awsdata.ActionsDate))
	return b.String()
}

// conditionKeyDoc describes a condition key as written in a policy.
func conditionKeyDoc(spelling string) string {
	k, ok := awsdata.LookupConditionKey(spelling)
	if !ok {
		return fmt.Sprintf("**%s** is not a condition key seslint knows for SES.", markdownEscape(spelling))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**: condition key, type %s, ", markdownEscape(k.Name), k.Type)
	if k.Multivalued {
		b.WriteString("multivalued (use it with `ForAllValues:` or `ForAnyValue:`).")
	} else {
		b.WriteString("single-valued.")
	}
	if !k.CaseMatches(spelling) {
		fmt.Fprintf(&b, " Write it as `%s`: SES rejects a prefix in the wrong case.", k.Canonical(spelling))
	}
	b.WriteString("\n\n")
	switch k.Origin {
	case awsdata.OriginGlobal:
		b.WriteString("A global condition key: present in requests to every service where it applies.")
		if k.SESImplemented {
			b.WriteString(" The SES Developer Guide lists it among the keys SES implements.")
		}
	case awsdata.OriginCrossService:
		b.WriteString("Another service's key, available in role sessions.")
	default:
		var actions []string
		for _, a := range awsdata.Actions() {
			if slices.Contains(a.ConditionKeys, k.Name) {
				actions = append(actions, "`"+a.FullName()+"`")
			}
		}
		if len(actions) > 0 {
			fmt.Fprintf(&b, "Present in requests to %s.", strings.Join(actions, ", "))
		}
	}
	if k.Sensitive {
		b.WriteString("\n\nSensitive: a wildcard in its value never has a valid use.")
	}
	if k.Legacy {
		b.WriteString("\n\nLegacy: AWS replaced it with `aws:SourceAccount`.")
	}
	b.WriteString("\n\n" + sourceLine(awsdata.ConditionKeysSource, awsdata.ConditionKeysDate))
	return b.String()
}

var operatorCategoryDoc = map[awsdata.OperatorCategory]string{
	awsdata.OpCategoryString:    "Compares strings.",
	awsdata.OpCategoryNumeric:   "Compares numbers.",
	awsdata.OpCategoryDate:      "Compares dates (ISO 8601 or epoch seconds).",
	awsdata.OpCategoryBool:      "Compares a boolean key with \"true\" or \"false\".",
	awsdata.OpCategoryBinary:    "Compares binary values, written in base 64.",
	awsdata.OpCategoryIPAddress: "Compares IP addresses with addresses or CIDR ranges.",
	awsdata.OpCategoryARN:       "Compares ARNs.",
	awsdata.OpCategoryNull:      "Tests whether the key is in the request: \"true\" means it is absent.",
}

// operatorDoc describes a condition operator as written in a policy.
func operatorDoc(spelling string) string {
	op, err := awsdata.ParseOperator(spelling)
	if err != nil {
		return fmt.Sprintf("**%s** is not a valid condition operator: %v.", markdownEscape(spelling), err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**: condition operator. %s", op, operatorCategoryDoc[op.Base.Category])
	if op.Base.Negated {
		b.WriteString(" Negated: true when the request value matches none of the policy values, and when the key is absent.")
	}
	if op.Base.IgnoreCase {
		b.WriteString(" Ignores case.")
	}
	if op.Base.Wildcards {
		if op.Base.Category == awsdata.OpCategoryARN {
			b.WriteString(" `*` and `?` match within each colon-separated part of the ARN.")
		} else {
			b.WriteString(" `*` matches any run of characters and `?` one character.")
		}
	}
	if op.Base.PolicyVariables {
		b.WriteString(" Values may hold policy variables such as `${aws:username}`.")
	}
	if op.IfExists {
		b.WriteString("\n\n`IfExists`: also true when the key is absent from the request.")
	}
	switch op.Qualifier {
	case awsdata.QualifierForAllValues:
		b.WriteString("\n\n`ForAllValues:`: true when every value of a multivalued key matches, and also when the key is absent.")
	case awsdata.QualifierForAnyValue:
		b.WriteString("\n\n`ForAnyValue:`: true when at least one value of a multivalued key matches.")
	}
	b.WriteString("\n\n" + sourceLine(awsdata.OperatorsSource, awsdata.OperatorsDate))
	return b.String()
}

// principalTypeText explains the principal types an SES identity policy
// accepts (awsdata.PrincipalTypes).
var principalTypeText = map[string]string{
	"AWS": "**AWS**: principals by account or IAM identity: a 12-digit account ID, `arn:aws:iam::111122223333:root`, " +
		"or the ARN of an IAM user or role. Each may send as the identity, within the statement's actions and conditions.",
	"Service": "**Service**: AWS service principals, such as `cognito-idp.amazonaws.com`, that send as the identity on your behalf. " +
		"Pin them to your resources with `aws:SourceAccount` or `aws:SourceArn`, or any account's use of the service can send as you.",
}

func principalTypeDoc(key string) string {
	if slices.Contains(awsdata.PrincipalTypes(), key) {
		doc := principalTypeText[key]
		if doc == "" {
			doc = fmt.Sprintf("**%s**: a principal type SES identity policies accept.", markdownEscape(key))
		}
		if key == "Service" {
			var names []string
			for _, p := range awsdata.ServicePrincipals() {
				names = append(names, "`"+p.Name+"`")
			}
			doc += "\n\nDocumented with SES identity policies: " + strings.Join(names, ", ") + "."
		}
		return doc + "\n\n" + sourceLine(awsdata.PrincipalFormsSource, awsdata.PrincipalFormsDate)
	}
	if why, ok := awsdata.ForeignPrincipalType(key); ok {
		return fmt.Sprintf("**%s** is not accepted in an SES identity policy: %s.", markdownEscape(key), why)
	}
	return fmt.Sprintf("**%s** is not a principal type an SES identity policy accepts; use %s.", markdownEscape(key), quotedList(awsdata.PrincipalTypes()))
}

func quotedList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = "`" + s + "`"
	}
	return strings.Join(q, " or ")
}

func servicePrincipalDoc(value string) (string, bool) {
	p, ok := awsdata.LookupSESServicePrincipal(value)
	if !ok {
		return "", false
	}
	doc := fmt.Sprintf("**%s**: service principal documented with SES identity policies (%s).", markdownEscape(value), p.Source)
	if !p.Verified {
		doc += " No primary AWS source documents it for SES: treat it as unverified."
	}
	return doc + "\n\n" + sourceLine(awsdata.ServicePrincipalsSource, awsdata.ServicePrincipalsDate), true
}

func sourceLine(src, date string) string {
	return fmt.Sprintf("_Source: %s; %s._", src, date)
}

// markdownEscape keeps a policy's text from being read as Markdown.
func markdownEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`)
	return r.Replace(s)
}
