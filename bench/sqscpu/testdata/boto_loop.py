"""boto 2's side of bench/sqscpu: creates a queue on the local cloud and
sends, reads and deletes COUNT messages one at a time.

With BATCH "true", ten at a time: write_batch, get_messages(10) and
delete_message_batch.

Usage: boto_loop.py PORT QUEUE COUNT BATCH. Credentials come from
AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
"""
import json
import os
import sys
import warnings

warnings.simplefilter("ignore")  # boto 2 predates Python 3.11

BODY = ("goboto-sqs-bench " * 6)[:100]


def main():
    port, name, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    batch = sys.argv[4] == "true"
    with open("endpoints.json", "w") as f:
        json.dump({"sqs": {"us-east-1": "127.0.0.1"}}, f)
    os.environ["BOTO_ENDPOINTS"] = os.path.abspath("endpoints.json")
    import boto.sqs  # noqa: E402
    from boto.sqs.message import RawMessage  # noqa: E402

    conn = boto.sqs.connect_to_region("us-east-1", is_secure=False, port=port)
    q = conn.create_queue(name)
    q.set_message_class(RawMessage)
    if batch:
        for _ in range(count // 10):
            sent = q.write_batch([(str(i), BODY, 0) for i in range(10)])
            if len(sent.results) != 10:
                sys.exit("write_batch: %d of 10 sent" % len(sent.results))
            got = 0
            while got < 10:
                msgs = q.get_messages(10)
                if not msgs:
                    sys.exit("received %d of 10 messages" % got)
                q.delete_message_batch(msgs)
                got += len(msgs)
        return
    for _ in range(count):
        m = RawMessage()
        m.set_body(BODY)
        q.write(m)
        got = q.read()
        if got is None or got.get_body() != BODY:
            sys.exit("no message read back")
        q.delete_message(got)


main()
