package sqstest

// SQS's operations as the query protocol (API 2012-11-05) writes them:
// each member's model name, which is its JSON key, beside its query name.
// The model SQS publishes today is JSON only; the query names come from
// its query model (botocore's sqs/2012-11-05 before November 2023, as
// Debian's aws CLI 2.9 ships it), and, for what was added since, from
// the same rules (MessageSystemAttributeName.N, as kombu sends it).
// TestQueryShapes checks this table against both models.
//
// Every list and map of SQS's query model is flattened, so a list's query
// name is its element's name ("AttributeName" gives AttributeName.1,
// AttributeName.2, ...), and a map's is its entry's (Attribute.1.Name,
// Attribute.1.Value).

// qkind is how a shape is written.
type qkind uint8

const (
	qString qkind = iota
	qInt          // integer
	qLong         // long
	qBool         // boolean
	qBlob         // base64 in both protocols
	qList
	qMap
	qStruct
)

// qshape is one shape of the table.
type qshape struct {
	kind   qkind
	fields []qfield // qStruct, in the model's order
	elem   *qshape  // qList's element, qMap's value
	// qMap: the names of an entry's key and value ("Name", "Value").
	key, value string
}

// qfield is one member of a structure.
type qfield struct {
	name  string // the model's member name, the JSON key
	wire  string // the query name: the element's for lists, the entry's for maps
	shape *qshape
}

// qop is an operation's input and output; a nil out is an empty answer.
type qop struct{ in, out *qshape }

var (
	qStr     = &qshape{kind: qString}
	qInteger = &qshape{kind: qInt}
	qLng     = &qshape{kind: qLong}
	qBoolean = &qshape{kind: qBool}
	qBinary  = &qshape{kind: qBlob}
)

// f is a member whose query name is its model name.
func qf(name string, s *qshape) qfield { return qfield{name: name, wire: name, shape: s} }

// fw is a member with its own query name.
func qfw(name, wire string, s *qshape) qfield { return qfield{name: name, wire: wire, shape: s} }

func qst(fields ...qfield) *qshape { return &qshape{kind: qStruct, fields: fields} }
func qlist(elem *qshape) *qshape   { return &qshape{kind: qList, elem: elem} }
func qdict(key, value string, elem *qshape) *qshape {
	return &qshape{kind: qMap, key: key, value: value, elem: elem}
}

var (
	// qAttrValue is MessageAttributeValue and
	// MessageSystemAttributeValue.
	qAttrValue = qst(
		qf("StringValue", qStr),
		qf("BinaryValue", qBinary),
		qfw("StringListValues", "StringListValue", qlist(qStr)),
		qfw("BinaryListValues", "BinaryListValue", qlist(qBinary)),
		qf("DataType", qStr),
	)
	qAttrs      = qdict("Name", "Value", qStr)
	qTags       = qdict("Key", "Value", qStr)
	qMsgAttrs   = qdict("Name", "Value", qAttrValue)
	qBatchError = qst(qf("Id", qStr), qf("SenderFault", qBoolean), qf("Code", qStr), qf("Message", qStr))
	qIDOnly     = qst(qf("Id", qStr))
	qQueueURL   = qf("QueueUrl", qStr)
)

// queryOps are every operation of SQS's API.
var queryOps = map[string]qop{
	"AddPermission": {in: qst(qQueueURL, qf("Label", qStr),
		qfw("AWSAccountIds", "AWSAccountId", qlist(qStr)), qfw("Actions", "ActionName", qlist(qStr)))},
	"CancelMessageMoveTask": {in: qst(qf("TaskHandle", qStr)),
		out: qst(qf("ApproximateNumberOfMessagesMoved", qLng))},
	"ChangeMessageVisibility": {in: qst(qQueueURL, qf("ReceiptHandle", qStr), qf("VisibilityTimeout", qInteger))},
	"ChangeMessageVisibilityBatch": {
		in: qst(qQueueURL, qfw("Entries", "ChangeMessageVisibilityBatchRequestEntry",
			qlist(qst(qf("Id", qStr), qf("ReceiptHandle", qStr), qf("VisibilityTimeout", qInteger))))),
		out: qst(qfw("Successful", "ChangeMessageVisibilityBatchResultEntry", qlist(qIDOnly)),
			qfw("Failed", "BatchResultErrorEntry", qlist(qBatchError))),
	},
	"CreateQueue": {in: qst(qf("QueueName", qStr), qfw("Attributes", "Attribute", qAttrs), qfw("tags", "Tag", qTags)),
		out: qst(qQueueURL)},
	"DeleteMessage": {in: qst(qQueueURL, qf("ReceiptHandle", qStr))},
	"DeleteMessageBatch": {
		in: qst(qQueueURL, qfw("Entries", "DeleteMessageBatchRequestEntry",
			qlist(qst(qf("Id", qStr), qf("ReceiptHandle", qStr))))),
		out: qst(qfw("Successful", "DeleteMessageBatchResultEntry", qlist(qIDOnly)),
			qfw("Failed", "BatchResultErrorEntry", qlist(qBatchError))),
	},
	"DeleteQueue": {in: qst(qQueueURL)},
	"GetQueueAttributes": {in: qst(qQueueURL, qfw("AttributeNames", "AttributeName", qlist(qStr))),
		out: qst(qfw("Attributes", "Attribute", qAttrs))},
	"GetQueueUrl": {in: qst(qf("QueueName", qStr), qf("QueueOwnerAWSAccountId", qStr)), out: qst(qQueueURL)},
	"ListDeadLetterSourceQueues": {in: qst(qQueueURL, qf("NextToken", qStr), qf("MaxResults", qInteger)),
		out: qst(qfw("queueUrls", "QueueUrl", qlist(qStr)), qf("NextToken", qStr))},
	"ListMessageMoveTasks": {in: qst(qf("SourceArn", qStr), qf("MaxResults", qInteger)),
		out: qst(qfw("Results", "ListMessageMoveTasksResultEntry", qlist(qst(
			qf("TaskHandle", qStr), qf("Status", qStr), qf("SourceArn", qStr), qf("DestinationArn", qStr),
			qf("MaxNumberOfMessagesPerSecond", qInteger), qf("ApproximateNumberOfMessagesMoved", qLng),
			qf("ApproximateNumberOfMessagesToMove", qLng), qf("FailureReason", qStr), qf("StartedTimestamp", qLng)))))},
	"ListQueueTags": {in: qst(qQueueURL), out: qst(qfw("Tags", "Tag", qTags))},
	"ListQueues": {in: qst(qf("QueueNamePrefix", qStr), qf("NextToken", qStr), qf("MaxResults", qInteger)),
		out: qst(qfw("QueueUrls", "QueueUrl", qlist(qStr)), qf("NextToken", qStr))},
	"PurgeQueue": {in: qst(qQueueURL)},
	"ReceiveMessage": {
		in: qst(qQueueURL, qfw("AttributeNames", "AttributeName", qlist(qStr)),
			qfw("MessageSystemAttributeNames", "MessageSystemAttributeName", qlist(qStr)),
			qfw("MessageAttributeNames", "MessageAttributeName", qlist(qStr)),
			qf("MaxNumberOfMessages", qInteger), qf("VisibilityTimeout", qInteger), qf("WaitTimeSeconds", qInteger),
			qf("ReceiveRequestAttemptId", qStr)),
		out: qst(qfw("Messages", "Message", qlist(qst(
			qf("MessageId", qStr), qf("ReceiptHandle", qStr), qf("MD5OfBody", qStr), qf("Body", qStr),
			qfw("Attributes", "Attribute", qAttrs), qf("MD5OfMessageAttributes", qStr),
			qfw("MessageAttributes", "MessageAttribute", qMsgAttrs))))),
	},
	"RemovePermission": {in: qst(qQueueURL, qf("Label", qStr))},
	"SendMessage": {
		in: qst(qQueueURL, qf("MessageBody", qStr), qf("DelaySeconds", qInteger),
			qfw("MessageAttributes", "MessageAttribute", qMsgAttrs),
			qfw("MessageSystemAttributes", "MessageSystemAttribute", qMsgAttrs),
			qf("MessageDeduplicationId", qStr), qf("MessageGroupId", qStr)),
		out: qst(qf("MD5OfMessageBody", qStr), qf("MD5OfMessageAttributes", qStr), qf("MD5OfMessageSystemAttributes", qStr),
			qf("MessageId", qStr), qf("SequenceNumber", qStr)),
	},
	"SendMessageBatch": {
		in: qst(qQueueURL, qfw("Entries", "SendMessageBatchRequestEntry", qlist(qst(
			qf("Id", qStr), qf("MessageBody", qStr), qf("DelaySeconds", qInteger),
			qfw("MessageAttributes", "MessageAttribute", qMsgAttrs),
			qfw("MessageSystemAttributes", "MessageSystemAttribute", qMsgAttrs),
			qf("MessageDeduplicationId", qStr), qf("MessageGroupId", qStr))))),
		out: qst(qfw("Successful", "SendMessageBatchResultEntry", qlist(qst(
			qf("Id", qStr), qf("MessageId", qStr), qf("MD5OfMessageBody", qStr), qf("MD5OfMessageAttributes", qStr),
			qf("MD5OfMessageSystemAttributes", qStr), qf("SequenceNumber", qStr)))),
			qfw("Failed", "BatchResultErrorEntry", qlist(qBatchError))),
	},
	"SetQueueAttributes": {in: qst(qQueueURL, qfw("Attributes", "Attribute", qAttrs))},
	"StartMessageMoveTask": {in: qst(qf("SourceArn", qStr), qf("DestinationArn", qStr), qf("MaxNumberOfMessagesPerSecond", qInteger)),
		out: qst(qf("TaskHandle", qStr))},
	"TagQueue":   {in: qst(qQueueURL, qfw("Tags", "Tag", qTags))},
	"UntagQueue": {in: qst(qQueueURL, qfw("TagKeys", "TagKey", qlist(qStr)))},
}
