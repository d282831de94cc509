package awsdata

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// Suggest returns the candidate closest to input, for a "did you mean"
// message. Closeness is the Damerau-Levenshtein distance (optimal string
// alignment: insertions, deletions, substitutions and swaps of two adjacent
// characters) between the lower-cased strings, counted in runes. A candidate
// is offered only within max(1, len(input)/4) edits, so "SendEmails" finds
// "SendEmail" and "Foo" finds nothing. Among equally close candidates the
// lexicographically first wins, so the answer does not depend on the order
// of candidates. An input that equals a candidate apart from case returns
// that candidate.
func Suggest(input string, candidates []string) (string, bool) {
	if input == "" {
		return "", false
	}
	in := []rune(strings.ToLower(input))
	limit := max(1, len(in)/4)
	best, bestDist := "", limit+1
	var rows [3][]int
	for _, c := range candidates {
		if d := utf8.RuneCountInString(c) - len(in); d > limit || -d > limit {
			continue
		}
		d := osaDistance(in, []rune(strings.ToLower(c)), &rows)
		if d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	return best, best != ""
}

// osaDistance is the optimal-string-alignment distance between a and b. rows
// is scratch space reused across calls.
func osaDistance(a, b []rune, rows *[3][]int) int {
	n := len(b) + 1
	for i := range rows {
		if cap(rows[i]) < n {
			rows[i] = make([]int, n)
		}
		rows[i] = rows[i][:n]
	}
	prev2, prev, cur := rows[0], rows[1], rows[2]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// Candidate lists for the wrappers below, built once. Only a finding asks
// for a suggestion, so the lists the tests do not read are built on first
// use rather than at init.
var (
	actionNames      = buildActionNames()
	plainKeyNames    = sync.OnceValue(buildPlainKeyNames)
	tagPrefixes      = sync.OnceValue(buildTagPrefixes)
	operatorSpelling = sync.OnceValue(buildOperatorSpellings)
)

func buildActionNames() []string {
	names := make([]string, len(actions))
	for i, a := range actions {
		names[i] = a.Name
	}
	return names
}

// buildPlainKeyNames lists the key names, with each tag family also under
// its prefix without the slash ("aws:ResourceTag"), so that a key written
// without a tag still finds its family.
func buildPlainKeyNames() []string {
	var names []string
	for _, k := range conditionKeys {
		if k.TagPrefix != "" {
			names = append(names, strings.TrimSuffix(k.TagPrefix, "/"))
		} else {
			names = append(names, k.Name)
		}
	}
	return names
}

func buildTagPrefixes() []string {
	var prefixes []string
	for _, k := range conditionKeys {
		if k.TagPrefix != "" {
			prefixes = append(prefixes, k.TagPrefix)
		}
	}
	return prefixes
}

// buildOperatorSpellings lists every base operator, and every base operator
// with IfExists where that is allowed.
func buildOperatorSpellings() []string {
	var names []string
	for _, op := range operators {
		names = append(names, op.Name)
		if op.IfExistsAllowed {
			names = append(names, op.Name+ifExistsSuffix)
		}
	}
	return names
}

// SuggestAction returns the action name closest to name, both without the
// "ses:" prefix: SuggestAction("SendEmails") is "SendEmail".
func SuggestAction(name string) (string, bool) {
	return Suggest(name, actionNames)
}

// SuggestConditionKey returns the condition key closest to key. A key with a
// slash is matched as a tag-family prefix and keeps its tag:
// "aws:ResourceTags/Project" suggests "aws:ResourceTag/Project". A tag-family
// prefix written without a tag ("aws:ResourceTag") suggests the family's
// name, "aws:ResourceTag/${TagKey}".
func SuggestConditionKey(key string) (string, bool) {
	if prefix, tag, ok := strings.Cut(key, "/"); ok {
		p, found := Suggest(prefix+"/", tagPrefixes())
		if !found {
			return "", false
		}
		return p + tag, true
	}
	name, ok := Suggest(key, plainKeyNames())
	if !ok {
		return "", false
	}
	for _, p := range tagPrefixes() {
		if name+"/" == p {
			return p + "${TagKey}", true
		}
	}
	return name, true
}

// SuggestOperator returns the condition operator closest to op. A set
// qualifier and an IfExists suffix are kept and corrected too:
// "ForAllValue:StringLke" suggests "ForAllValues:StringLike".
func SuggestOperator(op string) (string, bool) {
	prefix := ""
	if q, rest, ok := strings.Cut(op, ":"); ok {
		s, found := Suggest(q, qualifierNames[1:])
		if !found {
			return "", false
		}
		prefix, op = s+":", rest
	}
	base, ok := Suggest(op, operatorSpelling())
	if !ok {
		return "", false
	}
	return prefix + base, true
}
