package main

import (
	"crypto/md5"
	"encoding/hex"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto/sqs"
)

// botoSQS is what testdata/boto_sqs.py prints.
type botoSQS struct {
	Host              string
	URL               string
	VisibilityTimeout int    `json:"visibility_timeout"`
	WrittenID         string `json:"written_id"`
	WrittenMD5        string `json:"written_md5"`
	WrittenAttrMD5    string `json:"written_attr_md5"`
	CountAfterWrite   int    `json:"count_after_write"`
	Read              struct {
		ID         string
		Body       string
		MD5        string
		AttrMD5    string `json:"attr_md5"`
		Attributes map[string]map[string]string
		Receipt    bool
	}
	CountInFlight    int      `json:"count_in_flight"`
	Deleted          bool     `json:"deleted"`
	CountAfterDelete int      `json:"count_after_delete"`
	Decoded          string   `json:"decoded"`
	DecodedDeleted   bool     `json:"decoded_deleted"`
	EmptyRead        bool     `json:"empty_read"`
	Purged           bool     `json:"purged"`
	CountAfterPurge  int      `json:"count_after_purge"`
	Queues           []string `json:"queues"`
	LookupMissing    bool     `json:"lookup_missing"`
	MissingError     *struct {
		Status int
		Code   string
	} `json:"missing_error"`
	DeletedQueue      bool     `json:"deleted_queue"`
	QueuesAfterDelete []string `json:"queues_after_delete"`
}

// TestBotoSQS drives the local cloud's SQS with boto 2 (query protocol,
// SigV4, requests sent to the queue's path): boto's write, read with a
// long poll, count, delete and purge, message attributes both ways, its
// base64 Message class, and a missing queue answered with SQS's legacy
// AWS.SimpleQueueService.NonExistentQueue, which boto raises as
// SQSError.
func TestBotoSQS(t *testing.T) {
	t.Parallel()
	requireBoto(t)
	cloud, srv := startSQSCloud(t)
	var got botoSQS
	runBoto(t, srv, "boto_sqs.py", &got)
	if got.WrittenID == "" {
		t.Errorf("write answered %+v", got)
	}
	want := got
	// boto 2 reads MD5OfBody but not SendMessage's MD5OfMessageBody, so a
	// written message keeps no MD5 (boto/sqs/message.py, endElement).
	want.WrittenMD5, want.WrittenAttrMD5 = "", ""
	want.Host = "127.0.0.1"
	want.URL = srv.URL() + "/" + srv.Credentials()[0].AccountID + "/boto-q"
	want.VisibilityTimeout = 40
	want.CountAfterWrite = 1
	const body = "raw <body> & more"
	sum := md5.Sum([]byte(body))
	want.Read.ID, want.Read.Body, want.Read.MD5 = got.WrittenID, body, hex.EncodeToString(sum[:])
	want.Read.AttrMD5 = sqs.AttributesMD5(map[string]sqs.Attribute{"color": sqs.String("red"), "count": sqs.Number("42")})
	want.Read.Attributes = map[string]map[string]string{
		"color": {"data_type": "String", "string_value": "red"},
		"count": {"data_type": "Number", "string_value": "42"},
	}
	want.Read.Receipt = true
	want.CountInFlight, want.Deleted, want.CountAfterDelete = 1, true, 0
	want.Decoded, want.DecodedDeleted, want.EmptyRead = "encoded body \u00e9", true, true
	want.Purged, want.CountAfterPurge = true, 0
	want.Queues, want.LookupMissing = []string{"boto-q"}, true
	want.MissingError = &struct {
		Status int
		Code   string
	}{400, "AWS.SimpleQueueService.NonExistentQueue"}
	want.DeletedQueue, want.QueuesAfterDelete = true, nil
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("boto 2 (-want +got):\n%s", diff)
	}
	if _, _, _, ok := cloud.SQS().Counts(srv.Credentials()[0].AccountID, srv.DefaultRegion(), "boto-q"); ok {
		t.Error("the queue boto deleted is still there")
	}
}
