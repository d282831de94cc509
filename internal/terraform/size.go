package terraform

import (
	"encoding/json"
	"strconv"

	"github.com/seslint/seslint/internal/source"
)

// NormalizedSize is the length of the policy as the AWS provider sends it:
// both policy resources pass it through structure.NormalizeJsonString,
// which is encoding/json's Unmarshal into interface{} then Marshal (no
// spaces, keys sorted, the last of repeated keys, HTML characters escaped).
// Values not known statically count nothing, so the size is a lower bound
// and a policy is never called too large because of a placeholder.
func NormalizedSize(n *source.Node) int {
	if n.Unknown && len(n.Members) == 0 && len(n.Elems) == 0 {
		return 0
	}
	switch n.Kind {
	case source.Object:
		last := map[string]*source.Node{}
		for _, m := range n.Members {
			last[m.Key] = m.Value
		}
		size := 2 + max(len(last)-1, 0) // braces, commas
		for k, v := range last {
			size += stringSize(k) + 1 + NormalizedSize(v)
		}
		return size
	case source.Array:
		size := 2 + max(len(n.Elems)-1, 0)
		for _, e := range n.Elems {
			size += NormalizedSize(e)
		}
		return size
	case source.String:
		return stringSize(n.Text)
	case source.Number:
		f, err := strconv.ParseFloat(n.Text, 64)
		if err != nil {
			return len(n.Text)
		}
		b, err := json.Marshal(f)
		if err != nil {
			return len(n.Text)
		}
		return len(b)
	case source.Bool:
		return len(n.Text)
	}
	return len("null")
}

func stringSize(s string) int {
	b, _ := json.Marshal(s) // a string always marshals
	return len(b)
}
