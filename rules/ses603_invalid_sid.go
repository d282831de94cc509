package rules

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/source"
)

// invalidSid reports a Sid with characters outside [A-Za-z0-9], IAM's rule
// for the Sid element, and an empty Sid, which older Terraform versions
// generated. SES documents the Sid as any string, so this is a note.
var invalidSid = &Rule{
	ID: "SES603", Name: "invalid-sid", Severity: finding.Note, Precision: "high",
	Summary: "A Sid is empty or has characters other than the letters and digits IAM allows",
	Check: func(p *Pass) {
		if p.Policy == nil {
			return
		}
		var used map[string]bool // the Sids, built for the first bad one: most policies have none
		for _, st := range p.Policy.Statements {
			sid := st.Sid
			if sid == nil || sid.Kind != source.String {
				continue
			}
			if sid.Text == "" {
				p.Report(Diag{Span: sid.Span, Node: sid, Value: "",
					Message: "empty Sid; remove it, or name the statement with letters and digits",
					Fix:     removeMemberFix(`Remove "Sid": ""`, sid)})
				continue
			}
			bad := sidBadChars(sid.Text)
			if len(bad) == 0 {
				continue
			}
			msg := fmt.Sprintf("Sid %q contains %s: IAM allows only A-Z, a-z and 0-9 in a Sid (SES documents any string, so this is only a caution)",
				sid.Text, strings.Join(bad, ", "))
			d := Diag{Span: sid.Span, Node: sid, Value: sid.Text}
			if used == nil {
				used = map[string]bool{}
				for _, other := range p.Policy.Statements {
					used[other.SidText()] = true
				}
			}
			if clean := sidClean(sid.Text); clean != "" && !used[clean] && !sidDropsLetters(sid.Text) {
				msg += fmt.Sprintf("; write %q", clean)
				d.Fix = Replace(fmt.Sprintf("Change to %q", clean), sid, jsonQuoted(clean))
			}
			d.Message = msg
			p.Report(d)
		}
	},
}

// sidCharAllowed reports the characters IAM allows in a Sid.
func sidCharAllowed(r rune) bool {
	return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
}

// sidAllowedByte marks the bytes sidCharAllowed allows.
var sidAllowedByte = func() (t [256]bool) {
	for b := range t {
		t[b] = sidCharAllowed(rune(b))
	}
	return t
}()

// sidBadChars quotes, in order and once each, the characters of s that a
// Sid may not hold.
func sidBadChars(s string) []string {
	// Nearly every Sid is letters and digits alone: a table look-up a byte
	// finds the first bad one, and the runes before it need no decoding.
	i := 0
	for i < len(s) && sidAllowedByte[s[i]] {
		i++
	}
	if i == len(s) {
		return nil
	}
	var out []string
	seen := map[rune]bool{}
	for _, r := range s[i:] {
		if sidCharAllowed(r) || seen[r] {
			continue
		}
		seen[r] = true
		out = append(out, fmt.Sprintf("%q", string(r)))
	}
	return out
}

// sidDropsLetters reports letters or digits outside ASCII ("É"), which a
// fix would have to drop or transliterate: the name is the author's to
// choose then.
func sidDropsLetters(s string) bool {
	for _, r := range s {
		if !sidCharAllowed(r) && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return true
		}
	}
	return false
}

// sidClean keeps the allowed characters of s.
func sidClean(s string) string {
	return strings.Map(func(r rune) rune {
		if sidCharAllowed(r) {
			return r
		}
		return -1
	}, s)
}
