package sqstest

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/internal/testutil/awsmodel"
)

// queryModelPath is SQS's query model as Debian's aws CLI 2.9 ships it
// (botocore before SQS moved to JSON in November 2023): the only model
// that still names the query protocol's parameters and elements.
const queryModelPath = "/usr/lib/python3/dist-packages/awscli/botocore/data/sqs/2012-11-05/service-2.json"

// loadQueryModel returns the query model, or skips the test without it.
func loadQueryModel(t *testing.T) *awsmodel.Model {
	t.Helper()
	data, err := os.ReadFile(queryModelPath)
	if err != nil {
		t.Skipf("SQS's query model is not installed (apt-get install awscli): %v", err)
	}
	m, err := awsmodel.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if m.Protocol != "query" {
		t.Fatalf("%s is protocol %q; want query", queryModelPath, m.Protocol)
	}
	return m
}

var modelKinds = map[string]qkind{"string": qString, "integer": qInt, "long": qLong, "boolean": qBool,
	"blob": qBlob, "list": qList, "map": qMap, "structure": qStruct}

// TestQueryShapes checks queryOps against SQS's models: every operation
// of today's JSON model with its members and types (so the query
// protocol takes all of them), and the query names of the query model's
// operations (botocore's query serializer: a flattened list is named by
// its element's locationName, a map by its locationName, with its key's
// and value's locationNames in each entry).
func TestQueryShapes(t *testing.T) {
	t.Run("json", func(t *testing.T) {
		m := awsmodel.LoadOrSkip(t, "sqs")
		if diff := slices.Compare(m.OperationNames(), slices.Sorted(maps.Keys(queryOps))); diff != 0 {
			t.Errorf("operations: model %v, table %v", m.OperationNames(), slices.Sorted(maps.Keys(queryOps)))
		}
		for _, name := range m.OperationNames() {
			op, ok := queryOps[name]
			if !ok {
				continue
			}
			o := m.Operations[name]
			compareShape(t, m, name+" input", m.Shapes[o.Input.Shape], op.in, false)
			if o.Output == nil {
				if op.out != nil {
					t.Errorf("%s: the model has no output; the table has one", name)
				}
				continue
			}
			compareShape(t, m, name+" output", m.Shapes[o.Output.Shape], op.out, false)
		}
	})
	t.Run("query", func(t *testing.T) {
		m := loadQueryModel(t)
		for _, name := range m.OperationNames() {
			op, ok := queryOps[name]
			if !ok {
				t.Errorf("%s: in the query model, not in the table", name)
				continue
			}
			o := m.Operations[name]
			compareShape(t, m, name+" input", m.Shapes[o.Input.Shape], op.in, true)
			if o.Output != nil {
				compareShape(t, m, name+" output", m.Shapes[o.Output.Shape], op.out, true)
			}
		}
	})
}

// compareShape reports where q differs from the model's shape s: member
// names and kinds, and with wire their query names too. Members the
// query model lacks (added since) are left to the JSON model's check.
func compareShape(t *testing.T, m *awsmodel.Model, where string, s *awsmodel.Shape, q *qshape, wire bool) {
	t.Helper()
	if q == nil {
		t.Errorf("%s: the model has it; the table has none", where)
		return
	}
	if k, ok := modelKinds[s.Type]; !ok || k != q.kind {
		t.Errorf("%s: model type %s, table kind %d", where, s.Type, q.kind)
		return
	}
	switch s.Type {
	case "structure":
		for _, f := range q.fields {
			if _, ok := s.Members[f.name]; !ok && !wire {
				t.Errorf("%s: table member %s is not in the model", where, f.name)
			}
		}
		for _, name := range s.MemberNames() {
			ref := s.Members[name]
			i := slices.IndexFunc(q.fields, func(f qfield) bool { return f.name == name })
			if i < 0 {
				t.Errorf("%s: model member %s is not in the table", where, name)
				continue
			}
			f := q.fields[i]
			ms := m.Shapes[ref.Shape]
			if wire {
				want := name
				switch {
				case ms.Type == "list" && ms.Member.LocationName != "":
					want = ms.Member.LocationName
				case ref.LocationName != "":
					want = ref.LocationName
				case ms.LocationName != "":
					want = ms.LocationName
				}
				if f.wire != want {
					t.Errorf("%s.%s: query name %s; the query model says %s", where, name, f.wire, want)
				}
			}
			compareShape(t, m, where+"."+name, ms, f.shape, wire)
		}
	case "list":
		compareShape(t, m, where+"[]", m.Shapes[s.Member.Shape], q.elem, wire)
	case "map":
		if wire && (s.Key.LocationName != q.key || s.Value.LocationName != q.value) {
			t.Errorf("%s: entry %s/%s; the query model says %s/%s", where, q.key, q.value, s.Key.LocationName, s.Value.LocationName)
		}
		if ks := m.Shapes[s.Key.Shape]; ks.Type != "string" {
			t.Errorf("%s: map key of type %s", where, ks.Type)
		}
		compareShape(t, m, where+"{}", m.Shapes[s.Value.Shape], q.elem, wire)
	}
}

// TestConformQueryModel sends every operation of SQS's query model
// through the query protocol, as awsmodel's query serializer writes
// them, at a seeded queue: the served ones answer as over JSON, the rest
// AWS.SimpleQueueService.UnsupportedOperation (the model's
// UnsupportedOperation, "Error code 400. Unsupported operation."), and
// actions SQS does not have the common errors' InvalidAction, each with
// the state unchanged.
func TestConformQueryModel(t *testing.T) {
	srv := Start(t)
	m := loadQueryModel(t)
	c := awsmodel.NewCase(t, m, srv, "", srv.digest)
	c.Implemented = func(op string) bool { _, ok := served[op]; return ok }
	c.NotImplementedCodes = []string{"AWS.SimpleQueueService.UnsupportedOperation", "InvalidAction"}
	// SQS Developer Guide, "Common errors" of the query API: the legacy
	// codes any action may answer.
	c.ExtraErrorCodes = []string{"AWS.SimpleQueueService.UnsupportedOperation", "InvalidAttributeName",
		"InvalidAttributeValue", "ReceiptHandleIsInvalid"}
	c.Unknown = []string{"CreateQueues", "GetQueue"}
	c.Skip = map[string]string{
		// TagQueue's Tags take their query name from the TagMap shape's
		// locationName ("Tag"), which botocore applies and awsmodel's
		// serializer does not: it sends Tags.1.Key, which SQS does not
		// know. TestQueryErrors sends Tag.1.Key.
		"TagQueue": "awsmodel ignores a shape-level locationName",
	}
	// The same seed as TestConformModel's: a dead-letter queue of a
	// second one, holding a message, a tag and a permission.
	const name = "conform"
	queueURL := srv.URL() + "/" + fake.TestAccountID + "/" + name
	arn := "arn:aws:sqs:us-east-1:" + fake.TestAccountID + ":" + name
	client := sqs.NewFromConfig(srv.Config(""))
	ctx := t.Context()
	c.Prepare = func(string) error {
		srv.Reset()
		if err := srv.CreateQueue(fake.TestAccountID, "us-east-1", name); err != nil {
			return err
		}
		_, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name + "-src"),
			Attributes: map[string]string{"RedrivePolicy": `{"deadLetterTargetArn":"` + arn + `","maxReceiveCount":3}`}})
		if err == nil {
			_, err = client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(queueURL), MessageBody: aws.String("dead")})
		}
		if err == nil {
			_, err = client.TagQueue(ctx, &sqs.TagQueueInput{QueueUrl: aws.String(queueURL), Tags: map[string]string{"team": "conform"}})
		}
		if err == nil {
			_, err = client.AddPermission(ctx, &sqs.AddPermissionInput{QueueUrl: aws.String(queueURL), Label: aws.String("conform-perm"),
				AWSAccountIds: []string{"111122223333"}, Actions: []string{"ReceiveMessage"}})
		}
		return err
	}
	c.Overrides = awsmodel.Values{
		"*.QueueUrl":                                      queueURL,
		"*.QueueName":                                     name,
		"CreateQueue.QueueName":                           "conform-new",
		"SendMessage.MessageBody":                         "hello",
		"GetQueueAttributes.AttributeNames.1":             "QueueArn",
		"SetQueueAttributes.Attributes.All":               awsmodel.Omit,
		"SetQueueAttributes.Attributes.VisibilityTimeout": "45",
		"UntagQueue.TagKeys.1":                            "team",
		"AddPermission.Label":                             "conform-new",
		"AddPermission.AWSAccountIds.1":                   "444455556666",
		"AddPermission.Actions.1":                         "SendMessage",
		"RemovePermission.Label":                          "conform-perm",
	}
	reads := map[string]string{
		"GetQueueUrl":                "<QueueUrl>" + queueURL + "</QueueUrl>",
		"ListQueues":                 "<QueueUrl>" + queueURL + "</QueueUrl>",
		"GetQueueAttributes":         "<Attribute><Name>QueueArn</Name><Value>" + arn + "</Value></Attribute>",
		"ListQueueTags":              "<Key>team</Key><Value>conform</Value>",
		"ListDeadLetterSourceQueues": "<QueueUrl>" + queueURL + "-src</QueueUrl>",
	}
	c.Check = func(r awsmodel.Result) error {
		if !r.Implemented {
			return nil
		}
		if r.Operation == "DeleteMessage" || r.Operation == "ChangeMessageVisibility" {
			if r.Code != "ReceiptHandleIsInvalid" {
				return fmt.Errorf("HTTP %d %s for a made-up receipt handle; want ReceiptHandleIsInvalid", r.Status, r.Code)
			}
			return nil
		}
		if r.Status != http.StatusOK {
			return fmt.Errorf("HTTP %d %s; want 200: %s", r.Status, r.Code, r.Body)
		}
		if !bytes.Contains(r.Body, []byte(`<`+r.Operation+`Response xmlns="http://queue.amazonaws.com/doc/2012-11-05/">`)) ||
			!bytes.Contains(r.Body, []byte("<ResponseMetadata><RequestId>")) {
			return fmt.Errorf("not a query answer:\n%s", r.Body)
		}
		if slices.Contains(sqsWrites, r.Operation) {
			if !r.Changed() {
				return errors.New("succeeded but changed nothing")
			}
			return nil
		}
		if r.Changed() {
			return errors.New("a read changed the state")
		}
		if want := reads[r.Operation]; !bytes.Contains(r.Body, []byte(want)) {
			return fmt.Errorf("answer lacks %s:\n%s", want, r.Body)
		}
		return nil
	}
	results := awsmodel.Conform(t, c)
	if got, want := len(results), len(m.Operations)+len(c.Unknown)-len(c.Skip); got != want {
		t.Errorf("Conform checked %d requests; want %d", got, want)
	}
}

// TestEveryOptionalMemberQuery is TestEveryOptionalMember through the
// query protocol, with the query model's parameter names: each optional
// member of a served operation is either read, or refused by name with
// AWS.SimpleQueueService.UnsupportedOperation leaving the state
// unchanged, exactly as over JSON.
func TestEveryOptionalMemberQuery(t *testing.T) {
	m := loadQueryModel(t)
	const name = "members"
	start := func(t *testing.T, op string) (awsmodel.Case, awsmodel.Values) {
		srv := Start(t)
		if err := srv.CreateQueue(fake.TestAccountID, "us-east-1", name); err != nil {
			t.Fatal(err)
		}
		c := awsmodel.NewCase(t, m, srv, "", srv.digest)
		c.Implemented = func(op string) bool { _, ok := served[op]; return ok }
		c.NotImplementedCodes = []string{"AWS.SimpleQueueService.UnsupportedOperation"}
		return c, awsmodel.Values{
			"*.QueueUrl":              srv.URL() + "/" + fake.TestAccountID + "/" + name,
			"*.QueueName":             name,
			"SendMessage.MessageBody": "hello",
		}
	}
	var ops []string
	for _, op := range slices.Sorted(maps.Keys(served)) {
		if m.Operations[op] != nil {
			ops = append(ops, op)
		}
	}
	refused := 0
	awsmodel.EachOptionalMember(t, m, ops, start, func(t *testing.T, op string, mem awsmodel.Member, r awsmodel.Result) {
		top, _, _ := strings.Cut(mem.Path, ".")
		reads := slices.Contains(served[op], top)
		refusal := r.Code == "AWS.SimpleQueueService.UnsupportedOperation" && strings.Contains(string(r.Body), "with "+top)
		// Today's model declares UnsupportedOperation for every operation;
		// the query model predates that.
		declared := slices.Concat(m.ErrorCodes(op), awsmodel.CommonErrorCodes,
			[]string{"AWS.SimpleQueueService.UnsupportedOperation", "InvalidAttributeName", "InvalidAttributeValue",
				"ReceiptHandleIsInvalid", "InvalidMessageContents"})
		switch {
		case r.Code != "" && !slices.Contains(declared, r.Code):
			t.Errorf("%s (%s)=%q: %s is declared neither for %s nor common: %s", mem.Path, mem.Wire, mem.Value, r.Code, op, r.Body)
		case r.Code != "" && r.Changed():
			t.Errorf("%s=%q: answered %s but changed the state", mem.Wire, mem.Value, r.Code)
		case !reads && !refusal:
			t.Errorf("%s=%q: not read by the fake but not refused by name (HTTP %d %s): %s", mem.Wire, mem.Value, r.Status, r.Code, r.Body)
		case reads && refusal:
			t.Errorf("%s=%q: refused, but the fake claims to read it: %s", mem.Wire, mem.Value, r.Body)
		}
		if refusal {
			refused++
		}
	})
	if refused == 0 {
		t.Error("no member was refused: the served table is not checked")
	}
}
