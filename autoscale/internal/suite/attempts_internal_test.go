package suite

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
)

// countAttempts counts every attempt of one call: here a 503 the SDK
// retries, then the answer.
func TestCountAttempts(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		if calls == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/xml")
		w.Write([]byte(`<DeleteScheduledActionResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteScheduledActionResponse>`))
	}))
	defer srv.Close()
	client := autoscaling.NewFromConfig(aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL),
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")})
	tries := 0
	if _, err := client.DeleteScheduledAction(t.Context(), &autoscaling.DeleteScheduledActionInput{
		AutoScalingGroupName: aws.String("g"), ScheduledActionName: aws.String("a")}, countAttempts(&tries)); err != nil {
		t.Fatal(err)
	}
	if tries != 2 || calls != 2 {
		t.Errorf("counted %d attempts, the server saw %d calls; want 2 and 2", tries, calls)
	}
}
