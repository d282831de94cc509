package awsdata

import (
	"reflect"
	"strings"
	"testing"
)

// The maps of lower-cased names the name tables replaced, and the look-ups
// over them, kept as the reference the tables are held to.
var (
	refActionIndex   = refFoldMap(len(actions), func(i int) string { return actions[i].Name })
	refKeyIndex      = refFoldMap(len(conditionKeys), func(i int) string { return plainKeyName(conditionKeys[i]) })
	refTagIndex      = refFoldMap(len(conditionKeys), func(i int) string { return conditionKeys[i].TagPrefix })
	refOperatorFold  = refFoldMap(len(operators), func(i int) string { return operators[i].Name })
	refOperatorExact = func() map[string]int {
		m := map[string]int{}
		for i, op := range operators {
			m[op.Name] = i
		}
		return m
	}()
)

func plainKeyName(k ConditionKey) string {
	if k.TagPrefix != "" {
		return ""
	}
	return k.Name
}

func refFoldMap(n int, name func(int) string) map[string]int {
	m := map[string]int{}
	for i := range n {
		if s := name(i); s != "" {
			m[lowerASCII(s)] = i
		}
	}
	return m
}

func refResolveActions(name string) []Action {
	if !strings.ContainsAny(name, "*?") {
		if i, ok := refActionIndex[lowerASCII(name)]; ok {
			return actions[i : i+1 : i+1]
		}
		return nil
	}
	return MatchActions(name)
}

func refLookupConditionKey(key string) (ConditionKey, bool) {
	index := refKeyIndex
	if i := strings.IndexByte(key, '/'); i >= 0 {
		if i == len(key)-1 {
			return ConditionKey{}, false
		}
		key, index = key[:i+1], refTagIndex
	}
	if j, ok := index[lowerASCII(key)]; ok {
		return conditionKeys[j], true
	}
	return ConditionKey{}, false
}

func refLookupOperator(index map[string]int, name string) (OperatorInfo, bool) {
	if i, ok := index[name]; ok {
		return operators[i], true
	}
	return OperatorInfo{}, false
}

// FuzzNameTable holds the look-ups over the name tables to the maps of
// lower-cased names they replaced.
func FuzzNameTable(f *testing.F) {
	for _, s := range []string{"", "SendEmail", "SENDRAWEMAIL", "send*", "*", "Get?ccount", "ses:FromAddress",
		"AWS:SourceAccount", "aws:ResourceTag/", "aws:resourcetag/Project", "StringEquals", "stringlike", "ſendEmail"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := ResolveActions(s), refResolveActions(s); !reflect.DeepEqual(got, want) {
			t.Errorf("ResolveActions(%q) = %d actions, want %d", s, len(got), len(want))
		}
		got, ok := LookupAction(s)
		if i, wok := refActionIndex[lowerASCII(s)]; ok != wok || ok && got.Name != actions[i].Name {
			t.Errorf("LookupAction(%q) = %q, %v", s, got.Name, ok)
		}
		gk, gok := LookupConditionKey(s)
		wk, wok := refLookupConditionKey(s)
		if gok != wok || !reflect.DeepEqual(gk, wk) {
			t.Errorf("LookupConditionKey(%q) = %v, %v, want %v, %v", s, gk.Name, gok, wk.Name, wok)
		}
		for _, c := range []struct {
			lookup func(string) (OperatorInfo, bool)
			index  map[string]int
			key    string
		}{{LookupOperator, refOperatorExact, s}, {LookupOperatorFold, refOperatorFold, lowerASCII(s)}} {
			g, gok := c.lookup(s)
			w, wok := refLookupOperator(c.index, c.key)
			if gok != wok || g.Name != w.Name {
				t.Errorf("operator %q = %q, %v, want %q, %v", s, g.Name, gok, w.Name, wok)
			}
		}
	})
}
