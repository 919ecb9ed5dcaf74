package cloudfront

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3"
)

// statement is one bucket-policy statement AddObject writes; its Sid
// names what it grants, so a second AddObject finds it.
type statement struct {
	Sid       string         `json:"Sid"`
	Effect    string         `json:"Effect"`
	Principal any            `json:"Principal"`
	Action    string         `json:"Action"`
	Resource  string         `json:"Resource"`
	Condition map[string]any `json:"Condition,omitempty"`
}

// oacStatement lets CloudFront read the bucket for distribution arn, the
// policy CloudFront's console writes for OAC (CloudFront Developer
// Guide, "Restricting access to an Amazon S3 origin", "Give the origin
// access control permission to access the S3 bucket").
func oacStatement(bucket, arn, id string) statement {
	return statement{Sid: "GobotoCloudFrontOAC" + id, Effect: "Allow",
		Principal: map[string]string{"Service": "cloudfront.amazonaws.com"},
		Action:    "s3:GetObject", Resource: "arn:aws:s3:::" + bucket + "/*",
		Condition: map[string]any{"StringEquals": map[string]string{"AWS:SourceArn": arn}}}
}

// oaiStatement lets an origin access identity read the bucket (the same
// guide, "Migrating from origin access identity (OAI)", the OAI policy).
func oaiStatement(bucket, id, arn string) statement {
	return statement{Sid: "GobotoCloudFrontOAI" + id, Effect: "Allow",
		Principal: map[string]string{"AWS": arn},
		Action:    "s3:GetObject", Resource: "arn:aws:s3:::" + bucket + "/*"}
}

// OAIPrincipalARN is the IAM ARN a bucket policy names origin access
// identity id by, as {"AWS": ARN} (CloudFront Developer Guide, "Restrict
// access to an Amazon S3 origin", legacy OAI policies):
// "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity <ID>".
func OAIPrincipalARN(id string) string {
	return "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity " + id
}

// publicStatement lets anyone read the bucket's objects (Amazon S3 User
// Guide, "Bucket policy examples", granting read-only permission to
// anonymous users).
func publicStatement(bucket string) statement {
	return statement{Sid: "GobotoCloudFrontPublicRead", Effect: "Allow", Principal: "*",
		Action: "s3:GetObject", Resource: "arn:aws:s3:::" + bucket + "/*"}
}

// addStatement puts st in b's policy: the statement with st's Sid is
// replaced when it differs, added when there is none, and the policy
// left alone when it is already there; every other statement and
// top-level member is kept as it was.
func addStatement(ctx context.Context, b *s3.Bucket, st statement) error {
	doc, err := b.Policy(ctx)
	if err != nil && !goboto.IsNotFound(err) {
		return err
	}
	out, changed, err := mergeStatement([]byte(doc), st)
	if err != nil || !changed {
		return err
	}
	return b.SetPolicy(ctx, string(out))
}

// mergeStatement is addStatement's edit of a policy document (empty for
// none); changed is false when st is there already.
func mergeStatement(doc []byte, st statement) (out []byte, changed bool, err error) {
	top := map[string]json.RawMessage{}
	if len(bytes.TrimSpace(doc)) > 0 {
		if err := json.Unmarshal(doc, &top); err != nil {
			return nil, false, goboto.Invalid("Policy", string(doc), "is not a JSON object: "+err.Error())
		}
	}
	if _, ok := top["Version"]; !ok {
		top["Version"] = json.RawMessage(`"2012-10-17"`)
	}
	var list []json.RawMessage
	if raw := bytes.TrimSpace(top["Statement"]); len(raw) > 0 {
		if raw[0] == '{' {
			list = []json.RawMessage{raw}
		} else if err := json.Unmarshal(raw, &list); err != nil {
			return nil, false, goboto.Invalid("Policy.Statement", string(raw), "is neither an object nor a list")
		}
	}
	mine, err := json.Marshal(st)
	if err != nil {
		return nil, false, err
	}
	var want any
	json.Unmarshal(mine, &want)
	found := false
	for i, raw := range list {
		var have struct{ Sid string }
		if json.Unmarshal(raw, &have) != nil || have.Sid != st.Sid {
			continue
		}
		found = true
		var got any
		json.Unmarshal(raw, &got)
		if reflect.DeepEqual(want, got) {
			return doc, false, nil
		}
		list[i] = mine
	}
	if !found {
		list = append(list, mine)
	}
	stmts, err := json.Marshal(list)
	if err != nil {
		return nil, false, err
	}
	top["Statement"] = stmts
	out, err = json.Marshal(top)
	return out, true, err
}
