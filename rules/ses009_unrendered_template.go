package rules

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// unrenderedTemplate reports template text left in the policy (Terraform,
// CloudFormation, Jinja, Helm, ERB, shell, documentation placeholders), and
// IAM policy variables that SES would match literally: under 2008-10-17,
// with no Version, or where IAM does not substitute variables.
var unrenderedTemplate = &Rule{
	ID: "SES009", Name: "unrendered-template", Severity: finding.Error, Precision: "high",
	Summary: "Template text (${var.x}, {{ x }}, $X, <your-account-id>) left in the policy, or a policy variable SES would match literally",
	Check: func(p *Pass) {
		if p.Unit.Shape == input.Request {
			for _, f := range []input.Field{p.Unit.Identity, p.Unit.PolicyName} {
				n := f.Node
				if n == nil || n.Kind != source.String {
					continue
				}
				if hits := tmplFind(n.Text, false); len(hits) > 0 {
					// Nothing is substituted in these members, so a policy
					// variable there is template text too.
					p.Report(Diag{Doc: p.Unit.File, Span: n.Span, Node: n, Value: n.Text,
						Message: tmplMessage(hits.texts(), fmt.Sprintf("%q", n.Name))})
				}
			}
		}
		if p.Policy == nil || p.Policy.Root == nil {
			return
		}
		// Most policies have nothing to find anywhere: one look at the text
		// saves the walk.
		if !p.textMayHoldTemplate() {
			return
		}
		c := tmplCheck{p: p, vars: tmplVariableMode(p.Policy)}
		p.Policy.Root.Walk(func(n *source.Node) {
			if n.Kind == source.String {
				c.value(n)
			}
			if n.Kind == source.Object {
				for i := range n.Members {
					c.key(n, &n.Members[i])
				}
			}
		})
	},
}

// tmplHitKind tells template text from IAM policy variables.
type tmplHitKind uint8

const (
	tmplHitTemplate tmplHitKind = iota
	tmplHitVariable
)

type tmplHit struct {
	Text string
	Kind tmplHitKind
	// At is the byte offset of the hit in the string.
	At int
}

type tmplHits []tmplHit

func (h tmplHits) texts() []string {
	out := make([]string, len(h))
	for i, x := range h {
		out[i] = x.Text
	}
	return out
}

// tmplIsPolicyVariable reports whether s, the text between "${" and "}",
// is an IAM policy variable: a condition key (service-prefix:name, with a
// tag key after a slash) and an optional default value,
// "aws:userid, 'anonymous'" (S11). Prefixes are service prefixes or
// identity-provider names (aws, s3, saml, cognito-identity.amazonaws.com);
// the name starts with a letter, which keeps CloudFormation's
// ${AWS::AccountId} out. In the terms of a regular expression:
// ^[A-Za-z0-9][A-Za-z0-9.\-]*:[A-Za-z][A-Za-z0-9_.\-/:+=@]*(\s*,\s*'[^']*')?$
// (the tests hold it to that).
func tmplIsPolicyVariable(s string) bool {
	colon := strings.IndexByte(s, ':')
	if colon <= 0 || !tmplIsAlnum(s[0]) {
		return false
	}
	for i := 1; i < colon; i++ {
		if c := s[i]; !tmplIsAlnum(c) && c != '.' && c != '-' {
			return false
		}
	}
	i := colon + 1
	if i == len(s) || !tmplIsLetter(s[i]) {
		return false
	}
	for i++; i < len(s) && tmplVariableNameByte(s[i]); i++ {
	}
	if i == len(s) {
		return true
	}
	// The default value: white space, a comma, white space, a quoted string
	// that ends s.
	rest := tmplTrimSpace(s[i:])
	if rest == "" || rest[0] != ',' {
		return false
	}
	rest = tmplTrimSpace(rest[1:])
	return len(rest) >= 2 && rest[0] == '\'' && strings.IndexByte(rest[1:], '\'') == len(rest)-2
}

func tmplIsAlnum(c byte) bool { return tmplIsLetter(c) || c >= '0' && c <= '9' }

func tmplVariableNameByte(c byte) bool {
	switch c {
	case '_', '.', '-', '/', ':', '+', '=', '@':
		return true
	}
	return tmplIsAlnum(c)
}

// tmplTrimSpace drops leading white space as RE2's \s reads it: tab,
// newline, form feed, carriage return and space (no vertical tab).
func tmplTrimSpace(s string) string {
	for s != "" {
		switch s[0] {
		case '\t', '\n', '\f', '\r', ' ':
			s = s[1:]
			continue
		}
		break
	}
	return s
}

// tmplTextMayHold reports whether a document parsed from text may have a
// string or key in which tmplFind finds something. Its strings are pieces
// of text with escapes decoded, so any backslash counts. A "{" counts only
// before "{" or an identifier, which JSON's own braces never are, or after
// "%" or "#": those two start a form only before a "{" ("%{", "#{") or
// after a "<" ("<%"), so the look for braces finds them, and the whole
// text is searched for three bytes rather than five.
func tmplTextMayHold(text []byte) bool {
	for _, c := range [...]byte{'\\', '$', '<'} {
		if bytes.IndexByte(text, c) >= 0 {
			return true
		}
	}
	for i := 0; i < len(text); {
		j := bytes.IndexByte(text[i:], '{')
		if j < 0 {
			return false
		}
		if at := i + j; at > 0 && (text[at-1] == '%' || text[at-1] == '#') {
			return true
		}
		i += j + 1
		if i < len(text) && (text[i] == '{' || tmplIsIdentStart(text[i])) {
			return true
		}
	}
	return false
}

// tmplTextState is what is known of a unit's policy text.
type tmplTextState uint8

const (
	tmplTextUnknown tmplTextState = iota // not looked at yet
	tmplTextMay                          // may hold template text
	tmplTextNone                         // holds none
)

// textMayHoldTemplate is tmplTextMayHold of the unit's policy text,
// looked at once per unit: when it is false, no value or key of the policy
// holds template text. A Terraform policy's strings come from HCL, not
// from its text, so they may.
func (p *Pass) textMayHoldTemplate() bool {
	c := p.unitCache()
	if c.tmplText == tmplTextUnknown {
		c.tmplText = tmplTextNone
		if p.Unit.Shape == input.Terraform || p.Unit.Policy == nil || tmplTextMayHold(p.Unit.Policy.Text) {
			c.tmplText = tmplTextMay
		}
	}
	return c.tmplText == tmplTextMay
}

// tmplStartByte marks the bytes every template form starts with.
var tmplStartByte = [256]bool{'$': true, '{': true, '<': true, '%': true, '#': true}

// tmplMayHold reports whether s has a byte a template form starts with;
// most values have none. A table, as strings.ContainsAny builds its set
// on every call.
func tmplMayHold(s string) bool {
	if len(s) < 8 {
		for i := 0; i < len(s); i++ {
			if tmplStartByte[s[i]] {
				return true
			}
		}
		return false
	}
	// Eight bytes at a time, the last eight overlapping those before.
	for i := 0; i+8 < len(s); i += 8 {
		if tmplWordMayHold(load64(s[i : i+8])) {
			return true
		}
	}
	return tmplWordMayHold(load64(s[len(s)-8:]))
}

// tmplWordMayHold reports a start byte among the eight bytes of w, as the
// rules ask it of every ARN. On the low seven bits t of each byte (so no
// sum carries into the next byte), t+0x80-c has its high bit set exactly
// when t >= c, which tells "#", "$" and "%" (0x23 to 0x25) with two sums;
// and v+0x7f has it set exactly when v is not 0, which tells t == c for
// v = t^c. Bytes with their own high bit set are none of these.
func tmplWordMayHold(w uint64) bool {
	const lo7, hi, ones = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080, 0x0101010101010101
	t := w & lo7
	hashToPercent := (t + (0x80-'#')*ones) &^ (t + (0x80-'%'-1)*ones)
	lt, brace := t^'<'*ones, t^'{'*ones
	equal := ^((lt + lo7) & (brace + lo7))
	return (hashToPercent|equal)&^w&hi != 0
}

// tmplFind finds template text in s. The forms found everywhere are
// unambiguous in a policy: ${...} that is not a policy variable, {{ ... }},
// %{...}, #{...}, <% ... %> and $(...). The weaker forms, a shell variable
// ($ACCOUNT_ID), a format field ({account_id}) and a documentation
// placeholder (<your-account-id>), are skipped in free text such as a
// display name, where those characters may be meant.
func tmplFind(s string, freeText bool) tmplHits {
	if !tmplMayHold(s) {
		return nil
	}
	var hits tmplHits
	add := func(at, end int, kind tmplHitKind) int {
		hits = append(hits, tmplHit{Text: s[at:end], Kind: kind, At: at})
		return end
	}
	for i := 0; i < len(s); {
		c := s[i]
		next := byte(0)
		if i+1 < len(s) {
			next = s[i+1]
		}
		switch {
		case c == '$' && next == '{':
			if j := strings.IndexByte(s[i+2:], '}'); j >= 0 {
				end := i + 2 + j + 1
				inner := s[i+2 : end-1]
				if awsdata.IsPolicyVariableEscape(s[i:end]) || tmplIsPolicyVariable(inner) {
					i = add(i, end, tmplHitVariable)
				} else {
					i = add(i, end, tmplHitTemplate)
				}
				continue
			}
		case c == '$' && next == '(':
			if j := strings.IndexByte(s[i+2:], ')'); j > 0 {
				i = add(i, i+2+j+1, tmplHitTemplate)
				continue
			}
		case c == '$' && tmplIsIdentStart(next) && !freeText && (i == 0 || !tmplIsWordByte(s[i-1])):
			end := i + 1
			for end < len(s) && tmplIsIdentByte(s[end]) {
				end++
			}
			if end-i > 2 {
				i = add(i, end, tmplHitTemplate)
				continue
			}
		case c == '{' && next == '{':
			if j := strings.Index(s[i+2:], "}}"); j >= 0 && strings.TrimSpace(s[i+2:i+2+j]) != "" {
				i = add(i, i+2+j+2, tmplHitTemplate)
				continue
			}
		case (c == '%' || c == '#') && next == '{':
			if j := strings.IndexByte(s[i+2:], '}'); j > 0 {
				i = add(i, i+2+j+1, tmplHitTemplate)
				continue
			}
		case c == '<' && next == '%':
			if j := strings.Index(s[i+2:], "%>"); j >= 0 {
				i = add(i, i+2+j+2, tmplHitTemplate)
				continue
			}
		case c == '<' && tmplIsLetter(next) && !freeText:
			end := i + 1
			for end < len(s) && (tmplIsIdentByte(s[end]) || s[end] == '-' || s[end] == ' ') {
				end++
			}
			if end < len(s) && s[end] == '>' {
				i = add(i, end+1, tmplHitTemplate)
				continue
			}
		case c == '{' && tmplIsIdentStart(next) && !freeText:
			end := i + 1
			for end < len(s) && (tmplIsIdentByte(s[end]) || s[end] == '.') {
				end++
			}
			if end < len(s) && s[end] == '}' {
				i = add(i, end+1, tmplHitTemplate)
				continue
			}
		}
		i++
	}
	return hits
}

func tmplIsLetter(c byte) bool     { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func tmplIsIdentStart(c byte) bool { return tmplIsLetter(c) || c == '_' }
func tmplIsIdentByte(c byte) bool  { return tmplIsIdentStart(c) || c >= '0' && c <= '9' }

// tmplIsWordByte is a byte that, before a "$", makes it part of a word
// ("billing$dept@example.com") rather than the start of a shell variable.
func tmplIsWordByte(c byte) bool { return tmplIsIdentByte(c) || c == '$' || c == '\\' || c >= 0x80 }

// tmplVarMode says whether the policy's language substitutes variables.
type tmplVarMode uint8

const (
	tmplVarsOn        tmplVarMode = iota // "2012-10-17"
	tmplVarsNoVersion                    // no Version: read as 2008-10-17
	tmplVarsLegacy                       // "2008-10-17"
	tmplVarsUnknown                      // an invalid Version: SES006 or SES003 says so
)

func tmplVariableMode(pol *policy.Policy) tmplVarMode {
	v := pol.Version
	switch {
	case pol.Root.Kind != source.Object:
		return tmplVarsUnknown
	case pol.Root.Member("Version") == nil:
		return tmplVarsNoVersion
	case v.Kind != source.String:
		return tmplVarsUnknown
	case v.Text == awsdata.CurrentPolicyVersion:
		return tmplVarsOn
	case v.Text == awsdata.LegacyPolicyVersion:
		return tmplVarsLegacy
	}
	return tmplVarsUnknown
}

type tmplCheck struct {
	p    *Pass
	vars tmplVarMode
}

// value checks one string value of the policy.
func (c tmplCheck) value(n *source.Node) {
	if !tmplMayHold(n.Text) {
		return // nothing tmplFind could match: skip working out the place
	}
	where, ctx := c.place(n)
	if ctx == tmplPlaceVersion {
		return
	}
	hits := tmplFind(n.Text, ctx == tmplPlaceFreeText)
	if len(hits) == 0 {
		return
	}
	if tmpl := hits.of(tmplHitTemplate); len(tmpl) > 0 {
		c.p.At(n, "%s", tmplMessage(tmpl.texts(), where))
		return
	}
	if why := c.literal(n, ctx, hits); why != "" {
		c.p.At(n, "%s", tmplVariableMessage(hits.texts(), where, why))
	}
}

// key checks the key of member m of object n.
func (c tmplCheck) key(obj *source.Node, m *source.Member) {
	hits := tmplFind(m.Key, false)
	if len(hits) == 0 {
		return
	}
	where := "a key"
	switch {
	case obj.Name == "Condition":
		where = "a condition operator"
	case obj.Parent != nil && obj.Parent.Name == "Condition":
		where = "a condition key"
	}
	d := Diag{Span: m.KeySpan, Node: m.Value, Value: m.Key}
	if tmpl := hits.of(tmplHitTemplate); len(tmpl) > 0 {
		d.Message = tmplMessage(tmpl.texts(), where)
	} else {
		d.Message = tmplVariableMessage(hits.texts(), where, "IAM substitutes variables only in \"Resource\" and in condition values, never in keys")
	}
	c.p.Report(d)
}

func (h tmplHits) of(kind tmplHitKind) tmplHits {
	var out tmplHits
	for _, x := range h {
		if x.Kind == kind {
			out = append(out, x)
		}
	}
	return out
}

// The places a string value can be, as far as variables are concerned.
type tmplPlace uint8

const (
	tmplPlaceOther tmplPlace = iota
	tmplPlaceVersion
	tmplPlaceName // Sid or Id: a label, never matched against a request
	tmplPlaceResource
	tmplPlaceCondition
	tmplPlaceFreeText // a condition value of a free-text key
)

// place names where n sits ("Resource", "a condition value") and how
// variables behave there.
func (c tmplCheck) place(n *source.Node) (string, tmplPlace) {
	pol := c.p.Policy
	if n.Parent == pol.Root {
		switch n.Name {
		case "Version":
			return `"Version"`, tmplPlaceVersion
		case "Id":
			return `"Id"`, tmplPlaceName
		}
		return fmt.Sprintf("%q", n.Name), tmplPlaceOther
	}
	st := pol.StatementOf(n)
	if st == nil {
		return "the policy", tmplPlaceOther
	}
	elem := n
	for elem.Parent != nil && elem.Parent != st.Node {
		elem = elem.Parent
	}
	switch elem.Name {
	case "Sid":
		return `"Sid"`, tmplPlaceName
	case "Resource", "NotResource":
		return fmt.Sprintf("%q", elem.Name), tmplPlaceResource
	case "Condition":
		key := n
		if key.Parent != nil && key.Parent.Kind == source.Array {
			key = key.Parent
		}
		if awsdata.IsFreeTextConditionKey(key.Name) {
			return fmt.Sprintf("the value of %q", key.Name), tmplPlaceFreeText
		}
		return fmt.Sprintf("the value of %q", key.Name), tmplPlaceCondition
	}
	return fmt.Sprintf("%q", elem.Name), tmplPlaceOther
}

// whyLiteral says why variables are plain text in the whole policy, or "".
func (c tmplCheck) whyLiteral() string {
	switch c.vars {
	case tmplVarsNoVersion:
		return fmt.Sprintf(`the policy has no "Version"; add "Version": %q`, awsdata.CurrentPolicyVersion)
	case tmplVarsLegacy:
		return fmt.Sprintf(`"Version" is %q; use %q`, awsdata.LegacyPolicyVersion, awsdata.CurrentPolicyVersion)
	}
	return ""
}

// literal says why the variables in n would be matched literally, or "".
func (c tmplCheck) literal(n *source.Node, ctx tmplPlace, hits tmplHits) string {
	if c.vars == tmplVarsUnknown || ctx == tmplPlaceName {
		return ""
	}
	if why := c.whyLiteral(); why != "" {
		return why
	}
	switch ctx {
	case tmplPlaceResource:
		for _, h := range hits {
			if strings.Count(n.Text[:h.At], ":") < awsdata.PolicyVariableARNParts {
				return "IAM substitutes variables in an ARN only in its resource part, after the fifth colon"
			}
		}
		return ""
	case tmplPlaceCondition, tmplPlaceFreeText:
		op := n.Parent
		for op != nil && op.Parent != nil && op.Parent.Name != "Condition" {
			op = op.Parent
		}
		if op == nil {
			return ""
		}
		parsed, err := awsdata.ParseOperator(op.Name)
		if err != nil || parsed.Base.PolicyVariables {
			return ""
		}
		return fmt.Sprintf("operator %q takes no policy variables", op.Name)
	}
	return "IAM substitutes variables only in \"Resource\" and in condition values"
}

func tmplQuoteAll(texts []string) string {
	q := make([]string, len(texts))
	for i, t := range texts {
		q[i] = fmt.Sprintf("%q", t)
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

func tmplMessage(texts []string, where string) string {
	return fmt.Sprintf("unrendered template text %s in %s; SES would take it literally: render the template before deploying", tmplQuoteAll(texts), where)
}

func tmplVariableMessage(texts []string, where, why string) string {
	noun := "policy variable"
	if len(texts) > 1 {
		noun = "policy variables"
	}
	return fmt.Sprintf("%s %s in %s will be matched literally: %s", noun, tmplQuoteAll(texts), where, why)
}

// tmplHasTemplate reports template text in s, for the rules that leave
// such values to this one.
func tmplHasTemplate(s string) bool { return len(tmplFind(s, false).of(tmplHitTemplate)) > 0 }

// hasTemplate is tmplHasTemplate for s, a value of the unit's policy,
// told at once for the policies whose text holds none.
func (p *Pass) hasTemplate(s string) bool { return p.textMayHoldTemplate() && tmplHasTemplate(s) }
