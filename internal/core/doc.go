// Package core is the machinery every goboto service shares: it turns the
// caller's aws.Config and goboto.Options into the aws.Config a service
// client is built from (retry policy, endpoint override, user agent,
// redacted logging), and converts the errors those clients return.
//
// Service packages call Config once in their New and Error on every error
// they hand back, so conversion happens in one place.
package core
