package apply

import (
	"strings"
	"testing"
)

func TestNormalizeIgnoresWhatIsNotAChange(t *testing.T) {
	base := `{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":["ses:SendEmail"],"Resource":"arn:aws:ses:us-east-1:123456789012:identity/example.com"}]}`
	same := []struct{ label, text string }{
		{"whitespace", "{\n  \"Version\": \"2012-10-17\",\n\t\"Statement\": [ {\"Sid\": \"A\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"},\n \"Action\": [\"ses:SendEmail\"], \"Resource\": \"arn:aws:ses:us-east-1:123456789012:identity/example.com\"} ] }\n"},
		{"key order", `{"Statement":[{"Resource":"arn:aws:ses:us-east-1:123456789012:identity/example.com","Action":["ses:SendEmail"],"Principal":{"AWS":"111122223333"},"Effect":"Allow","Sid":"A"}],"Version":"2012-10-17"}`},
		{"scalar for a one-element list", `{"Version":"2012-10-17","Statement":{"Sid":"A","Effect":"Allow","Principal":{"AWS":["111122223333"]},"Action":"ses:SendEmail","Resource":["arn:aws:ses:us-east-1:123456789012:identity/example.com"]}}`},
		{"escaped characters", `{"Version":"2012-10-17","Statement":[{"Sid":"\u0041","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":["ses:SendEmail"],"Resource":"arn:aws:ses:us-east-1:123456789012:identity\/example.com"}]}`},
	}
	want, err := Normalize(base)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range same {
		got, err := Normalize(tc.text)
		if err != nil {
			t.Fatalf("%s: %v", tc.label, err)
		}
		if got != want {
			t.Errorf("%s: normalised text differs:\n%s\nwant\n%s", tc.label, got, want)
		}
	}

	different := []struct{ label, text string }{
		{"another action", strings.Replace(base, "ses:SendEmail", "ses:SendRawEmail", 1)},
		{"a second action", strings.Replace(base, `["ses:SendEmail"]`, `["ses:SendEmail","ses:SendRawEmail"]`, 1)},
		{"array order", strings.Replace(base, `["ses:SendEmail"]`, `["ses:SendRawEmail","ses:SendEmail"]`, 1)},
		{"a number for a string", strings.Replace(base, `"111122223333"`, `111122223333`, 1)},
	}
	for _, tc := range different {
		got, err := Normalize(tc.text)
		if err != nil {
			t.Fatalf("%s: %v", tc.label, err)
		}
		if got == want {
			t.Errorf("%s: normalised to the same text; it is a change", tc.label)
		}
	}
	// "array order" against "a second action": the same set, another order.
	a, _ := Normalize(different[1].text)
	b, _ := Normalize(different[2].text)
	if a == b {
		t.Error("reordered list normalised to the same text; SES keeps the order, so seslint shows it")
	}
}

func TestNormalizeOutput(t *testing.T) {
	got, err := Normalize(`{"b":[1, 2.50, true, null, "<&>"], "a": {}, "c": [], "d": [{"y": 1, "x": [["z"]]}], "e": "é😀"}`)
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "a": {},
  "b": [
    1,
    2.50,
    true,
    null,
    "<&>"
  ],
  "c": [],
  "d": {
    "x": "z",
    "y": 1
  },
  "e": "é😀"
}`
	if got != want {
		t.Errorf("Normalize =\n%s\nwant\n%s", got, want)
	}
}

func TestNormalizeRejects(t *testing.T) {
	for _, text := range []string{``, `{`, `{"a":1} {"b":2}`, `{"a":1},`} {
		if got, err := Normalize(text); err == nil {
			t.Errorf("Normalize(%q) = %q; want an error", text, got)
		}
	}
}
