package schemas

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestCheckAgreesOnGeneratedPolicies compares Check with the validator
// reference on policy-shaped documents: right and wrong types at every
// level, missing, repeated, unknown and mis-cased elements. Byte-level
// fuzzing seldom builds such near-policies; this covers them densely.
func TestCheckAgreesOnGeneratedPolicies(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 300
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range n {
		var b strings.Builder
		g := generator{r: r, b: &b}
		g.value("root", 0)
		doc := b.String()
		agree(t, []byte(doc), Parse(t, doc).Root)
	}
}

type generator struct {
	r *rand.Rand
	b *strings.Builder
}

// keys are the names each kind of object draws from: the schema's own,
// mis-cased and unknown ones, and names the validator escapes.
var keys = map[string][]string{
	"root":      {"Version", "Id", "Statement", "Statement", "statement", "Extra"},
	"statement": {"Sid", "Effect", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition", "effect", "Comment"},
	"principal": {"AWS", "Service", "A W S"},
	"condition": {"StringEquals", "Bool Equals", "ForAnyValue:StringLike"},
	"operator":  {"ses:FromAddress", "aws:SourceArn", "k/~k"},
}

// placeOf says what the schema expects under a key of an object at place.
func placeOf(place, key string) string {
	switch place {
	case "root":
		if key == "Statement" {
			return "statements"
		}
	case "statement":
		switch key {
		case "Effect":
			return "effect"
		case "Principal", "NotPrincipal":
			return "principal"
		case "Action", "NotAction", "Resource", "NotResource":
			return "strings"
		case "Condition":
			return "condition"
		}
	case "principal":
		return "strings"
	case "condition":
		return "operator"
	case "operator":
		return "conditionValue"
	}
	return "string"
}

var scalars = []string{"null", "true", "0", "1.5", `""`, `"*"`, `"Allow"`, `"allow"`, "[]", "{}"}

func (g *generator) value(place string, depth int) {
	if depth > 5 || g.r.IntN(12) == 0 {
		g.b.WriteString(scalars[g.r.IntN(len(scalars))])
		return
	}
	switch place {
	case "root", "statement", "principal", "condition", "operator":
		g.object(place, depth)
	case "statements":
		if g.r.IntN(2) == 0 {
			g.object("statement", depth)
		} else {
			g.array("statement", depth)
		}
	case "strings":
		if g.r.IntN(2) == 0 {
			g.array("string", depth)
		} else {
			g.b.WriteString(`"s"`)
		}
	case "conditionValue":
		if g.r.IntN(2) == 0 {
			g.array("scalar", depth)
		} else {
			g.b.WriteString(scalars[g.r.IntN(6)])
		}
	case "effect":
		g.b.WriteString([]string{`"Allow"`, `"Deny"`, `"allow"`, `" Deny"`}[g.r.IntN(4)])
	case "scalar":
		g.b.WriteString(scalars[g.r.IntN(len(scalars))])
	default:
		g.b.WriteString(strconv.Quote("s"))
	}
}

// required are the elements an object mostly has, so that many documents
// are valid or nearly.
var required = map[string][]string{
	"root":      {"Version", "Statement"},
	"statement": {"Effect", "Principal", "Action", "Resource"},
}

func (g *generator) object(place string, depth int) {
	var names []string
	for _, k := range required[place] {
		if g.r.IntN(8) != 0 {
			names = append(names, k)
		}
	}
	for range g.r.IntN(3) {
		names = append(names, keys[place][g.r.IntN(len(keys[place]))])
	}
	g.b.WriteByte('{')
	for i, key := range names {
		if i > 0 {
			g.b.WriteString(", ")
		}
		g.b.WriteString(strconv.Quote(key))
		g.b.WriteString(": ")
		g.value(placeOf(place, key), depth+1)
	}
	g.b.WriteByte('}')
}

func (g *generator) array(elem string, depth int) {
	g.b.WriteByte('[')
	for i := range g.r.IntN(4) {
		if i > 0 {
			g.b.WriteString(", ")
		}
		g.value(elem, depth+1)
	}
	g.b.WriteByte(']')
}
