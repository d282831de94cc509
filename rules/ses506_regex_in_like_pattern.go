package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/source"
)

// regexInLikePattern reports regular-expression syntax in the value of a
// Like operator, which knows only "*" and "?". AWS's own SES example once
// read "StringLike": {"ses:FromAddress": "marketing+.*@example.com"}.
var regexInLikePattern = &Rule{
	ID: "SES506", Name: "regex-in-like-pattern", Severity: finding.Warning, Precision: "high",
	Summary: "A Like operator's value uses regular-expression syntax (.*, \\d, [a-z], ^, $, (a|b)), which IAM matches literally",
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		for _, st := range p.Policy.Statements {
			ops := p.operators(st)
			for i := range st.Conditions {
				c := &st.Conditions[i]
				op, ok := conditionOperator(st, ops, c)
				if !ok || !isLikeOperator(op) {
					continue
				}
				for _, v := range c.Values {
					if v.Kind != source.String {
						continue
					}
					found := regexConstructs(v.Text)
					if len(found) == 0 {
						continue
					}
					msg := fmt.Sprintf("%q looks like a regular expression (%s), but %q knows only \"*\" (any run of characters) and \"?\" (one character) and matches everything else literally",
						v.Text, strings.Join(found, ", "), c.Operator)
					d := Diag{Span: v.Span, Node: v, Value: v.Text}
					if glob, ok := regexToGlob(v.Text); ok && glob != v.Text {
						msg += fmt.Sprintf("; write %q", glob)
						d.Fix = Replace(fmt.Sprintf("Change to %q", glob), v, jsonQuoted(glob))
					}
					d.Message = msg
					p.Report(d)
				}
			}
		}
	},
}

// isLikeOperator reports the four operators named Like.
func isLikeOperator(op awsdata.Operator) bool {
	switch op.Base.Name {
	case "StringLike", "StringNotLike", "ArnLike", "ArnNotLike":
		return true
	}
	return false
}

// patternPart is a piece of a condition value: literal text, or a policy
// variable such as ${aws:username} (or an escape such as ${*}).
type patternPart struct {
	text     string
	variable bool
}

// cutPolicyVariable cuts s around its first ${...} policy variable: the
// literal text before it, the variable, and the rest. A "${" without a
// closing brace is literal, so then ok is false and literal is all of s.
func cutPolicyVariable(s string) (literal, variable, rest string, ok bool) {
	i := strings.Index(s, "${")
	if i < 0 {
		return s, "", "", false
	}
	j := strings.IndexByte(s[i:], '}')
	if j < 0 {
		return s, "", "", false
	}
	return s[:i], s[i : i+j+1], s[i+j+1:], true
}

// splitPolicyVariables appends to dst the pieces of s: literal text and
// ${...} policy variables. Callers pass a small array's slice, so a usual
// value costs no allocation.
func splitPolicyVariables(dst []patternPart, s string) []patternPart {
	for {
		literal, variable, rest, ok := cutPolicyVariable(s)
		if !ok {
			break
		}
		if literal != "" {
			dst = append(dst, patternPart{text: literal})
		}
		dst = append(dst, patternPart{text: variable, variable: true})
		s = rest
	}
	if s != "" {
		dst = append(dst, patternPart{text: s})
	}
	return dst
}

// hasLikeWildcard reports "*" or "?" outside policy variables. Most
// values have neither anywhere, which is told without looking for "${".
func hasLikeWildcard(s string) bool {
	if !hasWildcard(s) {
		return false
	}
	for {
		literal, _, rest, ok := cutPolicyVariable(s)
		if hasWildcard(literal) {
			return true
		}
		if !ok {
			return false
		}
		s = rest
	}
}

var (
	regexClassRe       = regexp.MustCompile(`\[[^\]]+\]`)
	regexAlternationRe = regexp.MustCompile(`\([^()]*\|[^()]*\)`)
	regexEscapeRe      = regexp.MustCompile(`\\.`)
	regexAnyRunRe      = regexp.MustCompile(`\.[*+]`)
)

// regexSearches are the constructs regexConstructs looks for, in this
// order, each with the texts it cannot match without one of: a scan for
// them is far cheaper than running the expression on every Like value.
var regexSearches = []struct {
	re    *regexp.Regexp
	needs []string
}{
	{regexAnyRunRe, []string{".*", ".+"}},
	{regexEscapeRe, []string{`\`}},
	{regexClassRe, []string{"["}},
	{regexAlternationRe, []string{"|"}},
}

// regexConstructs lists, quoted and in order of appearance, the regular-
// expression constructs in a Like value. "+" alone is a legal character of
// an email address and "$" inside a policy variable is not an anchor, so
// neither counts.
func regexConstructs(s string) []string {
	if !regexMayHold(s) {
		return nil
	}
	return findRegexConstructs(s)
}

// findRegexConstructs is regexConstructs past the look at the bytes.
func findRegexConstructs(s string) []string {
	var buf [4]patternPart
	parts := splitPolicyVariables(buf[:0], s)
	type hit struct {
		at   int
		text string
	}
	var hits []hit
	offset := 0
	for i, part := range parts {
		if part.variable {
			offset += len(part.text)
			continue
		}
		t := part.text
		if i == 0 && strings.HasPrefix(t, "^") {
			hits = append(hits, hit{offset, "^"})
		}
		for _, rs := range regexSearches {
			if !containsAnyOf(t, rs.needs) {
				continue
			}
			for _, loc := range rs.re.FindAllStringIndex(t, -1) {
				hits = append(hits, hit{offset + loc[0], t[loc[0]:loc[1]]})
			}
		}
		if i == len(parts)-1 && strings.HasSuffix(t, "$") && !strings.HasSuffix(t, `\$`) {
			hits = append(hits, hit{offset + len(t) - 1, "$"})
		}
		offset += len(t)
	}
	// Order by position; a construct inside another (an escape in a class)
	// is reported once, with the outer one.
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && hits[j].at < hits[j-1].at; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	var out []string
	end := -1
	for _, h := range hits {
		if h.at < end {
			continue
		}
		out = append(out, fmt.Sprintf("%q", h.text))
		end = h.at + len(h.text)
	}
	return out
}

// regexStartByte marks the bytes without which regexConstructs finds
// nothing: the anchors, an escape, a class, an alternation; "." counts
// only before "*" or "+".
var regexStartByte = [256]bool{'^': true, '$': true, '\\': true, '[': true, '|': true}

// regexMayHold reports whether s has a byte regexConstructs looks for: one
// look at the bytes of a usual value ("*@example.com") instead of
// splitting it and running four searches.
func regexMayHold(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case regexStartByte[c]:
			return true
		case c == '.' && i+1 < len(s) && (s[i+1] == '*' || s[i+1] == '+'):
			return true
		}
	}
	return false
}

// regexToGlob translates a regular expression written as a Like value into
// the wildcard pattern it was meant to be, when the translation is
// unambiguous: "^" and "$" anchors go (a Like pattern always matches the
// whole value), ".*" becomes "*", ".+" becomes "?*", and an escaped
// punctuation character becomes itself. "+" alone stays, as in AWS's
// corrected example "marketing+*@example.com", and so does a "." that no
// quantifier follows. Classes, alternations, escapes such as \d and any
// other quantifier have no wildcard equivalent: ok is false.
func regexToGlob(s string) (string, bool) {
	var buf [4]patternPart
	parts := splitPolicyVariables(buf[:0], s)
	var b strings.Builder
	for pi, part := range parts {
		if part.variable {
			b.WriteString(part.text)
			continue
		}
		t := part.text
		if pi == 0 {
			t = strings.TrimPrefix(t, "^")
		}
		if pi == len(parts)-1 && strings.HasSuffix(t, "$") && !strings.HasSuffix(t, `\$`) {
			t = t[:len(t)-1]
		}
		for i := 0; i < len(t); i++ {
			c := t[i]
			next := byte(0)
			if i+1 < len(t) {
				next = t[i+1]
			}
			switch {
			case c == '\\':
				if !strings.ContainsRune(`.+*?^$()[]{}|\/-@`, rune(next)) || next == 0 {
					return "", false
				}
				b.WriteByte(next)
				i++
			case c == '.' && next == '*':
				b.WriteByte('*')
				i++
			case c == '.' && next == '+':
				b.WriteString("?*")
				i++
			case c == '.' && (next == '?' || next == '{'):
				return "", false
			case c == '*' || c == '?':
				// A quantifier in a regular expression; only a "*" that
				// opens the value reads the same either way.
				if pi != 0 || i != 0 || c != '*' {
					return "", false
				}
				b.WriteByte(c)
			case strings.IndexByte("[]()|{}", c) >= 0:
				return "", false
			default:
				b.WriteByte(c)
			}
		}
	}
	return b.String(), true
}

// containsAnyOf reports whether s contains one of subs.
func containsAnyOf(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
