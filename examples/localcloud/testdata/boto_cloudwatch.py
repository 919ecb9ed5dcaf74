"""The seed's five-minute CloudWatch how-to with boto 2, against the local
cloud: list an instance's metrics, pick CPUUtilization(InstanceId=...),
query the last hour's average in percent at a 60-second period; then put
a custom metric and read its statistics back. Prints what boto decoded as
JSON.

boto 2 reaches the local cloud as an HTTP proxy with CloudWatch's own host
name, so it signs (SigV4, Query protocol) as it would for AWS.

Usage: boto_cloudwatch.py PORT INSTANCE_ID. Credentials come from
AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
"""
import datetime
import json
import os
import sys
import warnings

warnings.simplefilter("ignore")  # boto 2 predates Python 3.11

from boto.ec2.cloudwatch import CloudWatchConnection  # noqa: E402
from boto.exception import BotoServerError  # noqa: E402
from boto.regioninfo import RegionInfo  # noqa: E402


def main():
    port, instance_id = int(sys.argv[1]), sys.argv[2]
    region = os.environ["AWS_DEFAULT_REGION"]
    c = CloudWatchConnection(
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        is_secure=False, proxy="127.0.0.1", proxy_port=port,
        region=RegionInfo(name=region, endpoint="monitoring.%s.amazonaws.com" % region))

    metrics = c.list_metrics(dimensions={"InstanceId": instance_id})
    names = sorted(m.name for m in metrics)
    cpu = [m for m in metrics if m.name == "CPUUtilization"][0]
    end = datetime.datetime.utcnow().replace(second=0, microsecond=0)
    start = end - datetime.timedelta(hours=1)
    points = cpu.query(start, end, "Average", "Percent", period=60)

    c.put_metric_data("Shop", "Checkout", value=[10, 20, 60], unit="Milliseconds",
                      dimensions={"Store": "north"}, timestamp=end - datetime.timedelta(minutes=5))
    stats = c.get_metric_statistics(3600, start, end, "Checkout", "Shop",
                                     ["Sum", "SampleCount", "Maximum"], dimensions={"Store": "north"})
    try:
        c.put_metric_data("AWS/EC2", "Mine", value=1)
        refused = ""
    except BotoServerError as e:
        refused = e.error_code

    json.dump({
        "metrics": names,
        "cpu_points": len(points),
        "cpu_units": sorted(set(p["Unit"] for p in points)),
        "cpu_in_range": all(0 <= p["Average"] <= 100 for p in points),
        "custom": [{"sum": p["Sum"], "count": p["SampleCount"], "max": p["Maximum"]} for p in stats],
        "refused": refused,
    }, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
