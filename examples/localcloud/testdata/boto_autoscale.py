"""boto 2's AutoScale tutorial against the local cloud, with its scaling
policies and scheduled actions, in stages the Go test runs in order,
moving the fake's clock between them so that launches and terminations
finish:

  create    a LaunchConfiguration (twice: the second is refused), an
            AutoScalingGroup across two zones (min 2, max 4) with a tag
            propagated at launch, one refused (min > max, a colon in its
            name), ScalingPolicy scale_up (a cooldown) and scale_down
            (a percentage, with the MinAdjustmentStep boto 2 sends), a
            recurring scheduled action (and one refused for a four-field
            recurrence) listed and deleted;
  resize    the group's instances, then set_capacity(3);
  scale     the group's instances, then execute_policy(scale_up);
  shutdown  the group's activities, the instances AutoScaling lists,
            then shutdown_instances();
  delete    the group's instances (none left), delete_policy(scale_down),
            delete(), the launch configuration deleted, and nothing
            listed.

Each stage prints what boto decoded as JSON. boto 2 reaches the local
cloud as an HTTP proxy with AutoScaling's own host name, so it signs
(SigV4, Query protocol) as it would for AWS.

Usage: boto_autoscale.py PORT STAGE IMAGE_ID GROUP. Credentials come from
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
from boto.exception import BotoServerError  # noqa: E402
from boto.regioninfo import RegionInfo  # noqa: E402


def shown_group(g):
    return {
        "name": g.name, "min": g.min_size, "max": g.max_size, "desired": g.desired_capacity,
        "zones": sorted(g.availability_zones), "launch_config": g.launch_config_name,
        "cooldown": g.default_cooldown, "arn_set": bool(g.autoscaling_group_arn),
        "tags": sorted([t.key, t.value, bool(t.propagate_at_launch)] for t in g.tags),
        "instances": sorted([i.instance_id, i.lifecycle_state, i.health_status, i.availability_zone] for i in g.instances),
    }


def refused(call):
    """The error code AutoScaling answered call with, or "" if it succeeded."""
    try:
        call()
    except BotoServerError as e:
        return e.error_code
    return ""


def create(conn, region, image, name, lc_name):
    out = {}
    lc = LaunchConfiguration(name=lc_name, image_id=image, instance_type="t3.micro")
    conn.create_launch_configuration(lc)
    out["again"] = refused(lambda: conn.create_launch_configuration(lc))
    zones = [region + "a", region + "b"]
    tag = Tag(key="team", value="web", propagate_at_launch=True, resource_id=name)
    conn.create_auto_scaling_group(AutoScalingGroup(group_name=name, availability_zones=zones, launch_config=lc,
                                                    min_size=2, max_size=4, tags=[tag], connection=conn))
    out["bad"] = refused(lambda: conn.create_auto_scaling_group(AutoScalingGroup(
        group_name="bad:name", availability_zones=zones, launch_config=lc, min_size=3, max_size=1, connection=conn)))

    conn.create_scaling_policy(ScalingPolicy(name="scale_up", adjustment_type="ChangeInCapacity",
                                             as_name=name, scaling_adjustment=1, cooldown=180))
    conn.create_scaling_policy(ScalingPolicy(name="scale_down", adjustment_type="PercentChangeInCapacity",
                                             as_name=name, scaling_adjustment=-50, min_adjustment_step=1))
    out["policies"] = sorted([{"name": p.name, "adjustment_type": p.adjustment_type,
                               "scaling_adjustment": p.scaling_adjustment, "cooldown": p.cooldown,
                               "min_adjustment_step": p.min_adjustment_step, "arn": p.policy_arn}
                              for p in conn.get_all_policies(as_group=name)], key=lambda p: p["name"])

    # The clock does not move within a stage, so the action never fires.
    conn.create_scheduled_group_action(name, "nightly", recurrence="0 22 * * *",
                                       desired_capacity=1, min_size=1, max_size=2)
    out["actions"] = [{"name": a.name, "recurrence": a.recurrence, "desired": int(a.desired_capacity),
                       "min": a.min_size, "max": a.max_size} for a in conn.get_all_scheduled_actions(as_group=name)]
    out["refused"] = refused(lambda: conn.create_scheduled_group_action(name, "bad", recurrence="0 22 * *",
                                                                        desired_capacity=1))
    conn.delete_scheduled_action("nightly", autoscale_group=name)
    out["actions_left"] = [a.name for a in conn.get_all_scheduled_actions(as_group=name)]

    out["launch_configs"] = [[c.name, c.image_id, c.instance_type, c.created_time is not None]
                             for c in conn.get_all_launch_configurations(names=[lc_name])]
    out["group"] = shown_group(conn.get_all_groups(names=[name])[0])
    return out


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
        out = create(conn, region, image, name, lc_name)
    elif stage == "resize":
        group = conn.get_all_groups(names=[name])[0]
        out["before"] = shown_group(group)
        group.set_capacity(3)
        out["after"] = shown_group(conn.get_all_groups(names=[name])[0])
    elif stage == "scale":
        out["before"] = shown_group(conn.get_all_groups(names=[name])[0])
        conn.execute_policy("scale_up", as_group=name, honor_cooldown=False)
        out["after"] = shown_group(conn.get_all_groups(names=[name])[0])
    elif stage == "shutdown":
        group = conn.get_all_groups(names=[name])[0]
        out["before"] = shown_group(group)
        out["activities"] = [[a.status_code, a.cause, a.start_time.isoformat() if a.start_time else None,
                              a.end_time.isoformat() if a.end_time else None] for a in group.get_activities()]
        out["instances"] = sorted([i.instance_id, i.group_name, i.lifecycle_state, i.launch_config_name, i.health_status]
                                  for i in conn.get_all_autoscaling_instances())
        group.shutdown_instances()
        out["after"] = shown_group(conn.get_all_groups(names=[name])[0])
    elif stage == "delete":
        group = conn.get_all_groups(names=[name])[0]
        out["before"] = shown_group(group)
        conn.delete_policy("scale_down", autoscale_group=name)
        out["policies_left"] = [p.name for p in conn.get_all_policies(as_group=name)]
        group.delete()
        conn.delete_launch_configuration(lc_name)
        out["groups_left"] = [g.name for g in conn.get_all_groups(names=[name])]
        out["launch_configs_left"] = [c.name for c in conn.get_all_launch_configurations(names=[lc_name])]
        out["all_groups"] = len(conn.get_all_groups())
        out["all_launch_configs"] = len(conn.get_all_launch_configurations())
    else:
        raise SystemExit("unknown stage " + stage)
    json.dump(out, sys.stdout)


main()
