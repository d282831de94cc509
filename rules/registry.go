package rules

// all is every rule, sorted by ID. Adding a rule means adding it here, its
// page in docs/ and its cases in testdata/; the meta-test checks all three.
var all = []*Rule{
	jsonSyntax,
	duplicateKey,
	invalidStructure,
	policyTooLarge,
	policyNearSizeLimit,
	invalidVersion,
	missingVersion,
	outdatedVersion,
	unrenderedTemplate,
	invalidPolicyName,
	invalidIdentity,
	tooManyPolicies,
	duplicatePolicyName,
	invalidResourceARN,
	resourceNotIdentity,
	wildcardResource,
	multipleResources,
	notResource,
	unknownConditionOperator,
	unknownConditionKey,
	conditionTypeMismatch,
	multivaluedKeyWithoutQualifier,
	qualifierOnSingleValuedKey,
	regexInLikePattern,
	likeWithoutWildcard,
	wildcardWithoutLike,
	keyNotPresentForAction,
	emptyCondition,
	unusedIgnore,
}

// All returns every registered rule in ID order.
func All() []*Rule { return all }
