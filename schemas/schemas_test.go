package schemas

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/seslint/seslint/internal/source"
)

// validBySchema is the reference: the JSON Schema validator itself.
func validBySchema(t testing.TB, root *source.Node) bool {
	sch, err := policySchema()
	if err != nil {
		t.Fatal(err)
	}
	return sch.Validate(ToValue(root)) == nil
}

func TestSchemasCompile(t *testing.T) {
	for _, name := range []string{PolicySchemaFile, "output.schema.json"} {
		if _, err := Compile(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	var _ *jsonschema.Schema
}

func TestFastAgreesOnCases(t *testing.T) {
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
		`[]`, `null`, `"x"`, `{}`,
	} {
		d := Parse(t, doc)
		if got, want := Valid(d.Root), validBySchema(t, d.Root); got != want {
			t.Errorf("fast=%v schema=%v for %s", got, want, doc)
		}
	}
}

func Parse(t testing.TB, s string) *source.Document {
	d := source.Parse("x.json", []byte(s))
	if d.Root == nil {
		t.Fatalf("does not parse: %s", s)
	}
	return d
}

// FuzzFastAgreesWithSchema: the typed pass and the JSON Schema validator
// decide validity the same way on every document that parses.
func FuzzFastAgreesWithSchema(f *testing.F) {
	for _, glob := range []string{"../examples/*/*.json", "../testdata/clean/*/*.json", "../testdata/awsdocs/*/*.json"} {
		files, _ := filepath.Glob(glob)
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(`{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "a", "Resource": "r", "Condition": {"S": {"k": [1]}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := source.Parse("f.json", data)
		if d.Root == nil {
			return
		}
		if got, want := Valid(d.Root), validBySchema(t, d.Root); got != want {
			t.Fatalf("fast=%v schema=%v for %s", got, want, data)
		}
	})
}

// FuzzEffectWordingAgrees: where Check words Effect values itself, it says
// what the validator says, finding for finding.
func FuzzEffectWordingAgrees(f *testing.F) {
	for _, glob := range []string{"../examples/*/*.json", "../testdata/clean/*/*.json"} {
		files, _ := filepath.Glob(glob)
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b, "allow")
			}
		}
	}
	f.Add([]byte(`{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "a", "Resource": "r"}, {"Effect": "Allow", "Principal": "*", "Action": "a", "Resource": "r"}]}`), "Deny ")
	f.Fuzz(func(t *testing.T, data []byte, effect string) {
		// Swap the first "Allow" for the fuzzer's word, so that most inputs
		// are policies with one odd Effect.
		data = bytes.Replace(data, []byte(`"Allow"`), []byte(strconv.Quote(effect)), 1)
		d := source.Parse("f.json", data)
		if d.Root == nil {
			return
		}
		var bad []*source.Node
		if !valid(d.Root, &bad) || len(bad) == 0 {
			return
		}
		if got, want := Check(d.Root), checkWithValidator(d.Root); !reflect.DeepEqual(got, want) {
			t.Fatalf("for %s\nCheck says       %+v\nthe validator says %+v", data, got, want)
		}
	})
}
