package rules

// all is every rule, sorted by ID. Adding a rule means adding it here, its
// page in docs/ and its cases in testdata/; the meta-test checks all three.
var all = []*Rule{
	jsonSyntax,
	duplicateKey,
	invalidStructure,
	policyTooLarge,
	invalidPolicyName,
	unknownConditionOperator,
	unknownConditionKey,
	conditionTypeMismatch,
	multivaluedKeyWithoutQualifier,
	qualifierOnSingleValuedKey,
	unusedIgnore,
}

// All returns every registered rule in ID order.
func All() []*Rule { return all }
