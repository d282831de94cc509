package schemas

import "github.com/seslint/seslint/internal/source"

// Valid decides, in one typed pass over the tree, whether a policy satisfies
// policy.schema.json. It must agree with the schema validator on every
// document (FuzzFastAgreesWithSchema holds the two together); Check uses it
// to skip the validator for valid documents, which are the common case, and
// runs the validator only to word the problems of invalid ones.
func Valid(root *source.Node) bool { return valid(root, nil) }

// valid is Valid, except that when badEffects is not nil an Effect that is
// a string other than "Allow" and "Deny" is appended to it instead of
// making the document invalid: Check words those itself (see there).
func valid(root *source.Node, badEffects *[]*source.Node) bool {
	if root == nil || root.Kind != source.Object {
		return false
	}
	var hasStatement bool
	for i, m := range root.Members {
		if repeated(root, i) {
			continue
		}
		switch m.Key {
		case "Version", "Id":
			if m.Value.Kind != source.String {
				return false
			}
		case "Statement":
			hasStatement = true
			st := m.Value
			switch st.Kind {
			case source.Object:
				if !validStatement(st, badEffects) {
					return false
				}
			case source.Array:
				if len(st.Elems) == 0 {
					return false
				}
				for _, e := range st.Elems {
					if !validStatement(e, badEffects) {
						return false
					}
				}
			default:
				return false
			}
		default:
			return false
		}
	}
	return hasStatement
}

func validStatement(n *source.Node, badEffects *[]*source.Node) bool {
	if n.Kind != source.Object {
		return false
	}
	var effect, principal, action, resource bool
	for i, m := range n.Members {
		if repeated(n, i) {
			continue
		}
		v := m.Value
		switch m.Key {
		case "Sid":
			if v.Kind != source.String {
				return false
			}
		case "Effect":
			if v.Kind != source.String {
				return false
			}
			if v.Text != "Allow" && v.Text != "Deny" {
				if badEffects == nil {
					return false
				}
				*badEffects = append(*badEffects, v)
			}
			effect = true
		case "Principal", "NotPrincipal":
			if !validPrincipal(v) {
				return false
			}
			principal = true
		case "Action", "NotAction":
			if !stringOrStrings(v) {
				return false
			}
			action = true
		case "Resource", "NotResource":
			if !stringOrStrings(v) {
				return false
			}
			resource = true
		case "Condition":
			if !validCondition(v) {
				return false
			}
		default:
			return false
		}
	}
	return effect && principal && action && resource
}

func stringOrStrings(n *source.Node) bool {
	switch n.Kind {
	case source.String:
		return true
	case source.Array:
		if len(n.Elems) == 0 {
			return false
		}
		for _, e := range n.Elems {
			if e.Kind != source.String {
				return false
			}
		}
		return true
	}
	return false
}

func validPrincipal(n *source.Node) bool {
	switch n.Kind {
	case source.String:
		return true
	case source.Object:
		if len(n.Members) == 0 {
			return false
		}
		for i, m := range n.Members {
			if repeated(n, i) {
				continue
			}
			if !stringOrStrings(m.Value) {
				return false
			}
		}
		return true
	}
	return false
}

func validCondition(n *source.Node) bool {
	if n.Kind != source.Object {
		return false
	}
	for i, op := range n.Members {
		if repeated(n, i) {
			continue
		}
		if op.Value.Kind != source.Object {
			return false
		}
		for j, k := range op.Value.Members {
			if repeated(op.Value, j) {
				continue
			}
			switch v := k.Value; v.Kind {
			case source.String, source.Number, source.Bool:
			case source.Array:
				for _, e := range v.Elems {
					if e.Kind != source.String && e.Kind != source.Number && e.Kind != source.Bool {
						return false
					}
				}
			default:
				return false
			}
		}
	}
	return true
}

// repeated reports a key seen earlier in the same object. The validator
// reads objects as maps keeping the first value (ToValue), so later
// repeats are skipped here too; SES002 reports them.
func repeated(n *source.Node, i int) bool {
	for j := 0; j < i; j++ {
		if n.Members[j].Key == n.Members[i].Key {
			return true
		}
	}
	return false
}
