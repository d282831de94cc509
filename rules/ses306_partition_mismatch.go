package rules

import (
	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/policy"
	"github.com/seslint/seslint/internal/source"
)

// partitionMismatch reports a principal ARN in another partition than the
// statement's Resource: access cannot be delegated across partitions.
var partitionMismatch = &Rule{
	ID: "SES306", Name: "partition-mismatch", Severity: finding.Error, Precision: "very-high",
	Summary: "A principal ARN is in another partition (aws, aws-cn, aws-us-gov, ...) than the identity in the Resource",
	Check: func(p *Pass) {
		for _, st := range stmtsOf(p) {
			res, partition := resourcePartition(p, st)
			if res == nil {
				continue
			}
			principalValues(st, "AWS", func(v *source.Node) {
				if inPartition(v.Text, partition) {
					return // the usual case, told without parsing the ARN
				}
				a, ok := p.parseARN(v.Text)
				if !ok || a.Partition == partition {
					return
				}
				if !awsdata.KnownPartition(a.Partition) {
					return // SES301's
				}
				p.At(v, "principal %q is in partition %q but the Resource %q is in %q; access cannot be delegated across partitions: name a principal of partition %q",
					v.Text, a.Partition, res.Text, partition, partition)
			})
		}
	},
}

// resourcePartition returns the statement's first Resource that is an ARN of
// a known partition, and that partition.
func resourcePartition(p *Pass, st *policy.Statement) (*source.Node, string) {
	for _, r := range st.Resource {
		if a, ok := p.parseARN(r.Text); ok {
			if awsdata.KnownPartition(a.Partition) {
				return r, a.Partition
			}
		}
	}
	return nil, ""
}

// inPartition reports whether s starts "arn:PARTITION:", which ParseARN
// would give as that partition.
func inPartition(s, partition string) bool {
	n := len("arn:") + len(partition)
	return len(s) > n && s[:4] == "arn:" && s[4:n] == partition && s[n] == ':'
}
