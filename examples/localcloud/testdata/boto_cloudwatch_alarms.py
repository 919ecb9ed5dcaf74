"""boto 2's alarm API against the local cloud: a MetricAlarm with boto's
">=" shorthand put with put_metric_alarm, one with a 45-second period
refused, describe_alarms by prefix and by state, set_alarm_state with
reason data, describe_alarm_history, describe_alarms_for_metric, and
delete_alarms naming one alarm that does not exist. Prints what boto
decoded as JSON.

boto 2 reaches the local cloud as an HTTP proxy with CloudWatch's own host
name, so it signs (SigV4, Query protocol) as it would for AWS.

Usage: boto_cloudwatch_alarms.py PORT INSTANCE_ID POLICY_ARN. Credentials
come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
"""
import json
import os
import sys
import warnings

warnings.simplefilter("ignore")  # boto 2 predates Python 3.11

from boto.ec2.cloudwatch import CloudWatchConnection  # noqa: E402
from boto.ec2.cloudwatch.alarm import MetricAlarm  # noqa: E402
from boto.exception import BotoServerError  # noqa: E402
from boto.regioninfo import RegionInfo  # noqa: E402


def shown(a):
    return {
        "name": a.name, "metric": a.metric, "namespace": a.namespace, "statistic": a.statistic,
        "comparison": a.comparison, "threshold": a.threshold, "period": a.period,
        "evaluation_periods": a.evaluation_periods, "unit": a.unit, "state": a.state_value,
        "dimensions": dict(a.dimensions), "alarm_actions": list(a.alarm_actions),
    }


def error_code(fn):
    try:
        fn()
    except BotoServerError as e:
        return e.error_code
    return ""


def main():
    port, instance_id, policy = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    region = os.environ["AWS_DEFAULT_REGION"]
    c = CloudWatchConnection(
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        is_secure=False, proxy="127.0.0.1", proxy_port=port,
        region=RegionInfo(name=region, endpoint="monitoring.%s.amazonaws.com" % region))

    def alarm(name, period):
        return MetricAlarm(name=name, metric="CPUUtilization", namespace="AWS/EC2", statistic="Average",
                           comparison=">=", threshold=90, period=period, evaluation_periods=2, unit="Percent",
                           description="boto 2", dimensions={"InstanceId": instance_id}, alarm_actions=[policy])

    put = c.put_metric_alarm(alarm("boto-cpu-high", 60))
    c.create_alarm(alarm("boto-cpu-higher", 300))
    refused = error_code(lambda: c.put_metric_alarm(alarm("boto-cpu-odd", 45)))

    by_prefix = [shown(a) for a in c.describe_alarms(alarm_name_prefix="boto-")]
    c.set_alarm_state("boto-cpu-high", "testing from boto", "ALARM", state_reason_data={"by": "boto"})
    in_alarm = [a.name for a in c.describe_alarms(state_value="ALARM")]
    history = [(h.tem_type, h.summary) for h in c.describe_alarm_history("boto-cpu-high")]
    for_metric = sorted(a.name for a in c.describe_alarms_for_metric(
        "CPUUtilization", "AWS/EC2", dimensions={"InstanceId": instance_id}))
    unknown = error_code(lambda: c.delete_alarms(["boto-cpu-high", "boto-nope"]))
    left = [a.name for a in c.describe_alarms(alarm_name_prefix="boto-")]

    json.dump({
        "put": put, "refused": refused, "by_prefix": by_prefix, "in_alarm": in_alarm,
        "history": sorted(history), "for_metric": for_metric, "delete_unknown": unknown, "left": left,
    }, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
