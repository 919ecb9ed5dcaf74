package fake

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// Config returns an aws.Config that talks to the server as c in region:
// Region, static credentials, BaseEndpoint = URL() and HTTPClient(). Start
// the server first.
func (s *Server) Config(region string, c Credential) aws.Config {
	return aws.Config{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider(c.AccessKeyID, c.SecretAccessKey, c.SessionToken),
		BaseEndpoint: aws.String(s.URL()),
		HTTPClient:   s.HTTPClient(),
	}
}
