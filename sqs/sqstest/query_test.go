package sqstest

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/internal/testutil/awsmodel"
)

// queryAnswer is a query answer or error, with what the tests look at.
type queryAnswer struct {
	Status int
	Body   string
}

// querySender posts signed query forms to a fake SQS.
type querySender struct {
	t    *testing.T
	srv  *Server
	sign awsmodel.Signer
}

func newQuerySender(t *testing.T, srv *Server, sigv2 bool) *querySender {
	cred := fake.DefaultCredentials()[0]
	creds := aws.Credentials{AccessKeyID: cred.AccessKeyID, SecretAccessKey: cred.SecretAccessKey}
	sign := awsmodel.SignV4(creds, "us-east-1", "sqs", srv.Now)
	if sigv2 {
		sign = awsmodel.SignV2(creds, srv.Now)
	}
	return &querySender{t: t, srv: srv, sign: sign}
}

// post sends action with params to path ("/" or a queue's path).
func (s *querySender) post(path, action string, params url.Values) queryAnswer {
	s.t.Helper()
	form := url.Values{"Action": {action}, "Version": {"2012-11-05"}}
	for k, v := range params {
		form[k] = v
	}
	req, err := http.NewRequest(http.MethodPost, s.srv.URL()+path, strings.NewReader(form.Encode()))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	if err := s.sign(req); err != nil {
		s.t.Fatal(err)
	}
	resp, err := s.srv.HTTPClient().Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return queryAnswer{Status: resp.StatusCode, Body: string(body)}
}

// queryError is SQS's query error document.
type queryError struct {
	XMLName xml.Name `xml:"http://queue.amazonaws.com/doc/2012-11-05/ ErrorResponse"`
	Type    string   `xml:"Error>Type"`
	Code    string   `xml:"Error>Code"`
	ID      string   `xml:"RequestId"`
}

func decodeXML[T any](t *testing.T, a queryAnswer) T {
	t.Helper()
	var v T
	if err := xml.Unmarshal([]byte(a.Body), &v); err != nil {
		t.Fatalf("decode %T: %v\n%s", v, err, a.Body)
	}
	return v
}

// TestQueryProtocol drives a queue through SQS's query protocol (SQS
// API Reference, "Making Query API requests": Action and Version in a
// form, answers in the 2012-11-05 namespace with ResponseMetadata and
// RequestId) and checks the parameters map onto the same operations as
// JSON: Attribute.N.Name/Value, MessageAttribute.N.Name and
// .Value.DataType/StringValue/BinaryValue, AttributeName.N and
// MessageAttributeName.N, the queue named by the request path instead
// of QueueUrl (boto 2), and flattened answers (Message, Attribute,
// MessageAttribute).
func TestQueryProtocol(t *testing.T) {
	for _, sigv2 := range []bool{false, true} {
		name := "SigV4"
		if sigv2 {
			name = "SigV2"
		}
		t.Run(name, func(t *testing.T) {
			srv := Start(t)
			s := newQuerySender(t, srv, sigv2)
			created := s.post("/", "CreateQueue", url.Values{"QueueName": {"q"},
				"Attribute.1.Name": {"VisibilityTimeout"}, "Attribute.1.Value": {"40"},
				"Attribute.2.Name": {"DelaySeconds"}, "Attribute.2.Value": {"0"}})
			type createResult struct {
				XMLName xml.Name `xml:"http://queue.amazonaws.com/doc/2012-11-05/ CreateQueueResponse"`
				URL     string   `xml:"CreateQueueResult>QueueUrl"`
				ID      string   `xml:"ResponseMetadata>RequestId"`
			}
			c := decodeXML[createResult](t, created)
			wantURL := srv.URL() + "/" + srv.Account() + "/q"
			if created.Status != 200 || c.URL != wantURL || c.ID == "" {
				t.Fatalf("CreateQueue = %d %+v; want 200 with %s\n%s", created.Status, c, wantURL, created.Body)
			}
			path := "/" + srv.Account() + "/q"

			// boto 2 names the queue by the path.
			attrs := s.post(path, "GetQueueAttributes", url.Values{"AttributeName": {"VisibilityTimeout"}})
			type attrResult struct {
				Attrs []struct{ Name, Value string } `xml:"GetQueueAttributesResult>Attribute"`
			}
			if got := decodeXML[attrResult](t, attrs).Attrs; len(got) != 1 || got[0].Name != "VisibilityTimeout" || got[0].Value != "40" {
				t.Errorf("GetQueueAttributes = %+v\n%s", got, attrs.Body)
			}

			body := "a <b> & \"c\"\r\n\ttab \u00e9\U0001F600"
			sent := s.post("/", "SendMessage", url.Values{"QueueUrl": {wantURL}, "MessageBody": {body},
				"MessageAttribute.1.Name": {"color"}, "MessageAttribute.1.Value.DataType": {"String"},
				"MessageAttribute.1.Value.StringValue": {"red"},
				"MessageAttribute.2.Name":              {"raw"}, "MessageAttribute.2.Value.DataType": {"Binary"},
				"MessageAttribute.2.Value.BinaryValue": {"AAH/"}})
			type sendResult struct {
				MD5Body  string `xml:"SendMessageResult>MD5OfMessageBody"`
				MD5Attrs string `xml:"SendMessageResult>MD5OfMessageAttributes"`
				ID       string `xml:"SendMessageResult>MessageId"`
			}
			wantAttrs := map[string]attr{"color": {DataType: "String", StringValue: "red"}, "raw": {DataType: "Binary", BinaryValue: []byte{0, 1, 0xff}}}
			sr := decodeXML[sendResult](t, sent)
			if sent.Status != 200 || sr.MD5Body != md5Hex(body) || sr.MD5Attrs != attributesMD5(wantAttrs) || sr.ID == "" {
				t.Fatalf("SendMessage = %d %+v\n%s", sent.Status, sr, sent.Body)
			}

			got := s.post(path, "ReceiveMessage", url.Values{"AttributeName.1": {"ApproximateReceiveCount"},
				"MessageAttributeName.1": {"All"}, "MaxNumberOfMessages": {"10"}})
			type value struct {
				StringValue, BinaryValue, DataType string
			}
			type message struct {
				MessageId, ReceiptHandle, MD5OfBody, Body, MD5OfMessageAttributes string
				Attribute                                                         []struct{ Name, Value string }
				MessageAttribute                                                  []struct {
					Name  string
					Value value
				}
			}
			type receiveResult struct {
				Messages []message `xml:"ReceiveMessageResult>Message"`
			}
			msgs := decodeXML[receiveResult](t, got).Messages
			if len(msgs) != 1 {
				t.Fatalf("ReceiveMessage: %d messages\n%s", len(msgs), got.Body)
			}
			m := msgs[0]
			want := message{MessageId: sr.ID, ReceiptHandle: m.ReceiptHandle, MD5OfBody: md5Hex(body), Body: body,
				MD5OfMessageAttributes: attributesMD5(wantAttrs),
				Attribute:              []struct{ Name, Value string }{{"ApproximateReceiveCount", "1"}},
				MessageAttribute: []struct {
					Name  string
					Value value
				}{{"color", value{StringValue: "red", DataType: "String"}}, {"raw", value{BinaryValue: "AAH/", DataType: "Binary"}}}}
			if diff := cmp.Diff(want, m); diff != "" || m.ReceiptHandle == "" {
				t.Errorf("ReceiveMessage (-want +got):\n%s\n%s", diff, got.Body)
			}

			del := s.post(path, "DeleteMessage", url.Values{"ReceiptHandle": {m.ReceiptHandle}})
			if !strings.Contains(del.Body, "<DeleteMessageResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><ResponseMetadata><RequestId>") {
				t.Errorf("DeleteMessage = %d\n%s", del.Status, del.Body)
			}
			if v, f, d, _ := srv.Counts(srv.Account(), srv.Region(), "q"); v+f+d != 0 {
				t.Errorf("after DeleteMessage: %d, %d, %d messages", v, f, d)
			}
		})
	}
}

// TestQueryErrors checks query errors carry SQS's legacy codes in
// <ErrorResponse> with Type, Code and RequestId (SQS Developer Guide,
// "Query API errors"; the model's awsQueryError codes), and that
// requests SQS cannot take are refused with the common errors and change
// nothing.
func TestQueryErrors(t *testing.T) {
	srv := Start(t)
	s := newQuerySender(t, srv, false)
	queue := srv.URL() + "/" + srv.Account() + "/exists"
	if err := srv.CreateQueue(srv.Account(), srv.Region(), "exists"); err != nil {
		t.Fatal(err)
	}
	missing := srv.URL() + "/" + srv.Account() + "/missing"
	tests := []struct {
		name, path, action string
		params             url.Values
		status             int
		code, typ          string
	}{
		{"no queue", "/", "GetQueueUrl", url.Values{"QueueName": {"missing"}}, 400, "AWS.SimpleQueueService.NonExistentQueue", "Sender"},
		{"no queue by path", "/" + srv.Account() + "/missing", "SendMessage", url.Values{"MessageBody": {"x"}}, 400, "AWS.SimpleQueueService.NonExistentQueue", "Sender"},
		{"no queue by url", "/", "DeleteQueue", url.Values{"QueueUrl": {missing}}, 400, "AWS.SimpleQueueService.NonExistentQueue", "Sender"},
		{"bad attribute", "/", "CreateQueue", url.Values{"QueueName": {"x"}, "Attribute.1.Name": {"DelaySeconds"}, "Attribute.1.Value": {"901"}}, 400, "InvalidAttributeValue", "Sender"},
		{"attribute name without value", "/", "CreateQueue", url.Values{"QueueName": {"x"}, "Attribute.1.Name": {"DelaySeconds"}}, 400, "MissingParameter", "Sender"},
		{"unknown action", "/", "CreateQueues", nil, 400, "InvalidAction", "Sender"},
		{"unknown parameter", "/", "SendMessage", url.Values{"QueueUrl": {queue}, "MessageBody": {"x"}, "MessageBodyX": {"y"}}, 400, "InvalidQueryParameter", "Sender"},
		{"bad index", "/", "SendMessage", url.Values{"QueueUrl": {queue}, "MessageBody": {"x"}, "MessageAttribute.0.Name": {"a"}}, 400, "InvalidQueryParameter", "Sender"},
		{"not an integer", "/", "SendMessage", url.Values{"QueueUrl": {queue}, "MessageBody": {"x"}, "DelaySeconds": {"soon"}}, 400, "InvalidParameterValue", "Sender"},
		{"not implemented in a batch entry", "/", "SendMessageBatch", url.Values{"QueueUrl": {queue}, "SendMessageBatchRequestEntry.1.Id": {"a"}, "SendMessageBatchRequestEntry.1.MessageBody": {"x"},
			"SendMessageBatchRequestEntry.1.MessageSystemAttribute.1.Name": {"AWSTraceHeader"}, "SendMessageBatchRequestEntry.1.MessageSystemAttribute.1.Value.DataType": {"String"},
			"SendMessageBatchRequestEntry.1.MessageSystemAttribute.1.Value.StringValue": {"Root=1"}}, 400, "AWS.SimpleQueueService.UnsupportedOperation", "Sender"},
		{"member not implemented", "/", "ReceiveMessage", url.Values{"QueueUrl": {queue}, "ReceiveRequestAttemptId": {"a"}}, 400, "AWS.SimpleQueueService.UnsupportedOperation", "Sender"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := srv.digest()
			a := s.post(tt.path, tt.action, tt.params)
			e := decodeXML[queryError](t, a)
			if a.Status != tt.status || e.Code != tt.code || e.Type != tt.typ || e.ID == "" {
				t.Errorf("HTTP %d %+v; want %d %s %s\n%s", a.Status, e, tt.status, tt.code, tt.typ, a.Body)
			}
			if srv.digest() != before {
				t.Error("a refused request changed the state")
			}
		})
	}
	t.Run("version", func(t *testing.T) {
		form := url.Values{"Action": {"ListQueues"}, "Version": {"2011-10-01"}}
		req, _ := http.NewRequest(http.MethodPost, srv.URL()+"/", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if err := s.sign(req); err != nil {
			t.Fatal(err)
		}
		resp, err := srv.HTTPClient().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if e := decodeXML[queryError](t, queryAnswer{Body: string(b)}); e.Code != "InvalidParameterValue" {
			t.Errorf("Version 2011-10-01: %+v\n%s", e, b)
		}
	})
	t.Run("bad signature", func(t *testing.T) {
		// The auth errors of a query request are query errors too.
		bad := &querySender{t: t, srv: srv, sign: awsmodel.SignV4(aws.Credentials{AccessKeyID: fake.TestAccessKeyID, SecretAccessKey: "wrong"}, "us-east-1", "sqs", srv.Now)}
		a := bad.post("/", "ListQueues", nil)
		if e := decodeXML[queryError](t, a); a.Status != 403 || e.Code != "SignatureDoesNotMatch" {
			t.Errorf("HTTP %d %+v; want 403 SignatureDoesNotMatch\n%s", a.Status, e, a.Body)
		}
	})
}
