"""One Python client's side of bench/clients: runs a workload against the
local cloud with boto 2 or boto3 and prints its own CPU and wall time over
the measured calls, as JSON, the way the Go worker does.

Usage: bench.py LIB WORKLOAD N [BIGFILE] [QUEUEURL]
LIB is boto2 (run it with /usr/bin/python3) or boto3 (the pyenv python3).
The endpoint comes from GOBOTO_BENCH_ENDPOINT, credentials and region from
the usual AWS_* variables.
"""
import io
import json
import os
import resource
import sys
import time
import warnings
from urllib.parse import urlparse

warnings.simplefilter("ignore")  # boto 2 predates Python 3.11

ENDPOINT = os.environ["GOBOTO_BENCH_ENDPOINT"]
PORT = urlparse(ENDPOINT).port
REGION = os.environ["AWS_DEFAULT_REGION"]
KEYS = dict(aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"])
DOMAIN, BUCKET, SMALL, GROUP = "bench", "bench", "small", "default.mysql8.0"
SMALL_SIZE = 4 << 10
# cw-put: one PutMetricData of CW_DATA latencies from as many hosts, built
# afresh each call, no timestamp (bench/clients/cloudwatch.go).
CW_NAMESPACE, CW_DATA = "Bench", 20


class Skip(Exception):
    pass


def boto2(workload, big, queue_url):
    # boto 2 reaches the local cloud as an HTTP proxy, with AWS's own host
    # names, so it signs every service as it would for AWS.
    proxy = dict(is_secure=False, proxy="127.0.0.1", proxy_port=PORT, **KEYS)
    if workload.startswith("sdb"):
        from boto.sdb.connection import SDBConnection
        from boto.sdb.regioninfo import SDBRegionInfo
        conn = SDBConnection(region=SDBRegionInfo(name=REGION, endpoint="sdb.amazonaws.com"), **proxy)
        dom = conn.get_domain(DOMAIN, validate=False)
        if workload == "sdb-put":
            return lambda i: dom.put_attributes("put%d" % i, {"a": "1", "b": "two", "c": str(i)}, replace=True)
        return lambda i: list(dom.select("select * from `bench` where `year` > '1960' limit 10"))
    if workload == "ec2-describe":
        from boto.ec2.connection import EC2Connection
        from boto.ec2.regioninfo import RegionInfo
        conn = EC2Connection(region=RegionInfo(name=REGION, endpoint="ec2.%s.amazonaws.com" % REGION), **proxy)
        return lambda i: conn.get_all_reservations()
    if workload.startswith("s3"):
        os.environ["S3_USE_SIGV4"] = "True"
        from boto.s3.connection import OrdinaryCallingFormat, S3Connection
        conn = S3Connection(host="127.0.0.1", port=PORT, is_secure=False,
                            calling_format=OrdinaryCallingFormat(), **KEYS)
        conn.auth_region_name = REGION
        conn.auth_service_name = "s3"
        bucket = conn.get_bucket(BUCKET, validate=False)
        if workload == "s3-put":
            body = b"\0" * SMALL_SIZE
            return lambda i: bucket.new_key("put").set_contents_from_string(body) or SMALL_SIZE
        if workload == "s3-get":
            return lambda i: len(bucket.get_key(SMALL).get_contents_as_string())
        def big_round_trip(i):
            key = bucket.new_key("big")
            key.set_contents_from_filename(big)
            out = big + ".boto2"
            bucket.get_key("big").get_contents_to_filename(out)
            n = os.path.getsize(out)
            os.remove(out)
            return 2 * n
        return big_round_trip
    if workload == "rds-params":
        from boto.rds import RDSConnection
        from boto.regioninfo import RegionInfo
        conn = RDSConnection(region=RegionInfo(name=REGION, endpoint="rds.%s.amazonaws.com" % REGION), **proxy)
        def load(i):
            marker, n = None, 0
            while True:
                pg = conn.get_all_dbparameters(GROUP, marker=marker)
                n += len(pg)
                marker = getattr(pg, "Marker", None)
                if not marker:
                    return 0
        return load
    if workload == "sqs":
        from boto.sqs.connection import SQSConnection
        from boto.sqs.regioninfo import SQSRegionInfo
        conn = SQSConnection(region=SQSRegionInfo(name=REGION, endpoint="queue.amazonaws.com"), **proxy)
        q = conn.get_queue("bench")
        if q is None:
            raise RuntimeError("boto 2 found no queue named bench")
        def send_receive(i):
            q.write(q.new_message("message %d" % i))
            for m in q.get_messages(1):
                q.delete_message(m)
            return 0
        return send_receive
    if workload == "cw-put":
        from boto.ec2.cloudwatch import CloudWatchConnection
        from boto.regioninfo import RegionInfo
        conn = CloudWatchConnection(region=RegionInfo(name=REGION, endpoint="monitoring.%s.amazonaws.com" % REGION), **proxy)
        # boto 2 takes parallel lists, one entry a datum.
        def put(i):
            conn.put_metric_data(CW_NAMESPACE, ["Latency"] * CW_DATA,
                                 value=[float(i * CW_DATA + j) for j in range(CW_DATA)],
                                 unit=["Milliseconds"] * CW_DATA,
                                 dimensions=[{"Host": "web-%d" % j, "Zone": "a"} for j in range(CW_DATA)])
            return 0
        return put
    raise Skip("no boto 2 call for " + workload)


def boto3_client(workload, big, queue_url):
    import boto3
    from botocore.config import Config
    session = boto3.session.Session(region_name=REGION, **KEYS)
    def client(name, **kw):
        return session.client(name, endpoint_url=ENDPOINT, **kw)
    if workload.startswith("sdb"):
        sdb = client("sdb")
        if workload == "sdb-put":
            return lambda i: sdb.put_attributes(DomainName=DOMAIN, ItemName="put%d" % i, Attributes=[
                {"Name": "a", "Value": "1", "Replace": True}, {"Name": "b", "Value": "two", "Replace": True},
                {"Name": "c", "Value": str(i), "Replace": True}])
        # Every page, as goboto's iterator, boto 2's ResultSet and the aws
        # CLI read them.
        pages = sdb.get_paginator("select")
        return lambda i: [p for p in pages.paginate(SelectExpression="select * from `bench` where `year` > '1960' limit 10")]
    if workload == "ec2-describe":
        ec2 = client("ec2")
        pages = ec2.get_paginator("describe_instances")
        return lambda i: [p for p in pages.paginate()]
    if workload.startswith("s3"):
        s3 = client("s3", config=Config(s3={"addressing_style": "path"}))
        if workload == "s3-put":
            body = b"\0" * SMALL_SIZE
            return lambda i: s3.put_object(Bucket=BUCKET, Key="put", Body=body) and SMALL_SIZE
        if workload == "s3-get":
            return lambda i: len(s3.get_object(Bucket=BUCKET, Key=SMALL)["Body"].read())
        def big_round_trip(i):
            s3.upload_file(big, BUCKET, "big")
            out = big + ".boto3"
            s3.download_file(BUCKET, "big", out)
            n = os.path.getsize(out)
            os.remove(out)
            return 2 * n
        return big_round_trip
    if workload == "rds-params":
        rds = client("rds")
        pages = rds.get_paginator("describe_db_parameters")
        return lambda i: [p for p in pages.paginate(DBParameterGroupName=GROUP)]
    if workload == "sqs":
        sqs = client("sqs")
        def send_receive(i):
            sqs.send_message(QueueUrl=queue_url, MessageBody="message %d" % i)
            for m in sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=1).get("Messages", []):
                sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=m["ReceiptHandle"])
            return 0
        return send_receive
    if workload == "cw-put":
        cw = client("cloudwatch")
        def put(i):
            cw.put_metric_data(Namespace=CW_NAMESPACE, MetricData=[
                {"MetricName": "Latency", "Dimensions": [{"Name": "Host", "Value": "web-%d" % j}, {"Name": "Zone", "Value": "a"}],
                 "Value": float(i * CW_DATA + j), "Unit": "Milliseconds"} for j in range(CW_DATA)])
            return 0
        return put
    raise Skip("no boto3 call for " + workload)


def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main():
    lib, workload, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    big = sys.argv[4] if len(sys.argv) > 4 else ""
    queue_url = sys.argv[5] if len(sys.argv) > 5 else ""
    try:
        call = (boto2 if lib == "boto2" else boto3_client)(workload, big, queue_url)
    except Skip as e:
        json.dump({"skip": str(e)}, sys.stdout)
        return
    if workload != "s3-big":
        for i in range(min(n // 10 + 1, 10)):
            call(-1 - i)
    c0, w0, total = cpu(), time.monotonic(), 0
    for i in range(n):
        r = call(i)
        if isinstance(r, int):
            total += r
    json.dump({"calls": n, "cpu": cpu() - c0, "wall": time.monotonic() - w0, "bytes": total}, sys.stdout)


if __name__ == "__main__":
    main()
