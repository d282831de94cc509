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
	checkNameTable(t, "action", index, wantIndex)
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
	checkNameTable(t, "condition key", plain, wantPlain)
	checkNameTable(t, "tag prefix", tags, wantTags)
}

func TestBuildOperatorIndexes(t *testing.T) {
	list, index := buildOperators()
	want := map[string]int{}
	for i, op := range list {
		want[lowerASCII(op.Name)] = i
	}
	checkNameTable(t, "operator", index, want)
	for i, op := range list {
		if j, ok := index.find(op.Name, false); !ok || j != i {
			t.Errorf("exact %q: %d, %v, want %d", op.Name, j, ok, i)
		}
		if j, ok := index.find(lowerASCII(op.Name), false); ok && lowerASCII(op.Name) != op.Name {
			t.Errorf("exact %q finds %d", lowerASCII(op.Name), j)
		}
	}
}

// checkNameTable holds a table's folding look-ups to the map of lower-cased
// names it replaced: every name, in lower and upper case, finds its
// position, and the table holds no other name.
func checkNameTable(t *testing.T, what string, table nameTable, want map[string]int) {
	t.Helper()
	found := 0
	for _, s := range table.names {
		if s != "" {
			found++
		}
	}
	if found != len(want) {
		t.Errorf("%s table holds %d names, want %d", what, found, len(want))
	}
	for lower, i := range want {
		for _, s := range []string{lower, strings.ToUpper(lower)} {
			if j, ok := table.find(s, true); !ok || j != i {
				t.Errorf("%s %q: %d, %v, want %d", what, s, j, ok, i)
			}
		}
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
