package rules

import (
	"testing"

	"github.com/seslint/seslint/internal/policy"
)

// inPartition is true only where ParseARN gives the partition.
func TestInPartition(t *testing.T) {
	for _, s := range []string{"", "arn:", "arn:aws", "arn:aws:", "arn:aws:iam::1:root", "arn:aws-cn:iam::1:root", "arn:aws:iam",
		"arn:awsx:iam::1:root", "ARN:aws:iam::1:root", "arn::iam::1:root", "arn:aws:a:b:c:d:e", "xarn:aws:iam::1:root"} {
		for _, part := range []string{"aws", "aws-cn", ""} {
			a, ok := policy.ParseARN(s)
			if inPartition(s, part) && !(ok && a.Partition == part) && ok {
				t.Errorf("inPartition(%q, %q) but ParseARN gives %q", s, part, a.Partition)
			}
			if ok && a.Partition == part && !inPartition(s, part) {
				t.Errorf("!inPartition(%q, %q) but ParseARN gives it", s, part)
			}
		}
	}
}
