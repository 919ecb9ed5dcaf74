// Package sdbtest is an in-process Amazon SimpleDB for tests.
//
// It speaks SimpleDB's wire protocol (API version 2009-04-15, query
// requests signed with Signature Version 2, SimpleDB's XML answers and
// error documents), so it serves goboto's sdb package, boto 2 and any other
// SimpleDB client:
//
//	srv := sdbtest.Start(t)
//	srv.CreateDomain(srv.Account(), "us-east-1", "users")
//	srv.Put(srv.Account(), "us-east-1", "users", "alice", map[string][]string{"age": {"042"}})
//	conn := sdb.New(srv.Config(""))
//
// Signature Version 2 names no region, so a client reaches region R by
// sending the Host header sdb.R.amazonaws.com (sdb.amazonaws.com for
// us-east-1) to the server's address; requests with any other Host are
// served in the default region. State is kept per account and region, as
// in AWS; Config is for the main test account, ConfigFor for any other.
//
// All ten operations are served with SimpleDB's rules and error codes:
// the limits on names (1024 bytes), pairs per item and per call (256),
// items per batch (25) and domains (250); conditional puts and deletes
// (Expected.*); multi-valued attributes as sets; the select language in
// full (see sdb/internal/expr) with per-value tests, every(),
// intersection, order by, count(*), limits, the 1 MB page cap and
// NextToken paging. A request is checked in full before anything changes.
//
// Faults (latency, throttling as 503 ServiceUnavailable, server errors,
// dropped connections) are injected with Faults; Calls records every
// request. The fault rules, calls and credentials are the types named in
// package github.com/goboto/goboto/fakes, shared by every goboto fake.
//
// # Eventual consistency
//
// By default every read sees the latest writes. WithEventualConsistency
// makes reads without ConsistentRead=true lag: they see a write only once
// its delay has passed on the server's clock, or after Settle. Consistent
// reads always see the latest data.
//
// # Differences from SimpleDB
//
//   - The domain-wide limits (one billion attributes, 10 GB) are not
//     enforced, so NumberDomainAttributesExceeded and
//     NumberDomainBytesExceeded are never answered; neither are
//     RequestTimeout and QueryTimeout, since nothing takes five seconds.
//   - BoxUsage is a constant per operation, not a measure of work.
//   - Without order by, Select answers items sorted by name; SimpleDB
//     promises no order. Attributes are answered sorted by name, values in
//     the order they were first put.
//   - Sorting on a multi-valued attribute uses its least value in both
//     directions; SimpleDB does not document which value it uses.
//   - The guide does not give the precedence of and, or and intersection;
//     the fake binds and tighter than or, and or tighter than
//     intersection.
//   - count(*) without a limit counts the whole domain in one answer; with
//     a limit it counts at most that many items and returns a NextToken.
//   - A limit outside 1-2500 is an InvalidQueryExpression. An in (...)
//     list of more than 20 values is InvalidNumberValueTests.
//   - NextTokens are tied to the domain, where clause and sort; the output
//     list and limit may change between pages. Tokens never expire.
//   - A request with no credentials is answered AuthFailure, as SimpleDB
//     has been seen to do; its error table lists AuthMissingFailure.
//   - Requests signed with Signature Version 4 are refused.
package sdbtest
