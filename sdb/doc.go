// Package sdb is goboto's Amazon SimpleDB client, in the style boto users
// know: a connection per region, domain handles that know their
// connection, items as maps of multi-valued attributes, and lazy
// iterators for listings and selects.
//
//	conn := sdb.New(cfg)                        // cfg from config.LoadDefaultConfig
//	dom, err := conn.CreateDomain(ctx, "users") // CreateDomain
//	err = dom.Put(ctx, "alice", sdb.Attributes{"city": {"Paris"}}, sdb.Replace())
//	item, err := dom.Get(ctx, "alice", sdb.Consistent())
//	for item, err := range dom.Select(ctx, sdb.Where("%n = %v", "city", city)) { ... }
//
// aws-sdk-go-v2 has no SimpleDB client, so this package speaks the
// Query protocol itself, signed with Signature Version 2 (the only
// signature SimpleDB accepts), through the same retry policy, user agent
// and redacted logging as goboto's other services.
//
// Handles (Conn.Domain, Domain.Item) do no I/O; every method that calls
// SimpleDB takes a context first and names the action it calls.
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
// AttributeDoesNotExist; IsConditionFailed matches a Condition that did
// not hold. Get reports an item with no attributes as an
// *ItemNotFoundError, which goboto.IsNotFound also matches.
//
// Input SimpleDB would refuse is refused first, before any request, with a
// *goboto.ValidationError naming the parameter, the value and the rule:
// domain names of 3-255 characters from a-z, A-Z, 0-9, '_', '-' and '.';
// item names, attribute names and values of at most 1024 bytes of valid
// UTF-8; at most 256 attribute name-value pairs per item in a call; page
// sizes of 1-100 domains; select limits of at most 2500.
//
// BatchPut and BatchDelete split their items into calls of 25 and send
// them in order; if one fails, the *BatchError says how many items were
// written before it, so none are lost track of.
//
// # Retrying
//
// Each call is retried under goboto's policy: aws-sdk-go-v2's standard
// retryer with exponential backoff and jitter, three attempts unless
// goboto.WithRetry or aws.Config.RetryMaxAttempts says otherwise.
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
