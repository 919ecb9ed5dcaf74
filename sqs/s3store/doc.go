// Package s3store keeps SQS data in S3 through goboto's s3 package: the
// bodies of messages too big for SQS (Bodies, a sqs.BodyStore for
// Queue.WithOffload) and queue dumps (Archive, a sqs.Archive for
// Queue.Dump and Queue.Restore). It is a package of its own so that
// importing sqs does not compile the S3 client: only programs that
// import s3store do.
//
//	bucket := s3.New(cfg).Bucket("my-bucket")
//	big := q.WithOffload(sqs.Offload{Store: s3store.Bodies(bucket, "sqs-bodies/")})
//	_, err := big.Send(ctx, tenMegabytes)
//
//	res, err := q.Dump(ctx, s3store.Archive(bucket, "dumps/work"), sqs.DumpOptions{Drain: true})
//	_, err = q.Restore(ctx, s3store.Archive(bucket, "dumps/work/"))  // the same prefix
//
// # The pointer format
//
// An offloaded body is the object <prefix><UUID v4> in the bucket, and
// the message SQS carries in its place is the pointer of AWS's Extended
// Client Libraries (amazon-sqs-java-extended-client-lib and its Python
// and .NET ports), a JSON array of the pointer's class name and the
// object's location:
//
//	["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"my-bucket","s3Key":"sqs-bodies/1b4e28ba-2fa1-4d3b-883f-0016d3cca427"}]
//
// with the Number message attribute sqs.OffloadAttribute
// ("ExtendedPayloadSize") holding the body's size in bytes. So a Java or
// Python consumer using those libraries reads what goboto offloads, and
// goboto reads theirs. Bodies reads only pointers into its own bucket:
// a pointer naming another bucket is refused rather than followed, so
// that whoever can send to the queue cannot make its consumers read (or,
// on delete, remove) other objects.
//
// # Failed sends
//
// The object is written before the message is sent. If SQS refuses the
// send on every attempt (a 4xx answer), the object is deleted again. If
// the send fails any other way (no answer, a timeout, a cancelled
// context, a 5xx after the retries), SQS may hold a message pointing at
// the object, so it is kept, and the error is an *sqs.OffloadError of
// Op "send" (in each failure of a SendBatch's *sqs.BatchError) whose
// Pointer names it:
//
//	var oe *sqs.OffloadError
//	if errors.As(err, &oe) && oe.Op == "send" {
//		p, _ := s3store.ParsePointer(oe.Pointer) // p.Bucket, p.Key: the object kept
//	}
//
// A bucket lifecycle rule expiring the prefix after longer than the
// queue's retention period removes such objects once no message can
// point at them.
//
// # Dumps
//
// Archive keeps each record as the object <prefix><name>; a prefix that
// does not end in "/" gets one, so "dumps/work" and "dumps/work/" name
// the same archive (boto's save_to_s3 and load_from_s3 disagreed on
// this, and a dump could not be loaded back). Listing uses "/" as the
// delimiter, so archives under "dumps/work/" and "dumps/work/old/" stay
// apart.
package s3store
