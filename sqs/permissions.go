package sqs

import (
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/goboto/goboto"
)

// Permission is one grant of a queue's policy that AddPermission makes:
// the Actions (SendMessage, ReceiveMessage, ... or "*") for the root of
// each of Accounts, under a Label that names it for RemovePermission.
type Permission struct {
	Label    string   // 1-80 of A-Z a-z 0-9 - _
	Accounts []string // 12-digit account IDs
	Actions  []string // 1-7 action names, without the SQS: prefix
}

// permissionActions are the actions AddPermission may grant another
// account: "*" and those a queue's non-owner may call. The batch
// actions come with SendMessage, DeleteMessage and
// ChangeMessageVisibility (AddPermission, Actions).
var permissionActions = []string{"*", "ChangeMessageVisibility", "DeleteMessage", "GetQueueAttributes",
	"GetQueueUrl", "ListDeadLetterSourceQueues", "PurgeQueue", "ReceiveMessage", "SendMessage"}

var (
	permissionLabel = regexp.MustCompile(`^[A-Za-z0-9_-]{1,80}$`)
	accountID       = regexp.MustCompile(`^[0-9]{12}$`)
)

func (p Permission) check() error {
	if !permissionLabel.MatchString(p.Label) {
		return goboto.Invalid("Label", p.Label, "must be 1-80 of A-Z a-z 0-9 - _")
	}
	// AddPermission: "An Amazon SQS policy can have a maximum of seven
	// actions per statement"; a policy has at most 50 principals.
	if n := len(p.Actions); n < 1 || n > 7 {
		return goboto.Invalid("Actions", strconv.Itoa(n), "needs 1-7 actions")
	}
	for _, a := range p.Actions {
		if !slices.Contains(permissionActions, a) {
			return goboto.Invalid("Actions", a, "must be * or one of "+strings.Join(permissionActions[1:], ", "))
		}
	}
	if n := len(p.Accounts); n < 1 || n > 50 {
		return goboto.Invalid("AWSAccountIds", strconv.Itoa(n), "needs 1-50 account IDs")
	}
	for _, id := range p.Accounts {
		if !accountID.MatchString(id) {
			return goboto.Invalid("AWSAccountIds", id, "must be a 12-digit account ID")
		}
	}
	return nil
}

// AddPermission grants p's actions on the queue to p's accounts
// (AddPermission), which SQS writes into the queue's Policy as a
// statement whose Sid is p.Label. SQS answers OverLimit past 20
// statements or 50 principals, and InvalidParameterValue for a label
// the policy already has.
func (q *Queue) AddPermission(ctx context.Context, p Permission) error {
	if err := p.check(); err != nil {
		return err
	}
	client, err := q.api()
	if err != nil {
		return err
	}
	_, err = client.AddPermission(ctx, &sqs.AddPermissionInput{QueueUrl: aws.String(q.URL), Label: aws.String(p.Label),
		AWSAccountIds: p.Accounts, Actions: p.Actions})
	return convert(err)
}

// RemovePermission removes the grant labelled label (RemovePermission);
// SQS answers InvalidParameterValue for a label the policy does not have.
func (q *Queue) RemovePermission(ctx context.Context, label string) error {
	if !permissionLabel.MatchString(label) {
		return goboto.Invalid("Label", label, "must be 1-80 of A-Z a-z 0-9 - _")
	}
	client, err := q.api()
	if err != nil {
		return err
	}
	_, err = client.RemovePermission(ctx, &sqs.RemovePermissionInput{QueueUrl: aws.String(q.URL), Label: aws.String(label)})
	return convert(err)
}

// Permissions reads the queue's Policy (GetQueueAttributes) and returns
// the grants in it that AddPermission could have made: Allow statements
// naming accounts' roots and SQS: actions, with their Sid as the label.
// Other statements, such as a policy's conditions or denials, are left
// out; Queue.Policy has the whole policy after a Refresh.
func (q *Queue) Permissions(ctx context.Context) ([]Permission, error) {
	client, err := q.api()
	if err != nil {
		return nil, err
	}
	out, err := client.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(q.URL),
		AttributeNames: []types.QueueAttributeName{types.QueueAttributeNamePolicy}})
	if err != nil {
		return nil, convert(err)
	}
	return grants(out.Attributes["Policy"]), nil
}

// oneOrMany is a policy element that is a string or a list of them.
type oneOrMany []string

func (o *oneOrMany) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*o = []string{one}
		return nil
	}
	return json.Unmarshal(b, (*[]string)(o))
}

// grants reads the AddPermission grants of a policy.
func grants(policy string) []Permission {
	if policy == "" {
		return nil
	}
	var doc struct{ Statement json.RawMessage }
	if json.Unmarshal([]byte(policy), &doc) != nil {
		return nil
	}
	type statement struct {
		Sid       string
		Effect    string
		Principal struct{ AWS oneOrMany }
		Action    oneOrMany
		Condition json.RawMessage
	}
	var sts []statement
	if json.Unmarshal(doc.Statement, &sts) != nil {
		var one statement
		if json.Unmarshal(doc.Statement, &one) != nil {
			return nil
		}
		sts = []statement{one}
	}
	var out []Permission
	for _, st := range sts {
		if st.Effect != "Allow" || st.Sid == "" || len(st.Condition) > 0 {
			continue
		}
		p := Permission{Label: st.Sid}
		for _, who := range st.Principal.AWS {
			// arn:<partition>:iam::<account>:root
			f := strings.Split(who, ":")
			if len(f) == 6 && f[2] == "iam" && f[5] == "root" {
				p.Accounts = append(p.Accounts, f[4])
			} else if accountID.MatchString(who) {
				p.Accounts = append(p.Accounts, who)
			}
		}
		for _, a := range st.Action {
			if name, ok := cutFold(a, "sqs:"); ok {
				p.Actions = append(p.Actions, name)
			}
		}
		if len(p.Accounts) > 0 && len(p.Actions) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// cutFold is strings.CutPrefix with the prefix matched in any case.
func cutFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}
