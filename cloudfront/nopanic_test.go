package cloudfront_test

import (
	"testing"

	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/internal/testutil/nopanic"
)

// TestNoPanics calls every exported function and method of the package
// with zero values, empty names, nil options and cancelled contexts, on
// zero handles and on handles a real connection made with empty names:
// each call that takes a context returns a *goboto.ValidationError or the
// context's error, none panics, and nothing reaches the fake.
func TestNoPanics(t *testing.T) {
	srv, conn := startFake(t)
	nopanic.Run(t, nopanic.Case{
		Dir: ".",
		Values: []any{
			// A zero Conn stands for the connection: a live one would send
			// the listings that need no argument.
			new(cloudfront.Conn),
			conn.Distribution(""), new(cloudfront.Distribution),
			conn.Distribution("").Invalidation(""), new(cloudfront.Invalidation),
			conn.StreamingDistribution(""), new(cloudfront.StreamingDistribution),
			new(cloudfront.StreamingObject), conn.StreamingDistribution("").Object(""),
			new(cloudfront.DistributionConfig), new(cloudfront.StreamingDistributionConfig),
			conn.OriginAccessIdentity(""), new(cloudfront.OriginAccessIdentity),
			conn.OriginAccessControl(""), new(cloudfront.OriginAccessControl),
			conn.PublicKey(""), new(cloudfront.PublicKey), conn.KeyGroup(""), new(cloudfront.KeyGroup),
			// AddObject's objects (cfedge) and the signer (cfsign)
			conn.Distribution("").Object(""), new(cloudfront.Object), new(cloudfront.Signer),
		},
		Funcs: map[string]any{
			"New": cloudfront.New, "NewConn": cloudfront.NewConn, "WithClientOptions": cloudfront.WithClientOptions,
			"GlobalRegion": cloudfront.GlobalRegion, "PageSize": cloudfront.PageSize,
			"ValidPathPattern": cloudfront.ValidPathPattern, "CheckPublicKey": cloudfront.CheckPublicKey,
			"KeepGrants": cloudfront.KeepGrants, "WithPutOptions": cloudfront.WithPutOptions, "OAIPrincipalARN": cloudfront.OAIPrincipalARN,
			"NewSigner": cloudfront.NewSigner, "NewSignerFromPEM": cloudfront.NewSignerFromPEM, "SignerClock": cloudfront.SignerClock,
			"CookieDomain": cloudfront.CookieDomain, "CookieExpires": cloudfront.CookieExpires, "CookiePath": cloudfront.CookiePath,
			"CookieSameSite": cloudfront.CookieSameSite, "CookieSecure": cloudfront.CookieSecure,
		},
		Sent: func() int { return len(srv.Calls()) },
	})
}
