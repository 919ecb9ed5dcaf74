//lint:file-ignore SA1019 The walkthrough shows RTMP distributions, which CloudFront discontinued on 2020-12-31, because boto's did; the deprecation is what it tells the reader.

package main

import (
	"context"
	"errors"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudfront"
)

// streaming is boto's second step: an RTMP distribution on the same
// bucket, and the rtmp:// URL a Flash player was given. AWS refuses the
// creation since 2020-12-31; the walkthrough says so and goes on.
func (k *walk) streaming(ctx context.Context) error {
	name := k.unique("goboto-cf-public")
	k.call("sd, err := conn.CreateStreamingDistribution(ctx, cloudfront.StreamingDistributionConfig{Comment: \"My Streaming Distribution\",\n" +
		"        Enabled: true, Origin: bucket.Name + \".s3.amazonaws.com\"})   // deprecated")
	sd, err := k.cf.CreateStreamingDistribution(ctx, cloudfront.StreamingDistributionConfig{Comment: "My Streaming Distribution",
		Enabled: true, Origin: name + ".s3.amazonaws.com"})
	var ae *goboto.APIError
	if errors.As(err, &ae) {
		k.result("refused: %s (HTTP %d)", ae.Code, ae.StatusCode)
		k.result("CloudFront discontinued RTMP distributions on 2020-12-31; only their Get, List, Update and Delete remain")
		return nil
	}
	if err != nil {
		return err
	}
	k.atEnd(func(ctx context.Context) error { return sd.Delete(ctx) })
	k.result("%s at %s, %s", sd.ID, sd.DomainName, sd.Status)
	if k.env.Local {
		k.result("(AWS refuses this since 2020-12-31; the local cloud runs CloudFront in legacy mode, cloudfronttest.WithLegacyStreaming)")
	}

	key := "embarrassingvideo.flv"
	k.call("bucket.Key(%q).PutBytes(ctx, video)", key)
	if err := k.s3.Bucket(name).Key(key).PutBytes(ctx, []byte("FLV\x01")); err != nil {
		return err
	}
	k.call("sd.Object(%q).URL()", key)
	k.result("%s", sd.Object(key).URL())
	return nil
}
