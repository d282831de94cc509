package apply

import (
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/input"
)

// Terraform resources are applied by Terraform: apply refuses them by name
// instead of sending HCL or a plan's string as a policy.
func TestDesiredRefusesTerraformUnits(t *testing.T) {
	for _, shape := range []input.Shape{input.Terraform, input.Plan} {
		u := &input.Unit{Path: "infra/main.tf", Shape: shape, Address: "aws_ses_identity_policy.partner",
			Identity:   input.Field{Value: "example.com", Known: true},
			PolicyName: input.Field{Value: "partner", Known: true}}
		_, err := DesiredFromUnits([]*input.Unit{u})
		if err == nil || !strings.Contains(err.Error(), "aws_ses_identity_policy.partner is Terraform's to apply") {
			t.Errorf("%v: got %v", shape, err)
		}
	}
}
