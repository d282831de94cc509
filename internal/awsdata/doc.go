// Package awsdata holds what seslint knows about Amazon SES and IAM as plain
// data: the ses: actions, the condition keys, the condition operators, the
// partitions and the Regions where SES runs, the service principals seen in
// SES identity policies, and the sample account IDs found in AWS documentation.
//
// Nothing here reads a file or the network, and nothing runs in init: every
// table is a package-level value built from a composite literal, and every
// lookup is a map read that does not allocate.
//
// Every table names where its facts come from. The source keys (S1 to S19)
// resolve through [Sources]; each table also has a Source and a Date constant
// (for example [ActionsSource] and [ActionsDate]). Facts that no primary AWS
// source settles are marked UNVERIFIED in comments, and facts that are a
// reading of the sources rather than something they say outright are marked
// INFERRED. When AWS changes a table, update the data, the constants and the
// counts asserted in the tests together.
//
// Slices returned by this package, or held in the structs it returns, are
// shared: callers must not modify them.
package awsdata
