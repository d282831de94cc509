package awsdata

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// plainBuildActions is the merge buildActions does, written plainly, with
// an object per action: the specification of the table init builds in a
// few arrays.
func plainBuildActions() ([]Action, map[string]int) {
	byName := make(map[string]*Action)
	add := func(fam Family, rows []sarAction) {
		for _, r := range rows {
			a := byName[r.name]
			if a == nil {
				a = &Action{Name: r.name, Access: r.access}
				byName[r.name] = a
			}
			a.Families |= fam
			a.Identity = max(a.Identity, r.identity)
			for _, k := range r.keys {
				if !slices.Contains(a.ConditionKeys, k) {
					a.ConditionKeys = append(a.ConditionKeys, k)
				}
			}
		}
	}
	add(FamilyV1, v1Actions)
	add(FamilyV2, v2Actions)
	add(FamilyMailManager, mailManagerActions)
	for _, name := range pinpointEmailActions {
		if a := byName[name]; a != nil {
			a.Families |= FamilyPinpointEmail
		} else {
			byName[name] = &Action{Name: name, Families: FamilyPinpointEmail}
		}
	}
	mark := func(names []string, set func(*Action)) {
		for _, name := range names {
			if a := byName[name]; a != nil {
				set(a)
			}
		}
	}
	mark(classicSendingActions, func(a *Action) { a.ClassicSending = true })
	mark(sendingActions, func(a *Action) { a.Sending = true })
	mark(sendsEmailActions, func(a *Action) { a.SendsEmail = true })
	mark(sesGuideActions, func(a *Action) { a.InSESGuide = true })
	list := make([]Action, 0, len(byName))
	for _, a := range byName {
		slices.Sort(a.ConditionKeys)
		list = append(list, *a)
	}
	slices.SortFunc(list, func(x, y Action) int { return strings.Compare(x.Name, y.Name) })
	index := make(map[string]int, len(list))
	for i, a := range list {
		index[lowerASCII(a.Name)] = i
	}
	return list, index
}

func TestBuildActionsIsThePlainMerge(t *testing.T) {
	list, index := buildActions()
	want, wantIndex := plainBuildActions()
	if !reflect.DeepEqual(list, want) {
		t.Errorf("buildActions differs from the plain merge")
		for i := range min(len(list), len(want)) {
			if !reflect.DeepEqual(list[i], want[i]) {
				t.Errorf("  %d: %+v, want %+v", i, list[i], want[i])
			}
		}
	}
	if !reflect.DeepEqual(index, wantIndex) {
		t.Errorf("action index differs from the plain one")
	}
	for _, a := range list {
		if cap(a.ConditionKeys) != len(a.ConditionKeys) {
			t.Errorf("%s: ConditionKeys has room to append into a neighbour's keys", a.Name)
		}
	}
}

func TestBuildConditionKeyIndexes(t *testing.T) {
	list, plain, tags := buildConditionKeys()
	wantPlain, wantTags := map[string]int{}, map[string]int{}
	for i, k := range list {
		if k.TagPrefix != "" {
			wantTags[lowerASCII(k.TagPrefix)] = i
		} else {
			wantPlain[lowerASCII(k.Name)] = i
		}
	}
	if !reflect.DeepEqual(plain, wantPlain) || !reflect.DeepEqual(tags, wantTags) {
		t.Errorf("condition key indexes differ from one lowerASCII per name")
	}
}

func TestBuildOperatorIndexes(t *testing.T) {
	list, _, folded := buildOperators()
	want := map[string]int{}
	for i, op := range list {
		want[lowerASCII(op.Name)] = i
	}
	if !reflect.DeepEqual(folded, want) {
		t.Errorf("folded operator index differs from one lowerASCII per name")
	}
}

// TestInitTablesAllocations keeps the tables init builds to a few arrays
// each, not a few per entry.
func TestInitTablesAllocations(t *testing.T) {
	for _, c := range []struct {
		name string
		max  float64
		f    func()
	}{
		{"actions", 16, func() { buildActions() }},
		{"condition keys", 16, func() { buildConditionKeys() }},
		{"operators", 16, func() { buildOperators() }},
	} {
		if n := testing.AllocsPerRun(5, c.f); n > c.max {
			t.Errorf("building the %s table costs %.0f allocations, want at most %.0f", c.name, n, c.max)
		}
	}
}
