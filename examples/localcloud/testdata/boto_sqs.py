"""Drives SQS on the local cloud with boto 2, and prints what boto
decoded as JSON.

boto 2.49 speaks SQS's query protocol, signs it with Signature Version 4
for service "sqs" in the connection's region, and sends every queue
operation to the queue's own path (/<account>/<name>, from the queue URL)
rather than naming it in QueueUrl. boto.sqs.connect_to_region finds its
endpoint in boto's endpoint table, which BOTO_ENDPOINTS extends: here it
points us-east-1 at 127.0.0.1.

Usage: boto_sqs.py PORT. Credentials come from AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY.
"""
import json
import os
import sys
import warnings

warnings.simplefilter("ignore")  # boto 2 predates Python 3.11


def main():
    port = int(sys.argv[1])
    with open("endpoints.json", "w") as f:
        json.dump({"sqs": {"us-east-1": "127.0.0.1"}}, f)
    os.environ["BOTO_ENDPOINTS"] = os.path.abspath("endpoints.json")

    import boto.sqs  # noqa: E402
    from boto.exception import SQSError  # noqa: E402
    from boto.sqs.message import Message, RawMessage  # noqa: E402
    from boto.sqs.queue import Queue  # noqa: E402

    conn = boto.sqs.connect_to_region("us-east-1", is_secure=False, port=port)
    out = {"host": conn.host}
    q = conn.create_queue("boto-q", visibility_timeout=40)
    out["url"] = q.url
    out["visibility_timeout"] = q.get_timeout()

    raw = RawMessage()
    raw.set_body("raw <body> & more")
    raw.message_attributes = {
        "color": {"data_type": "String", "string_value": "red"},
        "count": {"data_type": "Number", "string_value": "42"},
    }
    q.set_message_class(RawMessage)
    written = q.write(raw)
    out["written_id"] = written.id
    out["written_md5"] = written.md5
    out["written_attr_md5"] = written.md5_message_attributes
    out["count_after_write"] = q.count()

    got = q.read(wait_time_seconds=1, message_attributes=["All"])
    out["read"] = {
        "id": got.id,
        "body": got.get_body(),
        "md5": got.md5,
        "attr_md5": got.md5_message_attributes,
        "attributes": got.message_attributes,
        "receipt": bool(got.receipt_handle),
    }
    out["count_in_flight"] = int(q.get_attributes("ApproximateNumberOfMessagesNotVisible")["ApproximateNumberOfMessagesNotVisible"])
    out["deleted"] = q.delete_message(got)
    out["count_after_delete"] = q.count()

    # boto's default Message class writes and reads base64 bodies.
    q.set_message_class(Message)
    q.write(Message(body="encoded body \u00e9"))
    decoded = q.read(wait_time_seconds=1)
    out["decoded"] = decoded.get_body()
    out["decoded_deleted"] = q.delete_message(decoded)
    out["empty_read"] = q.read(wait_time_seconds=1) is None

    q.write(Message(body="to purge"))
    out["purged"] = q.purge()
    out["count_after_purge"] = q.count()

    out["queues"] = sorted(x.name for x in conn.get_all_queues(prefix="boto-"))
    out["lookup_missing"] = conn.get_queue("boto-missing") is None
    missing = Queue(conn, q.url.replace("boto-q", "boto-missing"))
    try:
        missing.count()
        out["missing_error"] = None
    except SQSError as e:
        out["missing_error"] = {"status": e.status, "code": e.error_code}
    out["deleted_queue"] = conn.delete_queue(q)
    out["queues_after_delete"] = sorted(x.name for x in conn.get_all_queues(prefix="boto-"))
    json.dump(out, sys.stdout)


main()
