package rules

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

type unitSlice []SetUnit

func (s unitSlice) Len() int           { return len(s) }
func (s unitSlice) Path(i int) string  { return s[i].Path }
func (s unitSlice) Unit(i int) SetUnit { return s[i] }
func (s unitSlice) label(i int) string { return s[i].Path + " " + s[i].Identity }

// identGroupsBefore is identGroups as it was before it grouped in input
// order (all units sorted by path first, then grouped; the sort made
// stable, which it was for the small sets the tests use), kept as the
// reference for FuzzIdentGroups.
func identGroupsBefore(units []SetUnit) (names []string, members [][]string) {
	sorted := slices.Clone(units)
	slices.SortStableFunc(sorted, func(a, b SetUnit) int { return strings.Compare(filepath.ToSlash(a.Path), filepath.ToSlash(b.Path)) })
	index := map[string]int{}
	type group struct {
		name  string
		units []SetUnit
	}
	var groups []group
	for _, u := range sorted {
		if u.Identity == "" {
			continue
		}
		ref, ok := identParse(u.Identity)
		if !ok {
			continue
		}
		key := identKey(ref.Name)
		i, seen := index[key]
		if !seen {
			i = len(groups)
			index[key] = i
			groups = append(groups, group{name: ref.Name})
		}
		groups[i].units = append(groups[i].units, u)
	}
	slices.SortFunc(groups, func(a, b group) int { return strings.Compare(identKey(a.name), identKey(b.name)) })
	for _, g := range groups {
		names = append(names, g.name)
		var m []string
		for _, u := range g.units {
			m = append(m, u.Path+" "+u.Identity)
		}
		members = append(members, m)
	}
	return names, members
}

// identGroups gives the groups, names and order that the sort of every
// unit by path gave, with each folder's identity parsed once.
func FuzzIdentGroups(f *testing.F) {
	f.Add([]byte{0, 0, 1, 1, 2, 2, 3, 3})
	f.Add([]byte{5, 1, 4, 2, 3, 6, 2, 1, 1, 1, 0, 7})
	paths := []string{"b/x.json", "a/x.json", "a/y.json", "a-b/z.json", "c.tf", "c.tf", "A/x.json", "a/x.json"}
	identities := []string{"example.com", "EXAMPLE.com", "", "not an identity", "arn:aws:ses:eu-west-1:123456789012:identity/example.com", "b@example.com", "B@example.com", "example.org"}
	f.Fuzz(func(t *testing.T, data []byte) {
		var units unitSlice
		for i := 0; i+1 < len(data); i += 2 {
			units = append(units, SetUnit{Path: paths[int(data[i])%len(paths)], Identity: identities[int(data[i+1])%len(identities)]})
		}
		wantNames, wantMembers := identGroupsBefore(units)
		var groups []identGroup
		p := SetPass{Units: units, groups: &groups}
		var names []string
		var members [][]string
		for _, g := range p.identGroups() {
			names = append(names, g.name)
			var m []string
			for _, i := range g.units {
				m = append(m, units.label(int(i)))
			}
			members = append(members, m)
		}
		if !reflect.DeepEqual(names, wantNames) || !reflect.DeepEqual(members, wantMembers) {
			t.Fatalf("groups %q %q, want %q %q", names, members, wantNames, wantMembers)
		}
	})
}
