package schemas

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/source"
)

func TestSchemasCompile(t *testing.T) {
	for _, name := range []string{PolicySchemaFile, "output.schema.json"} {
		if _, err := Compile(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestCheckAgreesOnCases(t *testing.T) {
	for _, doc := range []string{
		`{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "a", "Resource": "r"}}`,
		`{"Statement": [{"Effect": "Allow", "NotPrincipal": {"AWS": ["1"]}, "NotAction": ["a"], "NotResource": "r", "Condition": {"Bool": {"k": [true, 1, "x"]}}}]}`,
		`{"Statement": []}`,
		`{"Statement": [{"Effect": "allow", "Principal": "*", "Action": "a", "Resource": "r"}]}`,
		`{"Statement": [{"Effect": "Allow", "Principal": {}, "Action": "a", "Resource": "r"}]}`,
		`{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": [], "Resource": "r"}]}`,
		`{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "a", "Resource": "r", "Condition": {"S": {"k": null}}}]}`,
		`{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "a", "Resource": "r", "Effect": "Deny"}]}`,
		`{"Version": 1, "Statement": {"Effect": "Allow", "Principal": "*", "Action": "a", "Resource": "r"}}`,
		`{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "a", "Resource": "r"}, "Extra": 1}`,
		// Several errors under one condition operator or value: the
		// validator wraps them, and the wrapper's location names the
		// schema, not a failed keyword.
		`{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "a", "Resource": "r", "Condition": {"A": {"a": null, "b": null, "c": "ok"}, "B": {"a": [null, {}]}}}}`,
		`{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "a", "Resource": "r", "Condition": {"A": {"a": [null, {}], "b": [null, null]}}}}`,
		// Names the validator percent-escapes in its locations.
		`{"Statement": {"Effect": "Allow", "Principal": {"A W/S~": null}, "Action": "a", "Resource": "r", "Condition": {"String Équals": {"a%20b": null}}}}`,
		`[]`, `null`, `"x"`, `{}`, `1`, `true`,
	} {
		agree(t, []byte(doc), Parse(t, doc).Root)
	}
}

// agree fails unless Check words root's problems exactly as the validator
// reference does, and finds none exactly when the validator accepts it.
func agree(t *testing.T, doc []byte, root *source.Node) {
	t.Helper()
	got := Check(root)
	if valid := validBySchema(t, root); valid != (len(got) == 0) {
		t.Fatalf("for %s\nthe validator says valid=%v, Check found %d problems", doc, valid, len(got))
	}
	if hasEmptyKey(root) {
		// The validator drops an empty name from its instance locations,
		// so its errors under one point at the parent: the verdict is all
		// the reference can give. TestCheckEmptyKey pins the wording.
		return
	}
	if want := checkWithValidator(t, root); !reflect.DeepEqual(got, want) {
		t.Fatalf("for %s\nCheck says         %+v\nthe validator says %+v", doc, got, want)
	}
}

func hasEmptyKey(root *source.Node) bool {
	var found bool
	root.Walk(func(n *source.Node) {
		for _, m := range n.Members {
			found = found || m.Key == ""
		}
	})
	return found
}

func TestCheckEmptyKey(t *testing.T) {
	root := Parse(t, `{"Statement": [{"": 1, "Effect": "Allow", "Principal": {"": {}}, "Action": "a", "Resource": "r", "Condition": {"": {"": null}}}]}`).Root
	st := root.Get("Statement").Elems[0]
	principal := st.Get("Principal")
	cond := st.Get("Condition").Get("")
	want := []Violation{
		{Node: st.Members[0].Value, Span: st.Members[0].KeySpan, Message: `unknown element "" in statement 1; allowed are "Sid", "Effect", "Principal", "Action", "Resource" and "Condition"`},
		{Node: principal.Get(""), Span: principal.Get("").Span, Message: `"" in the Principal of statement 1 must be a string or an array, not an object`},
		{Node: cond.Get(""), Span: cond.Get("").Span, Message: `condition key "" of statement 1 must be a string or a number or a boolean or an array, not null`},
	}
	if got := Check(root); !reflect.DeepEqual(got, want) {
		t.Errorf("Check says %+v\nwant %+v", got, want)
	}
}

func Parse(t testing.TB, s string) *source.Document {
	d := source.Parse("x.json", []byte(s))
	if d.Root == nil {
		t.Fatalf("does not parse: %s", s)
	}
	return d
}

// policyRoot is the root SES003 gives Check: the file's, or the policy
// inside a PutIdentityPolicy request.
func policyRoot(data []byte) *source.Node {
	d := source.Parse("f.json", data)
	if d.Root == nil {
		return nil
	}
	u := input.Load(d, input.Hints{})
	if u.Policy == nil {
		return nil
	}
	return u.Policy.Root
}

func addExamples(f *testing.F, args ...any) {
	for _, glob := range []string{"../examples/*/*.json", "../examples/*/*/*.json", "../testdata/clean/*/*.json", "../testdata/awsdocs/*/*.json"} {
		files, _ := filepath.Glob(glob)
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(append([]any{b}, args...)...)
			}
		}
	}
}

// FuzzStructureWordingAgrees: Check, the typed pass, reports what the JSON
// Schema validator reference reports, finding for finding, on any input.
// The hand-made seeds in testdata/fuzz cover wrong types at every level,
// empty and missing elements, repeated and unknown keys.
func FuzzStructureWordingAgrees(f *testing.F) {
	addExamples(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if root := policyRoot(data); root != nil {
			agree(t, data, root)
		}
	})
}

// FuzzEffectWordingAgrees is FuzzStructureWordingAgrees on policies with
// one odd Effect, the mistake of someone typing "allow", which random
// mutation rarely makes of a valid policy.
func FuzzEffectWordingAgrees(f *testing.F) {
	addExamples(f, "allow")
	f.Add([]byte(`{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "a", "Resource": "r"}, {"Effect": "Allow", "Principal": "*", "Action": "a", "Resource": "r"}]}`), "Deny ")
	f.Fuzz(func(t *testing.T, data []byte, effect string) {
		data = bytes.Replace(data, []byte(`"Allow"`), []byte(strconv.Quote(effect)), 1)
		if root := policyRoot(data); root != nil {
			agree(t, data, root)
		}
	})
}
