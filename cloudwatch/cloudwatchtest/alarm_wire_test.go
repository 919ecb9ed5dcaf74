package cloudwatchtest_test

import (
	"net/url"
	"strings"
	"testing"
)

// A value outside a member's modelled constraints is ValidationException
// over JSON, with x-amzn-query-error carrying its awsQueryError code,
// ValidationError (the model aws-sdk-go-v2 v1.76.0 is built from;
// boto/boto3#3475 quotes the "1 validation error detected" message).
func TestAlarmValidationErrorShape(t *testing.T) {
	status, h, body := post(t, map[string]string{"path": "/", "Content-Type": "application/x-amz-json-1.0",
		"X-Amz-Target": "GraniteServiceVersion20100801.DescribeAlarms"}, `{"MaxRecords":101}`)
	if status != 400 || h.Get("x-amzn-query-error") != "ValidationError;Sender" ||
		!strings.Contains(body, `"__type":"ValidationException"`) || !strings.Contains(body, "1 validation error detected: Value '101' at 'maxRecords'") {
		t.Errorf("status %d, x-amzn-query-error %q:\n%s", status, h.Get("x-amzn-query-error"), body)
	}
}

// Over Query, DeleteAlarms of an alarm that does not exist answers 404
// with <Code>ResourceNotFound</Code> (API Reference, DeleteAlarms:
// ResourceNotFound, "HTTP Status Code: 404").
func TestDeleteAlarmsNotFoundShape(t *testing.T) {
	form := url.Values{"Action": {"DeleteAlarms"}, "Version": {"2010-08-01"}, "AlarmNames.member.1": {"nope"}}
	status, _, body := post(t, map[string]string{"path": "/", "Content-Type": "application/x-www-form-urlencoded"}, form.Encode())
	if status != 404 || !strings.Contains(body, "<Code>ResourceNotFound</Code>") || !strings.Contains(body, "nope") {
		t.Errorf("status %d:\n%s", status, body)
	}
}
