package schemas

import (
	"testing"

	"github.com/seslint/seslint/internal/source"
)

// invalidPolicy has one mistake of each common kind: an unknown element,
// a wrong type, an empty list and a missing element.
const invalidPolicy = `{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": [], "Resource": "arn:aws:ses:us-east-1:444455556666:identity/example.com", "Comment": "x"}, {"Effect": "Allow", "Action": "ses:SendEmail", "Resource": 1}]}`

func BenchmarkCheckInvalid(b *testing.B) {
	root := source.Parse("b.json", []byte(invalidPolicy)).Root
	if len(Check(root)) == 0 {
		b.Fatal("the policy is valid")
	}
	b.ReportAllocs()
	for b.Loop() {
		Check(root)
	}
}
