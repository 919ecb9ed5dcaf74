package fake

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Shell is the running server every service fake's Server embeds, and
// the local cloud too: its address, client configs, faults, recorded
// calls, clock and Close. Package fakes exports it as fakes.Server.
type Shell struct {
	srv *Server
}

// StartShell starts a Server hosting services with the given settings:
// on Settings.Addr or a free loopback port, over TLS when
// Settings.TLSOr(tlsDefault).
func StartShell(s Settings, tlsDefault bool, services ...Service) (*Shell, error) {
	srv := NewServer(s.ServerOptions(), services...)
	addr := s.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	var err error
	if s.TLSOr(tlsDefault) {
		err = srv.StartTLSAt(addr)
	} else {
		err = srv.StartAt(addr)
	}
	if err != nil {
		return nil, err
	}
	return &Shell{srv: srv}, nil
}

// URL returns the server's base URL, "http://127.0.0.1:port" or https.
func (s *Shell) URL() string { return s.srv.URL() }

// Config returns an aws.Config for the main test account in region ("":
// the default region): static credentials, BaseEndpoint set to URL, and
// HTTPClient.
func (s *Shell) Config(region string) aws.Config {
	return s.ConfigFor(s.srv.Credentials()[0], region)
}

// ConfigFor returns an aws.Config that signs as cred in region ("": the
// default region).
func (s *Shell) ConfigFor(cred Credential, region string) aws.Config {
	if region == "" {
		region = s.srv.DefaultRegion()
	}
	return s.srv.Config(region, cred)
}

// ConfigForAccount is ConfigFor with the first long-term credentials the
// server knows for account (OtherAccountID is built in), session ones if
// it has only those. For an account it does not know, the config's
// credentials provider fails every call with an error that says so.
func (s *Shell) ConfigForAccount(account, region string) aws.Config {
	var session *Credential
	for _, c := range s.srv.Credentials() {
		if c.AccountID != account {
			continue
		}
		if c.SessionToken == "" {
			return s.ConfigFor(c, region)
		}
		if session == nil {
			session = &c
		}
	}
	if session != nil {
		return s.ConfigFor(*session, region)
	}
	cfg := s.ConfigFor(Credential{}, region)
	cfg.Credentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{}, fmt.Errorf("fake: no credentials for account %s", account)
	})
	return cfg
}

// Account returns the main test account's ID.
func (s *Shell) Account() string { return s.srv.Credentials()[0].AccountID }

// Credentials returns the credentials the server accepts.
func (s *Shell) Credentials() []Credential { return s.srv.Credentials() }

// Region returns the default region.
func (s *Shell) Region() string { return s.srv.DefaultRegion() }

// HTTPClient returns a client that trusts the server's certificate and
// talks to no proxy. It sends a copy of each small request body rather
// than the caller's stream, which spares aws-sdk-go-v2 clients a race on
// fast servers that otherwise closes the connection under an answer.
func (s *Shell) HTTPClient() *http.Client { return s.srv.HTTPClient() }

// Faults returns the fault rules: add one to make matching requests slow,
// throttled, failed, reset or cut short.
func (s *Shell) Faults() *Faults { return s.srv.Faults() }

// Calls returns every request the server has received, in order.
func (s *Shell) Calls() []Call { return s.srv.Calls() }

// ResetCalls forgets the recorded calls.
func (s *Shell) ResetCalls() { s.srv.ResetCalls() }

// Now returns the server's clock (WithClock, or the time).
func (s *Shell) Now() time.Time { return s.srv.Now() }

// Close stops the server and waits for requests in flight.
func (s *Shell) Close() error { return s.srv.Close() }

// ServerOf returns the Server underneath a Shell, for goboto's own code;
// it is a function rather than a method so that no exported method of
// the public shell names this internal type.
func ServerOf(s *Shell) *Server { return s.srv }
