package sqstest

import "testing"

// TestAttributesMD5 pins the attribute digest against values published
// by independent SQS implementations that were checked against SQS
// itself: a single String attribute (the SQS Developer Guide's
// "SellerName"/"Example Store" example, as sqs-consumer's tests give
// it), a Number (LocalStack's sqs_listener test) and a String with a
// Number (sqslite's md5 test), so both the sort and the transport byte
// are exercised.
func TestAttributesMD5(t *testing.T) {
	tests := []struct {
		name  string
		attrs map[string]attr
		want  string
	}{
		{"one string", map[string]attr{"SellerName": {DataType: "String", StringValue: "Example Store"}}, "cd28f3b68aeee4b2eac9c66f2f694b58"},
		{"number", map[string]attr{"timestamp": {DataType: "Number", StringValue: "1493147359900"}}, "235c5c510d26fb653d073faed50ae77c"},
		{"sorted", map[string]attr{
			"ordinal":  {DataType: "Number", StringValue: "1"},
			"category": {DataType: "String", StringValue: "test"},
		}, "d21ae90c49061e927f57df5f5d72be1f"},
		{"none", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := attributesMD5(tt.attrs); got != tt.want {
				t.Errorf("attributesMD5 = %q; want %q", got, tt.want)
			}
		})
	}
}
