package awsdata

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The maps the name tables replaced, and the look-ups over them, kept as
// the reference the tables are held to.
var (
	refActionIndex    = refFoldMap(len(actions), func(i int) string { return actions[i].Name })
	refKeyIndex       = refFoldMap(len(conditionKeys), func(i int) string { return plainKeyName(conditionKeys[i]) })
	refTagIndex       = refFoldMap(len(conditionKeys), func(i int) string { return conditionKeys[i].TagPrefix })
	refOperatorFold   = refFoldMap(len(operators), func(i int) string { return operators[i].Name })
	refSampleAccounts = func() map[string]bool {
		m := map[string]bool{}
		for _, a := range sampleAccounts {
			m[a.ID] = true
		}
		return m
	}()
	refRegions = func() map[string]regionEntry {
		m := map[string]regionEntry{}
		for i, p := range partitions {
			for _, r := range p.Regions {
				m[r] = regionEntry{r, i, slices.Contains(p.SESRegions, r)}
			}
		}
		return m
	}()
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

// FuzzNameTable holds the look-ups over the name tables to the maps they
// replaced: of lower-cased names, of sample accounts and of Regions.
func FuzzNameTable(f *testing.F) {
	for _, s := range []string{"", "SendEmail", "SENDRAWEMAIL", "send*", "*", "Get?ccount", "ses:FromAddress",
		"AWS:SourceAccount", "aws:ResourceTag/", "aws:resourcetag/Project", "StringEquals", "stringlike", "ſendEmail",
		"123456789012", "111122223333", "123456789013", "us-east-1", "US-EAST-1", "eusc-de-east-1", "us-gov-west-1"} {
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
		if got, want := IsSampleAccount(s), refSampleAccounts[s]; got != want {
			t.Errorf("IsSampleAccount(%q) = %v, want %v", s, got, want)
		}
		e, wok := refRegions[s]
		if gp, gses, gok := LookupRegion(s); gok != wok || gok && (gp != partitions[e.partition].ID || gses != e.ses) {
			t.Errorf("LookupRegion(%q) = %q, %v, %v, want %+v, %v", s, gp, gses, gok, e, wok)
		}
		if got := KnownRegion(s); got != wok {
			t.Errorf("KnownRegion(%q) = %v, want %v", s, got, wok)
		}
		if p, ok := PartitionOfRegion(s); wok && (!ok || p.ID != partitions[e.partition].ID) {
			t.Errorf("PartitionOfRegion(%q) = %q, %v, want %q", s, p.ID, ok, partitions[e.partition].ID)
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
