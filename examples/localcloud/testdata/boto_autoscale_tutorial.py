"""boto 2's AutoScale tutorial against the local cloud, in stages the Go
test runs in order, moving the fake's clock between them so that
launches and terminations finish:

  create    a LaunchConfiguration, an AutoScalingGroup across two zones
            (min 2, max 4) with a tag propagated at launch, ScalingPolicy
            scale_up and scale_down;
  scale     the group's instances, execute_policy(scale_up), the
            instances AutoScaling lists;
  shutdown  the group's activities, then shutdown_instances();
  delete    the group's instances (none left), delete(), the launch
            configuration deleted, and nothing listed.

Each stage prints what boto decoded as JSON. boto 2 reaches the local
cloud as an HTTP proxy with AutoScaling's own host name, so it signs
(SigV4, Query protocol) as it would for AWS.

Usage: boto_autoscale_tutorial.py PORT STAGE IMAGE_ID GROUP. Credentials come from
AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
"""
import json
import os
import sys
import warnings

warnings.simplefilter("ignore")  # boto 2 predates Python 3.11

from boto.ec2.autoscale import AutoScaleConnection  # noqa: E402
from boto.ec2.autoscale import AutoScalingGroup  # noqa: E402
from boto.ec2.autoscale import LaunchConfiguration  # noqa: E402
from boto.ec2.autoscale import ScalingPolicy  # noqa: E402
from boto.ec2.autoscale.tag import Tag  # noqa: E402
from boto.regioninfo import RegionInfo  # noqa: E402


def shown_group(g):
    return {
        "name": g.name, "min": g.min_size, "max": g.max_size, "desired": g.desired_capacity,
        "zones": sorted(g.availability_zones), "launch_config": g.launch_config_name,
        "cooldown": g.default_cooldown, "arn_set": bool(g.autoscaling_group_arn),
        "tags": sorted([t.key, t.value, bool(t.propagate_at_launch)] for t in g.tags),
        "instances": sorted([i.instance_id, i.lifecycle_state, i.health_status, i.availability_zone] for i in g.instances),
    }


def main():
    port, stage, image, name = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    region = os.environ["AWS_DEFAULT_REGION"]
    conn = AutoScaleConnection(
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        is_secure=False, proxy="127.0.0.1", proxy_port=port,
        region=RegionInfo(name=region, endpoint="autoscaling.%s.amazonaws.com" % region))
    lc_name = name + "-lc"
    out = {}
    if stage == "create":
        lc = LaunchConfiguration(name=lc_name, image_id=image, instance_type="t3.micro")
        conn.create_launch_configuration(lc)
        tag = Tag(key="team", value="web", propagate_at_launch=True, resource_id=name)
        ag = AutoScalingGroup(group_name=name, availability_zones=[region + "a", region + "b"], launch_config=lc,
                              min_size=2, max_size=4, tags=[tag], connection=conn)
        conn.create_auto_scaling_group(ag)
        for policy, adjustment in (("scale_up", 1), ("scale_down", -1)):
            conn.create_scaling_policy(ScalingPolicy(name=policy, adjustment_type="ChangeInCapacity",
                                                     as_name=name, scaling_adjustment=adjustment, cooldown=180))
        policies = conn.get_all_policies(as_group=name)
        out["policies"] = sorted([p.name, p.adjustment_type, p.scaling_adjustment, p.cooldown] for p in policies)
        out["policy_arns"] = sorted(p.policy_arn for p in policies)
        configs = conn.get_all_launch_configurations(names=[lc_name])
        out["launch_configs"] = [[c.name, c.image_id, c.instance_type, c.created_time is not None] for c in configs]
        out["group"] = shown_group(conn.get_all_groups(names=[name])[0])
    elif stage == "scale":
        out["before"] = shown_group(conn.get_all_groups(names=[name])[0])
        conn.execute_policy("scale_up", as_group=name, honor_cooldown=False)
        out["after"] = shown_group(conn.get_all_groups(names=[name])[0])
    elif stage == "shutdown":
        group = conn.get_all_groups(names=[name])[0]
        out["before"] = shown_group(group)
        out["activities"] = [[a.status_code, a.cause, a.start_time.isoformat() if a.start_time else None,
                              a.end_time.isoformat() if a.end_time else None] for a in group.get_activities()]
        out["instances"] = sorted([i.instance_id, i.group_name, i.lifecycle_state, i.launch_config_name]
                                  for i in conn.get_all_autoscaling_instances())
        group.shutdown_instances()
        out["after"] = shown_group(conn.get_all_groups(names=[name])[0])
    elif stage == "delete":
        group = conn.get_all_groups(names=[name])[0]
        out["before"] = shown_group(group)
        group.delete()
        conn.delete_launch_configuration(lc_name)
        out["groups_left"] = [g.name for g in conn.get_all_groups(names=[name])]
        out["launch_configs_left"] = [c.name for c in conn.get_all_launch_configurations(names=[lc_name])]
    else:
        raise SystemExit("unknown stage " + stage)
    json.dump(out, sys.stdout)


main()
