package fake

import (
	"errors"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const goldenRequestID = "6f1f3a8e-5c2b-4d7a-9e10-2b3c4d5e6f70"

func TestRenderErrorGolden(t *testing.T) {
	tests := []struct {
		name string
		svc  *Service
		err  error
	}{
		{"query", &Service{Protocol: Query, XMLNamespace: "http://rds.amazonaws.com/doc/2014-10-31/"},
			&Error{Status: 404, Code: "DBInstanceNotFound", Message: "DBInstance db-1 not found.", Sender: true}},
		{"query_no_namespace", nil, &Error{Status: 400, Code: "InvalidAction", Message: "No action <here> & there.", Sender: true}},
		{"query_receiver", &Service{Protocol: Query}, errors.New("a handler bug")},
		{"ec2", &Service{Protocol: EC2}, &Error{Status: 400, Code: "InvalidInstanceID.NotFound", Message: "The instance ID 'i-1' does not exist", Sender: true}},
		{"sdb_boxusage", &Service{Protocol: EC2}, &Error{Status: 400, Code: "NoSuchDomain", Message: "The specified domain does not exist.", Sender: true, BoxUsage: "0.0000071759"}},
		{"s3", &Service{Protocol: RestXML}, &Error{Status: 404, Code: "NoSuchKey", Message: "The specified key does not exist.", Sender: true, Extra: map[string]string{"Key": "a/b.txt", "BucketName": "bucket"}}},
		{"cloudfront", &Service{Protocol: RestXML, XMLNamespace: "http://cloudfront.amazonaws.com/doc/2020-05-31/"},
			&Error{Status: 404, Code: "NoSuchDistribution", Message: "The specified distribution does not exist.", Sender: true}},
		{"json10", &Service{Protocol: JSON10}, &Error{Status: 400, Code: "QueueDoesNotExist", Message: "The specified queue does not exist.", Sender: true}},
		{"json10_receiver", &Service{Protocol: JSON10}, errors.New("boom")},
		// SQS is awsQueryCompatible: the shape name in __type, the legacy
		// query code in x-amzn-query-error.
		{"json10_query_code", &Service{Protocol: JSON10}, &Error{Status: 400, Code: "QueueDoesNotExist",
			QueryCode: "AWS.SimpleQueueService.NonExistentQueue", Message: "The specified queue does not exist.", Sender: true}},
	}
	s := NewServer(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			s.WriteError(rec, tt.svc, goldenRequestID, tt.err)
			got := fmt.Sprintf("%d\nContent-Type: %s\nX-Amzn-Query-Error: %s\n\n%s", rec.Code,
				rec.Header().Get("Content-Type"), rec.Header().Get("X-Amzn-Query-Error"), rec.Body.Bytes())
			path := filepath.Join("testdata", "error_"+tt.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}
