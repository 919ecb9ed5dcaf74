package core

import (
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto/internal/detach"
)

// detachedClient passes every request through detach.Request, so that the
// transport never reads the SDK's body stream after the SDK closed it
// (see package detach).
type detachedClient struct{ next aws.HTTPClient }

func (c detachedClient) Do(req *http.Request) (*http.Response, error) {
	r, err := detach.Request(req)
	if err != nil {
		return nil, err
	}
	return c.next.Do(r)
}
