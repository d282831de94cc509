package awsdata

import (
	"fmt"
	"slices"
	"strings"
)

// Where the operator table comes from.
const (
	OperatorsSource = "S8 (condition operators); S9 (set operators); S11 (Condition element, policy variables)"
	OperatorsDate   = "2026-11-26 (S8 current copy read); 2023-05-11 (S9, S11 git copies)"
)

// OperatorCategory is the kind of value a condition operator compares.
type OperatorCategory uint8

// The operator categories of S8.
const (
	OpCategoryUnknown OperatorCategory = iota
	OpCategoryString
	OpCategoryNumeric
	OpCategoryDate
	OpCategoryBool
	OpCategoryBinary
	OpCategoryIPAddress
	OpCategoryARN
	OpCategoryNull
)

var opCategoryNames = [...]string{"unknown", "String", "Numeric", "Date", "Bool", "Binary", "IPAddress", "ARN", "Null"}

// String returns the category name ("IPAddress").
func (c OperatorCategory) String() string {
	if int(c) < len(opCategoryNames) {
		return opCategoryNames[c]
	}
	return "unknown"
}

// OperatorInfo describes one base condition operator, without a set
// qualifier or an IfExists suffix.
type OperatorInfo struct {
	// Name is the canonical spelling. Operator names are case-sensitive.
	Name string
	// Category is the kind of value compared.
	Category OperatorCategory
	// Wildcards marks the operators that honour "*" and "?" in policy
	// values: the Like operators, over the whole string, and the ARN
	// operators, within each colon-separated part of the ARN (S8). In every
	// other operator "*" and "?" are literal characters (INFERRED: S8 calls
	// them exact matches).
	Wildcards bool
	// Negated marks the operators that are true when the request value
	// matches none of the policy values, and true when the key is absent
	// (S8, S9).
	Negated bool
	// IgnoreCase marks StringEqualsIgnoreCase and StringNotEqualsIgnoreCase.
	IgnoreCase bool
	// PolicyVariables marks the operators whose values may hold policy
	// variables such as ${aws:username} (S8).
	PolicyVariables bool
	// IfExistsAllowed is true for every operator except Null (S8).
	IfExistsAllowed bool
	// SetQualifiers marks the operators that S8 and S9 document with
	// ForAllValues: and ForAnyValue:. The others are not documented with
	// them, which is not the same as rejected.
	SetQualifiers bool
}

// operatorTable is S8's list of base operators (reference table 4).
var operatorTable = []OperatorInfo{
	{Name: "StringEquals", Category: OpCategoryString, PolicyVariables: true, IfExistsAllowed: true, SetQualifiers: true},
	{Name: "StringNotEquals", Category: OpCategoryString, Negated: true, PolicyVariables: true, IfExistsAllowed: true, SetQualifiers: true},
	{Name: "StringEqualsIgnoreCase", Category: OpCategoryString, IgnoreCase: true, PolicyVariables: true, IfExistsAllowed: true, SetQualifiers: true},
	{Name: "StringNotEqualsIgnoreCase", Category: OpCategoryString, Negated: true, IgnoreCase: true, PolicyVariables: true, IfExistsAllowed: true, SetQualifiers: true},
	{Name: "StringLike", Category: OpCategoryString, Wildcards: true, PolicyVariables: true, IfExistsAllowed: true, SetQualifiers: true},
	{Name: "StringNotLike", Category: OpCategoryString, Wildcards: true, Negated: true, PolicyVariables: true, IfExistsAllowed: true, SetQualifiers: true},

	{Name: "NumericEquals", Category: OpCategoryNumeric, IfExistsAllowed: true},
	{Name: "NumericNotEquals", Category: OpCategoryNumeric, Negated: true, IfExistsAllowed: true},
	{Name: "NumericLessThan", Category: OpCategoryNumeric, IfExistsAllowed: true},
	{Name: "NumericLessThanEquals", Category: OpCategoryNumeric, IfExistsAllowed: true},
	{Name: "NumericGreaterThan", Category: OpCategoryNumeric, IfExistsAllowed: true},
	{Name: "NumericGreaterThanEquals", Category: OpCategoryNumeric, IfExistsAllowed: true},

	{Name: "DateEquals", Category: OpCategoryDate, IfExistsAllowed: true},
	{Name: "DateNotEquals", Category: OpCategoryDate, Negated: true, IfExistsAllowed: true},
	{Name: "DateLessThan", Category: OpCategoryDate, IfExistsAllowed: true},
	{Name: "DateLessThanEquals", Category: OpCategoryDate, IfExistsAllowed: true},
	{Name: "DateGreaterThan", Category: OpCategoryDate, IfExistsAllowed: true},
	{Name: "DateGreaterThanEquals", Category: OpCategoryDate, IfExistsAllowed: true},

	{Name: "Bool", Category: OpCategoryBool, PolicyVariables: true, IfExistsAllowed: true, SetQualifiers: true},

	{Name: "BinaryEquals", Category: OpCategoryBinary, IfExistsAllowed: true},

	{Name: "IpAddress", Category: OpCategoryIPAddress, IfExistsAllowed: true},
	{Name: "NotIpAddress", Category: OpCategoryIPAddress, Negated: true, IfExistsAllowed: true},

	// ArnEquals and ArnLike behave the same, as do their negations (S8).
	{Name: "ArnEquals", Category: OpCategoryARN, Wildcards: true, PolicyVariables: true, IfExistsAllowed: true, SetQualifiers: true},
	{Name: "ArnLike", Category: OpCategoryARN, Wildcards: true, PolicyVariables: true, IfExistsAllowed: true, SetQualifiers: true},
	{Name: "ArnNotEquals", Category: OpCategoryARN, Wildcards: true, Negated: true, PolicyVariables: true, IfExistsAllowed: true, SetQualifiers: true},
	{Name: "ArnNotLike", Category: OpCategoryARN, Wildcards: true, Negated: true, PolicyVariables: true, IfExistsAllowed: true, SetQualifiers: true},

	// Null tests only whether the key is present: "true" means absent.
	{Name: "Null", Category: OpCategoryNull},
}

// Qualifier is the set-operator prefix of a condition operator.
type Qualifier uint8

// The set qualifiers (S9).
const (
	QualifierNone         Qualifier = iota
	QualifierForAllValues           // "ForAllValues:": true when every request value matches; also true when the key is absent
	QualifierForAnyValue            // "ForAnyValue:": true when at least one request value matches
)

var qualifierNames = [...]string{"", "ForAllValues", "ForAnyValue"}

// String returns "ForAllValues", "ForAnyValue" or "".
func (q Qualifier) String() string {
	if int(q) < len(qualifierNames) {
		return qualifierNames[q]
	}
	return ""
}

// ifExistsSuffix is the suffix that makes an operator true when its key is
// absent (S8).
const ifExistsSuffix = "IfExists"

// Operator is a parsed condition operator such as
// "ForAllValues:StringLikeIfExists".
type Operator struct {
	Qualifier Qualifier
	Base      OperatorInfo
	IfExists  bool
}

// String returns the canonical spelling of o. A plain operator is its base
// name, with no allocation.
func (o Operator) String() string {
	if o.Qualifier == QualifierNone && !o.IfExists {
		return o.Base.Name
	}
	var b strings.Builder
	if o.Qualifier != QualifierNone {
		b.WriteString(o.Qualifier.String())
		b.WriteByte(':')
	}
	b.WriteString(o.Base.Name)
	if o.IfExists {
		b.WriteString(ifExistsSuffix)
	}
	return b.String()
}

// OperatorProblem says why ParseOperator rejected an operator.
type OperatorProblem uint8

// The reasons an operator is invalid.
const (
	ProblemNone               OperatorProblem = iota
	ProblemEmpty                              // the operator is ""
	ProblemUnknownQualifier                   // the part before ":" is not ForAllValues or ForAnyValue
	ProblemUnknownOperator                    // the base operator does not exist
	ProblemWrongCase                          // the operator exists in another case; operator names are case-sensitive
	ProblemIfExistsNotAllowed                 // "NullIfExists": Null is the one operator without IfExists
)

// OperatorError is the error ParseOperator returns.
type OperatorError struct {
	Input   string
	Problem OperatorProblem
	// Suggestion is the canonical spelling to offer, or "" when there is
	// none. For ProblemWrongCase it is the same operator, correctly cased.
	Suggestion string
}

func (e *OperatorError) Error() string {
	var msg string
	switch e.Problem {
	case ProblemEmpty:
		msg = "empty condition operator"
	case ProblemUnknownQualifier:
		q, _, _ := strings.Cut(e.Input, ":")
		msg = fmt.Sprintf("unknown set qualifier %q in condition operator %q", q, e.Input)
	case ProblemWrongCase:
		return fmt.Sprintf("condition operator %q is case-sensitive; write %q", e.Input, e.Suggestion)
	case ProblemIfExistsNotAllowed:
		msg = fmt.Sprintf("condition operator %q: Null does not take IfExists", e.Input)
	default:
		msg = fmt.Sprintf("unknown condition operator %q", e.Input)
	}
	if e.Suggestion != "" {
		msg += fmt.Sprintf("; did you mean %q?", e.Suggestion)
	}
	return msg
}

// operatorIndex finds names, exactly or in any case, in operators, which is
// operatorTable sorted by name.
var operators, operatorIndex = buildOperators()

func buildOperators() ([]OperatorInfo, nameTable) {
	list := slices.Clone(operatorTable)
	slices.SortFunc(list, func(x, y OperatorInfo) int { return strings.Compare(x.Name, y.Name) })
	return list, newNameTable(len(list), func(i int) string { return list[i].Name })
}

// LookupOperator finds a base operator by its exact, case-sensitive name.
func LookupOperator(name string) (OperatorInfo, bool) { return lookupOperator(name, false) }

// LookupOperatorFold finds a base operator in any case, so that a caller can
// offer the canonical spelling of "stringequals". IAM itself matches
// operator names case-sensitively.
func LookupOperatorFold(name string) (OperatorInfo, bool) { return lookupOperator(name, true) }

// lookupOperator is LookupOperator, or with fold LookupOperatorFold:
// parseOperator calls it directly, not through a function value, which
// cost an indirect call per condition operator.
func lookupOperator(name string, fold bool) (OperatorInfo, bool) {
	i, ok := operatorIndex.find(name, fold)
	if !ok {
		return OperatorInfo{}, false
	}
	return operators[i], true
}

// Operators returns every base operator, sorted by name.
func Operators() []OperatorInfo { return slices.Clone(operators) }

// ParseOperator splits a condition operator into an optional "ForAllValues:"
// or "ForAnyValue:" qualifier, a base operator and an optional "IfExists"
// suffix. The names are case-sensitive, as in IAM. A set qualifier on an
// operator that S8 does not document with one (ForAnyValue:NumericEquals)
// parses: check Base.SetQualifiers. The error, when there is one, is an
// *OperatorError. A valid operator is parsed without allocating.
func ParseOperator(s string) (Operator, error) {
	op, problem := parseOperator(s, false)
	if problem == ProblemNone {
		return op, nil
	}
	e := &OperatorError{Input: s, Problem: problem}
	if problem == ProblemEmpty {
		return Operator{}, e
	}
	if folded, fp := parseOperator(s, true); fp == ProblemNone {
		e.Problem, e.Suggestion = ProblemWrongCase, folded.String()
		return Operator{}, e
	} else if fp == ProblemIfExistsNotAllowed {
		e.Problem = ProblemIfExistsNotAllowed
	}
	switch e.Problem {
	case ProblemIfExistsNotAllowed:
		// The suggestion is the operator without IfExists, which for
		// "ForAllValues:NullIfExists" keeps the qualifier.
		e.Suggestion = s[:len(s)-len(ifExistsSuffix)]
		if fixed, fp := parseOperator(e.Suggestion, true); fp == ProblemNone {
			e.Suggestion = fixed.String()
		}
	default:
		if sug, ok := SuggestOperator(s); ok && sug != s {
			e.Suggestion = sug
		}
	}
	return Operator{}, e
}

// parseOperator is ParseOperator without the error value. With fold, names
// are compared without regard to ASCII case, as LookupOperatorFold does.
func parseOperator(s string, fold bool) (Operator, OperatorProblem) {
	if s == "" {
		return Operator{}, ProblemEmpty
	}
	eq := func(a, b string) bool {
		if fold {
			return equalFoldASCII(a, b)
		}
		return a == b
	}
	var op Operator
	rest := s
	if q, r, ok := strings.Cut(s, ":"); ok {
		switch {
		case eq(q, qualifierNames[QualifierForAllValues]):
			op.Qualifier = QualifierForAllValues
		case eq(q, qualifierNames[QualifierForAnyValue]):
			op.Qualifier = QualifierForAnyValue
		default:
			return Operator{}, ProblemUnknownQualifier
		}
		rest = r
	}
	if base, ok := lookupOperator(rest, fold); ok {
		op.Base = base
		return op, ProblemNone
	}
	if n := len(rest) - len(ifExistsSuffix); n > 0 && eq(rest[n:], ifExistsSuffix) {
		if base, ok := lookupOperator(rest[:n], fold); ok {
			if !base.IfExistsAllowed {
				return Operator{}, ProblemIfExistsNotAllowed
			}
			op.Base, op.IfExists = base, true
			return op, ProblemNone
		}
	}
	return Operator{}, ProblemUnknownOperator
}
