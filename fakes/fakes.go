// Package fakes names the parts of goboto's local fakes that users' tests
// touch: test credentials, fault rules and the record of calls. Every
// service fake (sdb/sdbtest, ec2/ec2test, ...) is built on the same
// machinery, so one set of names serves them all:
//
//	srv := sdbtest.Start(t)
//	srv.Faults().Add(fakes.Fault{Operation: "Select", Kind: fakes.Throttle, Times: 2})
//	for _, c := range srv.Calls() { ... }
package fakes

import "github.com/goboto/goboto/internal/fake"

// Credential is a set of test credentials a fake knows and the account
// it belongs to.
type Credential = fake.Credential

// Fault is a rule that makes matching requests misbehave: slow, throttled,
// failed, reset or cut short. Faults apply after a request is authenticated.
type Fault = fake.Fault

// FaultKind is what a Fault does.
type FaultKind = fake.FaultKind

// Faults holds a fake's fault rules.
type Faults = fake.Faults

// Call is the record of one request a fake received.
type Call = fake.Call

// Error is an AWS error answer, used to override a Fault's default error.
type Error = fake.Error

// The kinds of fault.
const (
	Latency     = fake.Latency
	Throttle    = fake.Throttle
	ServerError = fake.ServerError
	Reset       = fake.Reset
	Truncate    = fake.Truncate
	SlowBody    = fake.SlowBody
)

// The built-in test credentials. They are public test values, not secrets.
const (
	TestAccountID     = fake.TestAccountID
	TestAccessKeyID   = fake.TestAccessKeyID
	TestSecretKey     = fake.TestSecretKey
	OtherAccountID    = fake.OtherAccountID
	OtherAccessKeyID  = fake.OtherAccessKeyID
	OtherSecretKey    = fake.OtherSecretKey
	SessionAccessKey  = fake.SessionAccessKey
	SessionSecretKey  = fake.SessionSecretKey
	SessionTokenValue = fake.SessionTokenValue
	DefaultRegion     = fake.DefaultRegion
)

// DefaultCredentials returns the built-in test credentials: the main
// account, a second account for sharing tests, and session credentials
// for the main account.
func DefaultCredentials() []Credential { return fake.DefaultCredentials() }
