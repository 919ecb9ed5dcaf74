package rdstest_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/rds/rdstest"
)

// post sends a SigV4-signed query request, as botocore does, and returns
// the status and body with the request ID masked.
func post(t *testing.T, srv *rdstest.Server, params url.Values) (int, string) {
	t.Helper()
	params.Set("Version", "2014-10-31")
	body := params.Encode()
	req, err := http.NewRequestWithContext(t.Context(), "POST", srv.URL()+"/", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	cfg := srv.Config("")
	creds, err := cfg.Credentials.Retrieve(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(body))
	if err := v4.NewSigner().SignHTTP(t.Context(), creds, req, hex.EncodeToString(sum[:]), "rds", cfg.Region, time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	id := regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	return resp.StatusCode, id.ReplaceAllString(string(b), "REQUEST-ID")
}

func TestWireShapes(t *testing.T) {
	srv := rdstest.Start(t)
	for _, tc := range []struct {
		name   string
		params url.Values
		status int
		body   string
	}{
		{"not found error", url.Values{"Action": {"DescribeDBParameters"}, "DBParameterGroupName": {"nope"}}, 404,
			`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
				`<ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><Error><Type>Sender</Type><Code>DBParameterGroupNotFound</Code>` +
				`<Message>DBParameterGroup not found: nope</Message></Error><RequestId>REQUEST-ID</RequestId></ErrorResponse>`},
		{"unknown action", url.Values{"Action": {"DescribeDBClustersPlease"}}, 400,
			`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
				`<ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><Error><Type>Sender</Type><Code>InvalidAction</Code>` +
				`<Message>The action DescribeDBClustersPlease is not valid for this web service.</Message></Error><RequestId>REQUEST-ID</RequestId></ErrorResponse>`},
		{"result envelope", url.Values{"Action": {"DescribeDBParameterGroups"}, "DBParameterGroupName": {"default.mysql8.0"}}, 200,
			`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
				`<DescribeDBParameterGroupsResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><DescribeDBParameterGroupsResult>` +
				`<DBParameterGroups><DBParameterGroup><DBParameterGroupName>default.mysql8.0</DBParameterGroupName>` +
				`<DBParameterGroupFamily>mysql8.0</DBParameterGroupFamily><Description>Default parameter group for mysql8.0</Description>` +
				`<DBParameterGroupArn>arn:aws:rds:us-east-1:111122223333:pg:default.mysql8.0</DBParameterGroupArn></DBParameterGroup></DBParameterGroups>` +
				`</DescribeDBParameterGroupsResult><ResponseMetadata><RequestId>REQUEST-ID</RequestId></ResponseMetadata></DescribeDBParameterGroupsResponse>`},
		{"boto 2 member lists", url.Values{"Action": {"DescribeDBParameters"}, "DBParameterGroupName": {"default.mysql8.0"}, "MaxRecords": {"20"},
			"Filters.member.1.Name": {"nope"}, "Filters.member.1.Values.member.1": {"x"}}, 400,
			`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
				`<ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><Error><Type>Sender</Type><Code>InvalidParameterValue</Code>` +
				`<Message>Unrecognized filter name: nope.</Message></Error><RequestId>REQUEST-ID</RequestId></ErrorResponse>`},
	} {
		st, body := post(t, srv, tc.params)
		if st != tc.status {
			t.Errorf("%s: status %d, want %d", tc.name, st, tc.status)
		}
		if diff := cmp.Diff(tc.body, body); diff != "" {
			t.Errorf("%s: body (-want +got):\n%s", tc.name, diff)
		}
	}
}
