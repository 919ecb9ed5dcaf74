package cloudfront_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/cloudfront/sign"
	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/internal/testutil"
)

// BenchmarkSignURL measures signed URLs per second for each key type,
// hash and policy form.
func BenchmarkSignURL(b *testing.B) {
	exp := signNow.Add(time.Hour)
	obj := dist + "/videos/a.mp4?x=1"
	for _, name := range []string{"RSA", "ECDSA"} {
		s := signers(b)[name]
		for _, hash := range []cloudfront.HashAlgorithm{cloudfront.HashSHA1, cloudfront.HashSHA256} {
			for _, form := range []string{"canned", "custom"} {
				opts := cloudfront.SignOptions{Expires: exp, Hash: hash}
				if form == "custom" {
					opts.Resource, opts.SourceIP = dist+"/videos/*", "192.0.2.0/24"
				}
				b.Run(name+"/"+string(hash)+"/"+form, func(b *testing.B) {
					for b.Loop() {
						if _, err := s.SignURL(obj, opts); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "URLs/s")
				})
			}
		}
	}
}

// BenchmarkSignCPUvsSignPackage compares the CPU one SHA-1 signature costs
// through goboto's Signer (input checks, then feature/cloudfront/sign)
// with calling feature/cloudfront/sign directly, in the same run. The two
// alternate in batches so that load from elsewhere on the machine falls
// on both alike; cpu-ratio is goboto's CPU over the sign package's (the
// goal is at most 1.1). It reports; it asserts nothing about time.
func BenchmarkSignCPUvsSignPackage(b *testing.B) {
	exp := signNow.Add(time.Hour)
	obj := dist + "/videos/a.mp4?x=1"
	for _, c := range []struct{ name, pem, id string }{{"RSA", testRSAKeyPEM, rsaKeyID}, {"ECDSA", testECKeyPEM, ecKeyID}} {
		s := signers(b)[c.name]
		direct := sign.NewURLSigner(c.id, privateKey(b, c.pem))
		for _, form := range []string{"canned", "custom"} {
			ours := func() error {
				opts := cloudfront.SignOptions{Expires: exp}
				if form == "custom" {
					opts.Resource, opts.SourceIP = dist+"/videos/*", "192.0.2.0/24"
				}
				_, err := s.SignURL(obj, opts)
				return err
			}
			theirs := func() error {
				var err error
				if form == "canned" {
					_, err = direct.Sign(obj, exp)
				} else {
					_, err = direct.SignWithPolicy(obj, &sign.Policy{Statements: []sign.Statement{{
						Resource: dist + "/videos/*",
						Condition: sign.Condition{
							IPAddress:    &sign.IPAddress{SourceIP: "192.0.2.0/24"},
							DateLessThan: sign.NewAWSEpochTime(exp),
						},
					}}})
				}
				return err
			}
			b.Run(c.name+"/"+form, func(b *testing.B) {
				const batch = 8
				var oursCPU, theirsCPU time.Duration
				n := 0
				for b.Loop() {
					t0 := testutil.CPUTime()
					for range batch {
						if err := ours(); err != nil {
							b.Fatal(err)
						}
					}
					t1 := testutil.CPUTime()
					for range batch {
						if err := theirs(); err != nil {
							b.Fatal(err)
						}
					}
					t2 := testutil.CPUTime()
					oursCPU += t1 - t0
					theirsCPU += t2 - t1
					n += batch
				}
				b.ReportMetric(float64(oursCPU.Nanoseconds())/float64(n), "goboto-cpu-ns/sig")
				b.ReportMetric(float64(theirsCPU.Nanoseconds())/float64(n), "sign-cpu-ns/sig")
				if theirsCPU > 0 {
					b.ReportMetric(float64(oursCPU)/float64(theirsCPU), "cpu-ratio")
				}
			})
		}
	}
}
