"""boto 2's Auto Scaling tutorial against the local cloud: a launch
configuration, a group across two zones with a tag that propagates,
instances that come into service, a resize, boto's shutdown_instances()
and delete(). Prints what boto decoded as JSON.

boto 2 reaches the local cloud as an HTTP proxy with Auto Scaling's own
host name, so it signs (Query protocol, API 2011-01-01) as it would for
AWS.

Usage: boto_autoscale.py PORT IMAGE_ID ZONE1 ZONE2. Credentials come from
AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
"""
import json
import os
import sys
import time
import warnings

warnings.simplefilter("ignore")  # boto 2 predates Python 3.11

from boto.ec2.autoscale import AutoScaleConnection  # noqa: E402
from boto.ec2.autoscale import AutoScalingGroup, LaunchConfiguration, Tag  # noqa: E402
from boto.exception import BotoServerError  # noqa: E402
from boto.regioninfo import RegionInfo  # noqa: E402


def wait(c, name, pred):
    for _ in range(100):
        g = c.get_all_groups(names=[name])
        if not g or pred(g[0]):
            return g
        time.sleep(0.2)
    raise SystemExit("timed out waiting for " + name)


def main():
    port, image, zones = int(sys.argv[1]), sys.argv[2], sys.argv[3:5]
    region = os.environ["AWS_DEFAULT_REGION"]
    c = AutoScaleConnection(
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        is_secure=False, proxy="127.0.0.1", proxy_port=port,
        region=RegionInfo(name=region, endpoint="autoscaling.%s.amazonaws.com" % region))

    lc = LaunchConfiguration(name="my-launch-config", image_id=image, instance_type="t3.micro")
    c.create_launch_configuration(lc)
    try:
        c.create_launch_configuration(lc)
        again = ""
    except BotoServerError as e:
        again = e.error_code
    ag = AutoScalingGroup(group_name="my-group", availability_zones=zones, launch_config=lc,
                          min_size=2, max_size=4, connection=c,
                          tags=[Tag(key="team", value="web", propagate_at_launch=True, resource_id="my-group")])
    c.create_auto_scaling_group(ag)
    try:
        c.create_auto_scaling_group(AutoScalingGroup(group_name="bad:name", availability_zones=zones,
                                                     launch_config=lc, min_size=3, max_size=1, connection=c))
        bad = ""
    except BotoServerError as e:
        bad = e.error_code

    g = wait(c, "my-group", lambda g: sum(i.lifecycle_state == "InService" for i in g.instances) == 2)[0]
    in_service = sorted(i.availability_zone for i in g.instances)
    g.set_capacity(3)
    g = wait(c, "my-group", lambda g: sum(i.lifecycle_state == "InService" for i in g.instances) == 3)[0]
    activities = g.get_activities()
    instances = c.get_all_autoscaling_instances()
    g.shutdown_instances()
    wait(c, "my-group", lambda g: not g.instances)
    g.delete()
    c.delete_launch_configuration("my-launch-config")
    json.dump({
        "again": again,
        "bad": bad,
        "zones": in_service,
        "tags": [(t.key, t.value, t.propagate_at_launch) for t in g.tags],
        "desired": g.desired_capacity,
        "activities": len(activities),
        "activity_status": sorted(set(a.status_code for a in activities)),
        "first_cause": activities[0].cause,
        "instances": sorted(i.health_status for i in instances),
        "left": len(c.get_all_groups()),
        "configs": len(c.get_all_launch_configurations()),
    }, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
