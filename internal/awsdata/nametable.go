package awsdata

import "math/bits"

// nameTable finds a name of a fixed list exactly or in any ASCII case. The
// linter looks up every action, condition key and operator of every policy:
// a Go map costs a fold into a buffer, a hash of every byte and a probe,
// some 150 to 350 instructions a name, where this hashes four bytes and
// compares the name once, nearly always written as in the list.
//
// It is open addressing with linear probing, at most half full, over a hash
// of the length and three bytes that ignores ASCII case, so it serves exact
// and folding look-ups alike.
type nameTable struct {
	names []string
	slots []uint16 // position in names plus one; 0 is empty
	shift uint     // 32 minus the table's bits
}

// newNameTable indexes the n names name gives, leaving out empty ones, so
// that two tables can split one list. Two names equal without
// regard to ASCII case would make a folding look-up ambiguous, so they are
// a programming error.
func newNameTable(n int, name func(int) string) nameTable {
	size := 1 << bits.Len(uint(2*n)) // at most half full
	t := nameTable{names: make([]string, n), slots: make([]uint16, size), shift: uint(32 - bits.Len(uint(size-1)))}
	for i := range n {
		s := name(i)
		if s == "" {
			continue
		}
		if _, dup := t.find(s, true); dup {
			panic("awsdata: name " + s + " is in a table twice, without regard to case")
		}
		t.names[i] = s
		j := t.hash(s)
		for t.slots[j] != 0 {
			j = (j + 1) & uint32(len(t.slots)-1)
		}
		t.slots[j] = uint16(i + 1)
	}
	return t
}

// hash packs the length and the first, middle and last bytes and mixes
// them by a multiplication. c|0x20 lower-cases an ASCII letter and keeps
// every other byte apart from its case-folded form, so a name and its
// other-case forms hash alike; it is cheaper than lowerByte and lets the
// compiler inline hash.
func (t *nameTable) hash(s string) uint32 {
	n := len(s)
	if n == 0 {
		return 0
	}
	h := uint32(n) | uint32(s[0]|0x20)<<8 | uint32(s[n/2]|0x20)<<16 | uint32(s[n-1]|0x20)<<24
	return h * 0x9e3779b1 >> t.shift
}

// find returns the position of s in the names, compared exactly or, with
// fold, without regard to ASCII case.
func (t *nameTable) find(s string, fold bool) (int, bool) {
	mask := uint32(len(t.slots) - 1)
	for j := t.hash(s); t.slots[j] != 0; j = (j + 1) & mask {
		i := int(t.slots[j]) - 1
		c := t.names[i]
		if len(c) == len(s) && (c == s || fold && equalFoldASCII(c, s)) {
			return i, true
		}
	}
	return 0, false
}
