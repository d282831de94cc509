// Package finding holds what a rule reports: the finding, its severity and
// span, and the ordering that makes output reproducible byte for byte.
// It imports nothing of ours so every other layer can depend on it.
package finding

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity orders findings; a higher value is more severe.
type Severity int

const (
	// None is below every real severity; used as "no finding" and to disable a rule.
	None Severity = iota
	Note
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Note:
		return "note"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "none"
}

// ParseSeverity accepts the lower-case names used in flags and config.
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "note":
		return Note, nil
	case "warning":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return None, fmt.Errorf("unknown severity %q (want error, warning or note)", s)
}

// Span is a half-open range of byte offsets into a file's bytes.
type Span struct {
	Start, End int
}

// Edit replaces the bytes of Span with NewText.
type Edit struct {
	Span    Span
	NewText string
}

// Fix is a suggested replacement a rule is confident about.
type Fix struct {
	Title string
	Edits []Edit
}

// Related points at another place that explains the finding, such as the
// first occurrence of a duplicated key.
type Related struct {
	Span    Span
	Message string
}

// Suppression records that an ignore in the config matched this finding.
type Suppression struct {
	Reason string
	// Source says where the ignore lives, e.g. ".seslint.yaml:12".
	Source string
}

// Finding is one problem in one file. Positions are byte spans; lines and
// columns are derived per consumer, never stored here.
type Finding struct {
	RuleID   string
	RuleName string
	Severity Severity
	File     string
	Span     Span
	// Pointer is the RFC 6901 JSON pointer of the node inside the policy.
	Pointer string
	// Sid names the statement the finding is in, when it has one.
	Sid     string
	Message string
	// Value is the offending value, used for stable fingerprints.
	Value      string
	Related    []Related
	Fix        *Fix
	Suppressed *Suppression
}

// Less is the one order of findings: file, position, rule, message.
func Less(a, b *Finding) bool { return Compare(a, b) < 0 }

// Compare is Less as a three-way comparison.
func Compare(a, b *Finding) int {
	if c := strings.Compare(a.File, b.File); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Span.Start, b.Span.Start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Span.End, b.Span.End); c != 0 {
		return c
	}
	if c := strings.Compare(a.RuleID, b.RuleID); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}

// SortAndDedupe sorts findings and drops exact repeats (same file, span,
// rule and message), which can arise when two paths reach one node. The
// sort is stable, so of two repeats the first one given is kept.
//
// A finding is a large struct, so the sort orders indexes and then moves
// each finding once, in place.
func SortAndDedupe(fs []Finding) []Finding {
	order := make([]int32, len(fs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return Compare(&fs[a], &fs[b]) })
	permute(fs, order)
	out := fs[:0]
	for i := range fs {
		if len(out) > 0 {
			p := &out[len(out)-1]
			if p.File == fs[i].File && p.Span == fs[i].Span && p.RuleID == fs[i].RuleID && p.Message == fs[i].Message {
				continue
			}
		}
		out = append(out, fs[i])
	}
	clear(fs[len(out):])
	return out
}

// permute rearranges fs so that fs[i] becomes the old fs[order[i]],
// following each cycle of the permutation once; order is used up.
func permute(fs []Finding, order []int32) {
	for i := range order {
		if order[i] < 0 || int(order[i]) == i {
			continue
		}
		held := fs[i]
		j := i
		for {
			k := int(order[j])
			order[j] = -1
			if k == i {
				fs[j] = held
				break
			}
			fs[j] = fs[k]
			j = k
		}
	}
}

// Counts summarises findings by severity, leaving suppressed ones apart.
type Counts struct {
	Errors, Warnings, Notes, Suppressed int
}

// Count tallies fs.
func Count(fs []Finding) Counts {
	var c Counts
	for i := range fs {
		if fs[i].Suppressed != nil {
			c.Suppressed++
			continue
		}
		switch fs[i].Severity {
		case Error:
			c.Errors++
		case Warning:
			c.Warnings++
		case Note:
			c.Notes++
		}
	}
	return c
}

// Total is the number of unsuppressed findings.
func (c Counts) Total() int { return c.Errors + c.Warnings + c.Notes }

func (c Counts) String() string {
	var parts []string
	add := func(n int, one, many string) {
		if n == 1 {
			parts = append(parts, "1 "+one)
		} else if n > 1 {
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	add(c.Errors, "error", "errors")
	add(c.Warnings, "warning", "warnings")
	add(c.Notes, "note", "notes")
	add(c.Suppressed, "suppressed", "suppressed")
	if len(parts) == 0 {
		return "no findings"
	}
	return strings.Join(parts, ", ")
}
