package sqstest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// permissionActions are the actions AddPermission may grant: "*" and the
// actions another account may call on a queue (AddPermission, Actions:
// "the name of any action or *"; actions only the owner may call, such as
// DeleteQueue or SetQueueAttributes, are refused, as moto's
// ALLOWED_PERMISSIONS and its "Only the queue owner is allowed to invoke
// this action" answer have it). The batch actions come with their single
// ones: "Specifying SendMessage, DeleteMessage, or ChangeMessageVisibility
// ... also grants permissions for the corresponding batch versions".
var permissionActions = []string{"*", "ChangeMessageVisibility", "DeleteMessage", "GetQueueAttributes", "GetQueueUrl",
	"ListDeadLetterSourceQueues", "PurgeQueue", "ReceiveMessage", "SendMessage"}

// Limits of AddPermission: "An Amazon SQS policy can have a maximum of
// seven actions per statement" (AddPermission), and at most 20
// statements and 50 principals per policy (Developer Guide, "Special
// Information for SQS Policies": Bytes 8192, Statements 20, Principals
// 50); past them SQS answers OverLimit ("AddPermission
// returns this error if the maximum number of permissions for the queue
// is reached").
const (
	maxPermissionActions = 7
	maxPolicyStatements  = 20
	maxPolicyPrincipals  = 50
)

// label is AddPermission's rule for Label: "Maximum 80 characters.
// Allowed characters include alphanumeric characters, hyphens (-), and
// underscores (_)."
var label = regexp.MustCompile(`^[A-Za-z0-9_-]{1,80}$`)

var accountID = regexp.MustCompile(`^[0-9]{12}$`)

// errOverLimit is the model's OverLimit. Its HTTP status is not recorded
// anywhere we could find; 400 is a guess, that of SQS's other client
// errors in the API Reference.
func errOverLimit(msg string) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "OverLimit", QueryCode: "OverLimit", Sender: true, Message: msg}
}

// policyDoc is a queue policy as AddPermission writes it: "Version",
// "Id", "Statement" in that order, as SQS answers them (recorded against
// AWS in localstack's test_sqs_permission_lifecycle: Version
// "2008-10-17", Id "<queue ARN>/SQSDefaultPolicy").
type policyDoc struct {
	Version   string            `json:"Version,omitempty"`
	ID        string            `json:"Id,omitempty"`
	Statement []json.RawMessage `json:"Statement"`
}

// statement is one AddPermission grant: Principal.AWS and Action are a
// string for one and a list for more, as SQS writes them.
type statement struct {
	Sid       string         `json:"Sid"`
	Effect    string         `json:"Effect"`
	Principal map[string]any `json:"Principal"`
	Action    any            `json:"Action"`
	Resource  string         `json:"Resource"`
}

// readPolicy reads q's policy, or a new one, for AddPermission and
// RemovePermission. A policy set with SetQueueAttributes whose Statement
// is a single object is read as a list of one.
func readPolicy(q *queue) policyDoc {
	doc := policyDoc{Version: "2008-10-17", ID: q.arn + "/SQSDefaultPolicy"}
	if q.settings.policy == "" {
		return doc
	}
	var raw map[string]json.RawMessage
	if json.Unmarshal([]byte(q.settings.policy), &raw) != nil {
		return doc
	}
	var s string
	if json.Unmarshal(raw["Version"], &s) == nil {
		doc.Version = s
	}
	if json.Unmarshal(raw["Id"], &s) == nil {
		doc.ID = s
	}
	if st := bytes.TrimSpace(raw["Statement"]); len(st) > 0 && st[0] == '{' {
		doc.Statement = []json.RawMessage{st}
	} else {
		json.Unmarshal(st, &doc.Statement)
	}
	return doc
}

func sid(st json.RawMessage) string {
	var s struct{ Sid string }
	json.Unmarshal(st, &s)
	return s.Sid
}

// principals counts the principals of a statement.
func principals(st json.RawMessage) int {
	var s struct{ Principal map[string]json.RawMessage }
	json.Unmarshal(st, &s)
	n := 0
	for _, v := range s.Principal {
		var list []string
		if json.Unmarshal(v, &list) == nil {
			n += len(list)
		} else {
			n++
		}
	}
	return n
}

// arnPartition is the partition of an ARN, for the IAM ARNs of principals.
func arnPartition(arn string) string {
	f := strings.SplitN(arn, ":", 3)
	if len(f) < 2 {
		return "aws"
	}
	return f[1]
}

func (b *Backend) addPermission(r *fake.Request) (any, error) {
	var in struct {
		QueueUrl, Label string
		AWSAccountIds   []string
		Actions         []string
	}
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	switch {
	case in.Label == "":
		return nil, errMissing("Label")
	case len(in.AWSAccountIds) == 0:
		return nil, errMissing("AWSAccountIds")
	case len(in.Actions) == 0:
		return nil, errMissing("Actions")
	case !label.MatchString(in.Label):
		return nil, errInvalidValue("Value %s for parameter Label is invalid. Reason: Label must be 1 to 80 alphanumeric characters, hyphens or underscores.", in.Label)
	case len(in.Actions) > maxPermissionActions:
		return nil, errOverLimit(strconv.Itoa(len(in.Actions)) + " Actions were found, maximum allowed is 7.")
	}
	for _, a := range in.Actions {
		if !contains(permissionActions, a) {
			return nil, errInvalidValue("Value SQS:%s for parameter ActionName is invalid. Reason: Only the queue owner is allowed to invoke this action.", a)
		}
	}
	for _, id := range in.AWSAccountIds {
		if !accountID.MatchString(id) {
			return nil, errInvalidValue("Value [%s] for parameter PrincipalId is invalid. Reason: Unable to verify.", id)
		}
	}
	reg, q, err := b.lookup(r, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	defer reg.mu.Unlock()
	doc := readPolicy(q)
	count := len(in.AWSAccountIds)
	for _, st := range doc.Statement {
		if sid(st) == in.Label {
			return nil, errInvalidValue("Value %s for parameter Label is invalid. Reason: Already exists.", in.Label)
		}
		count += principals(st)
	}
	if len(doc.Statement) >= maxPolicyStatements {
		return nil, errOverLimit("Too many statements in the queue policy: the maximum is 20.")
	}
	if count > maxPolicyPrincipals {
		return nil, errOverLimit("Too many principals in the queue policy: the maximum is 50.")
	}
	st := statement{Sid: in.Label, Effect: "Allow", Resource: q.arn}
	var who []string
	for _, id := range in.AWSAccountIds {
		who = append(who, "arn:"+arnPartition(q.arn)+":iam::"+id+":root")
	}
	var what []string
	for _, a := range in.Actions {
		what = append(what, "SQS:"+a)
	}
	st.Principal = map[string]any{"AWS": oneOrMore(who)}
	st.Action = oneOrMore(what)
	raw, err := json.Marshal(st)
	if err != nil {
		return nil, err
	}
	doc.Statement = append(doc.Statement, raw)
	out, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	q.settings.policy = string(out)
	return struct{}{}, nil
}

// oneOrMore is list's only element, or list.
func oneOrMore(list []string) any {
	if len(list) == 1 {
		return list[0]
	}
	return list
}

func (b *Backend) removePermission(r *fake.Request) (any, error) {
	var in struct{ QueueUrl, Label string }
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if in.Label == "" {
		return nil, errMissing("Label")
	}
	reg, q, err := b.lookup(r, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	defer reg.mu.Unlock()
	doc := readPolicy(q)
	kept := doc.Statement[:0:0]
	for _, st := range doc.Statement {
		if sid(st) != in.Label {
			kept = append(kept, st)
		}
	}
	// As recorded against AWS in localstack's
	// test_sqs_permission_lifecycle: an unknown label is refused, and the
	// policy goes once its last statement does.
	if len(kept) == len(doc.Statement) {
		return nil, errInvalidValue("Value %s for parameter Label is invalid. Reason: can't find label.", in.Label)
	}
	if len(kept) == 0 {
		q.settings.policy = ""
		return struct{}{}, nil
	}
	doc.Statement = kept
	out, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	q.settings.policy = string(out)
	return struct{}{}, nil
}
