"""boto 2's scaling policies and scheduled actions against the local
cloud, as its AutoScale tutorial uses them on the group "web" the test
made: scale-up and scale-down policies (create_scaling_policy,
get_all_policies), one executed (execute_policy), a recurring scheduled
action (create_scheduled_group_action, get_all_scheduled_actions), then
both deleted. Prints what boto decoded as JSON.

boto 2 reaches the local cloud as an HTTP proxy with AutoScaling's own
host name, so it signs (SigV4, Query protocol) as it would for AWS.

Usage: boto_autoscale_policy.py PORT. Credentials come from
AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
"""
import json
import os
import sys
import warnings

warnings.simplefilter("ignore")  # boto 2 predates Python 3.11

from boto.ec2.autoscale import AutoScaleConnection  # noqa: E402
from boto.ec2.autoscale import ScalingPolicy  # noqa: E402
from boto.exception import BotoServerError  # noqa: E402
from boto.regioninfo import RegionInfo  # noqa: E402


def main():
    port = int(sys.argv[1])
    region = os.environ["AWS_DEFAULT_REGION"]
    c = AutoScaleConnection(
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        is_secure=False, proxy="127.0.0.1", proxy_port=port,
        region=RegionInfo(name=region, endpoint="autoscaling.%s.amazonaws.com" % region))

    c.create_scaling_policy(ScalingPolicy(name="scale-up", adjustment_type="ChangeInCapacity",
                                          as_name="web", scaling_adjustment=1, cooldown=180))
    c.create_scaling_policy(ScalingPolicy(name="scale-down", adjustment_type="PercentChangeInCapacity",
                                          as_name="web", scaling_adjustment=-50, min_adjustment_step=1))
    policies = c.get_all_policies(as_group="web")
    c.execute_policy("scale-up", as_group="web", honor_cooldown=0)
    desired = c.get_all_groups(names=["web"])[0].desired_capacity

    c.create_scheduled_group_action("web", "nightly", recurrence="0 22 * * *",
                                    desired_capacity=1, min_size=1, max_size=2)
    actions = c.get_all_scheduled_actions(as_group="web")
    refused = ""
    try:
        c.create_scheduled_group_action("web", "bad", recurrence="0 22 * *", desired_capacity=1)
    except BotoServerError as e:
        refused = e.error_code
    c.delete_scheduled_action("nightly", autoscale_group="web")
    c.delete_policy("scale-down", autoscale_group="web")
    left = [p.name for p in c.get_all_policies(as_group="web")]

    print(json.dumps({
        "policies": sorted([{"name": p.name, "adjustment_type": p.adjustment_type,
                             "scaling_adjustment": int(p.scaling_adjustment),
                             "cooldown": int(p.cooldown) if p.cooldown else None,
                             "min_adjustment_step": int(p.min_adjustment_step) if p.min_adjustment_step else None,
                             "arn": p.policy_arn} for p in policies], key=lambda p: p["name"]),
        "desired": desired,
        "actions": [{"name": a.name, "recurrence": a.recurrence, "desired": int(a.desired_capacity),
                     "min": int(a.min_size), "max": int(a.max_size)} for a in actions],
        "refused": refused,
        "left": left,
    }))


if __name__ == "__main__":
    main()
