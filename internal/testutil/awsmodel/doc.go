// Package awsmodel drives goboto's fakes from AWS's own API models, so a
// test can show that a fake answers every operation AWS defines either as
// its doc says or with AWS's refusal, and never with a silent change. Only
// tests import it.
//
// # The models
//
// The models are botocore's service-2.json files, kept outside the
// repository in ../shared/aws-models/<service>/ (CI checks shared/ out
// beside the clone). Dir finds them from the working directory: the
// directory holding go.mod, then shared/aws-models beside it or beside
// any directory above it (so a worktree nested under the main checkout
// finds them), or $GOBOTO_AWS_MODELS. LoadOrSkip skips the test when they
// are absent.
//
// # Requests
//
// Model.Request builds an operation's minimal well-formed request for the
// model's Protocol (query, ec2, rest-xml, json; set Model.Protocol to
// choose among Metadata.Protocols): required members only, with
// placeholders that satisfy enum, min, max and simple patterns. Values
// points members at real resources and sets optional ones, by model
// member names: "PutAttributes.DomainName", "BatchPutAttributes.Items.1.Name",
// "*.DomainName" for every operation with that member, Omit to drop one.
// SignV4 (aws-sdk-go-v2's signer) and SignV2 (internal/sigv2, SimpleDB)
// sign the result.
//
// # Conform
//
// Conform sends every operation, each preceded by Case.Prepare and
// bracketed by Case.Digest, and fails the test when
//
//   - an operation the fake implements answers anything but 2xx or an
//     error the model (or Case.OperationErrors) declares for it;
//   - an operation it does not implement, or an action the model does not
//     have (Case.Unknown), answers anything but Case.NotImplementedCodes,
//     or changes the digest;
//   - any error answer changes the digest;
//   - any error code is declared neither for that operation, nor in
//     CommonErrorCodes (AWS's "Common Errors" pages), nor in
//     Case.ExtraErrorCodes (the service's own documented list).
//
// Case.Check adds service checks on each Result (a write changed the
// state, a read answers the seeded item). Case.Seed returns Values for
// one operation (the IDs of what it just made), and Case.Only limits a
// run to some operations, so a test can give each operation a fresh fake.
//
// # Optional members
//
// Model.OptionalMembers lists the scalars an operation's minimal request
// leaves out, each with its Values path and, for query and ec2, its wire
// name (WireTemplate turns list indexes into "N"). A test sets each in
// turn to check that a fake honours every member it accepts and refuses
// the others by name, never dropping one.
//
// # Plugging in a fake
//
// A fake needs an unexported digest of its whole state (every account and
// region, sorted, hashed), so the test lives in the fake's own package:
//
//	func TestConformModel(t *testing.T) {
//		srv := ec2test.Start(t)
//		m := awsmodel.LoadOrSkip(t, "ec2")
//		creds, _ := srv.Config("").Credentials.Retrieve(t.Context())
//		awsmodel.Conform(t, awsmodel.Case{
//			Model:    m,
//			Endpoint: srv.URL(),
//			Sign:     awsmodel.SignV4(creds, "us-east-1", m.Metadata.Signing(), nil),
//			Send:     srv.Fake().HTTPClient().Do,
//			Digest:   srv.digest,
//			Prepare:  func(op string) error { srv.Reset(); return seed(srv) },
//			Implemented: func(op string) bool { return ec2Actions[op] != nil },
//			// EC2 API Reference, "Error codes for the Amazon EC2 API":
//			// UnsupportedOperation for EC2's actions it does not serve,
//			// InvalidAction for actions EC2 does not have.
//			NotImplementedCodes: []string{"UnsupportedOperation", "InvalidAction"},
//			ExtraErrorCodes:     ec2ErrorCodes,
//			Overrides: awsmodel.Values{"*.VolumeId": "vol-1", "*.InstanceId": "i-1"},
//			Unknown:   []string{"DescribeNothing"},
//		})
//	}
//
// Per service:
//
//   - ec2test: protocol ec2, SigV4 "ec2". The model declares no errors
//     per operation, so the EC2 error-code page goes in ExtraErrorCodes and
//     the codes each implemented action may answer in OperationErrors.
//   - rdstest: protocol query, SigV4 "rds"; the model declares faults per
//     operation (their error.code is what is sent, DBInstanceNotFound for
//     DBInstanceNotFoundFault), and ErrorCodes includes both names.
//   - s3test: protocol rest-xml, SigV4 "s3"; NotImplementedCodes
//     {"NotImplemented"}, S3's "Error responses" list in ExtraErrorCodes,
//     Overrides {"*.Bucket": ..., "*.Key": ...}. Unknown does not apply
//     (rest-xml has no action names); send unknown sub-resources in a
//     separate test. HEAD errors carry no body: set Case.ErrorCode to map
//     the status (404 to NotFound).
//   - sqs (json, awsQueryCompatible): ErrorCode checks __type, the
//     model's shape name (QueueDoesNotExist); check the legacy code in
//     x-amzn-query-error (AWS.SimpleQueueService.NonExistentQueue) with
//     Case.Check. NotImplementedCodes {"UnknownOperationException"} for
//     JSON; run again with Model.Protocol = "query" and {"InvalidAction"},
//     adding the legacy codes of SQS's "Common errors" to ExtraErrorCodes.
//   - cloudfront: rest-xml with a dated path; as s3test.
//   - cloudwatch: set Model.Protocol to "json" or "query" (smithy-rpc-v2-cbor
//     is not built yet) and run once per protocol the fake accepts.
//   - autoscaling: query, as rdstest.
//
// sdb/sdbtest's conform_test.go is the worked example; ec2test, rdstest
// and s3test's conform_test.go give each implemented operation a freshly
// seeded fake (Only), and their params_model_test.go (ec2test, rdstest,
// sdbtest) set each optional member in turn.
package awsmodel
