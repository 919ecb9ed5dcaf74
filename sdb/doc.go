// Package sdb is goboto's Amazon SimpleDB client, in the style boto users
// know: a connection per region, domain handles that know their
// connection, items as maps of multi-valued attributes, and lazy
// iterators for listings and selects.
//
//	conn := sdb.New(cfg)                        // cfg from config.LoadDefaultConfig
//	dom, err := conn.CreateDomain(ctx, "users") // CreateDomain
//	err = dom.Put(ctx, "alice", sdb.Attributes{"city": {"Paris"}}, sdb.Replace())
//	item, err := dom.Get(ctx, "alice", sdb.Consistent())
//	for item, err := range dom.Select(ctx, sdb.Where("%n = %v", "city", city), sdb.PageSize(500)) { ... }
//
// aws-sdk-go-v2 has no SimpleDB client, so this package speaks the
// Query protocol itself, signed with Signature Version 2 (the only
// signature SimpleDB accepts), through the same retry policy, user agent
// and redacted logging as goboto's other services.
//
// Handles (Conn.Domain, Domain.Item) do no I/O and keep their parent in an
// unexported field behind Conn() and Item.Domain(); Refresh reads a
// handle's state (DomainMetadata into Domain.Metadata, GetAttributes into
// Item.Attributes). Every method that calls SimpleDB takes a context first
// and names the action it calls. Nothing panics on a zero handle, a zero
// Conn, empty names, nil options or a cancelled context: each returns a
// typed error and sends nothing.
//
// # Options
//
// Writes take WriteOption values (Replace, IfValue, IfNotExists, If) over
// WriteOptions; reads take ListOption values (PageSize, Consistent, Names)
// over ListOptions. A call refuses a setting it does not take with a
// *goboto.ValidationError: Replace on a delete, PageSize on Get or Count,
// a condition in a batch. PageSize is ListDomains' MaxNumberOfDomains for
// Domains, and a select's limit clause, which is SimpleDB's page size,
// for the selects.
//
// # No v2 client
//
// The other goboto services offer Conn.Client and WithClientOptions to
// reach aws-sdk-go-v2. aws-sdk-go-v2 has no SimpleDB client, so there is
// nothing to reach, and this package offers no raw call in its place: it
// wraps all ten SimpleDB actions with every parameter of the 2009-04-15
// API, except NextToken, which the iterators follow themselves. What a
// v2 client option would set is set on the aws.Config (HTTPClient,
// Credentials, Retryer, RetryMode, BaseEndpoint) or with goboto.Option
// values (WithEndpoint, WithRetry, WithLogger).
//
// # Endpoints and regions
//
// Requests go to SimpleDB's AWS endpoint for cfg.Region unless an
// override is in force, in aws-sdk-go-v2's order: goboto.WithEndpoint,
// AWS_ENDPOINT_URL_SIMPLEDB or AWS_ENDPOINT_URL_SDB, a simpledb or sdb
// entry in the shared config file's services section (both as
// config.LoadDefaultConfig reads them), then cfg.BaseEndpoint. A region
// that is empty or not an AWS region fails every call with a
// *goboto.ValidationError before anything is sent.
//
// # Select expressions
//
// Never paste user input into a select expression. Selectf and Where quote
// names and values so that input can only ever be a name or a value; the
// query's structure comes from the format alone.
//
// # Errors
//
// Errors SimpleDB answers with are *goboto.APIError, carrying the code
// (NoSuchDomain, ConditionalCheckFailed, ...), the message, the request ID
// and the HTTP status. goboto.IsNotFound matches NoSuchDomain and
// AttributeDoesNotExist; IsConditionFailed matches a condition that did
// not hold. SimpleDB answers a GetAttributes of a missing item with an
// empty success; Get and Item.Refresh report it as a *goboto.APIError with
// code NoSuchItem (goboto's, not SimpleDB's) and that answer's HTTP
// status (200) and request ID, which goboto.IsNotFound also matches.
//
// Input SimpleDB would refuse is refused first, before any request, with a
// *goboto.ValidationError naming the parameter, the value and the rule:
// domain names of 3-255 characters from a-z, A-Z, 0-9, '_', '-' and '.';
// item names, attribute names and values of at most 1024 bytes of valid
// UTF-8; at most 256 attribute name-value pairs per item in a call; page
// sizes of 1-100 domains; select limits and page sizes of 1-2500.
//
// BatchPut and BatchDelete split their items into calls of 25 and send
// them in order; if one fails, the *BatchError says how many items were
// written before it, so none are lost track of.
//
// # Retrying
//
// Each call is retried by the aws.Config's own Retryer when it has one;
// otherwise by goboto's policy, aws-sdk-go-v2's retryer in the config's
// RetryMode with exponential backoff and jitter, three attempts unless
// aws.Config.RetryMaxAttempts says otherwise. goboto.WithRetry replaces
// either with goboto's policy and its own attempts and backoff.
// SimpleDB answers ServiceUnavailable (HTTP 503) when a caller outruns a
// domain's request rate; that counts as throttling (goboto.IsThrottled)
// and is retried after a pause, as are other 5xx answers and broken
// connections. Client errors such as NoSuchDomain are not retried. Each
// attempt is signed afresh with the credentials current at that moment.
// A cancelled context stops a call at once, also while it waits to retry,
// and the error matches context.Canceled under errors.Is.
//
// Selects and listings retry each page separately, and batches each call
// of 25, so a throttle late in a long walk does not repeat earlier work.
package sdb
