"""Drives the EC2 compute operations goboto wraps with boto 2 (API
2014-10-01, Signature Version 4) against the local cloud, and prints what
boto decoded as JSON.

The main account creates a security group and a key pair, launches an
instance, tags it, attaches a volume, snapshots the volume, shares the
snapshot with the other account and takes the share back, registers an
image from the snapshot, moves an Elastic IP on and off the instance,
reads Reserved Instance offerings and Spot prices, then tears everything
down. The other account checks, with its own credentials, that it sees
the snapshot only while it is shared.

The main account's connection reaches 127.0.0.1 directly, so it names the
signing scope with auth_service_name and auth_region_name; the other
account's goes by EC2's host name through the local cloud as an HTTP proxy
and needs nothing set (see boto_ec2.py).

Usage: boto_ec2_compute.py PORT IMAGE OTHER_ACCOUNT OFFERING_TYPE.
Credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (main
account) and OTHER_AWS_ACCESS_KEY_ID and OTHER_AWS_SECRET_ACCESS_KEY (the
other account).
"""
import json
import os
import sys
import time
import warnings

warnings.simplefilter("ignore")  # boto 2 predates Python 3.11

from boto.ec2.blockdevicemapping import BlockDeviceMapping, BlockDeviceType  # noqa: E402
from boto.ec2.connection import EC2Connection  # noqa: E402
from boto.ec2.regioninfo import RegionInfo  # noqa: E402
from boto.exception import EC2ResponseError  # noqa: E402

REGION = "us-east-1"
ZONE = REGION + "a"

# The fake finishes every transition before the next request, so one
# update() is enough; the bound only keeps a regression from hanging.
POLLS = 20
POLL_SLEEP = 0.05


def connect(port, key_id, secret, via_proxy=False):
    keys = dict(aws_access_key_id=key_id, aws_secret_access_key=secret, is_secure=False)
    if via_proxy:
        # boto sends http://ec2.<region>.amazonaws.com/ to the proxy and
        # takes the signing scope from that host name.
        return EC2Connection(proxy="127.0.0.1", proxy_port=port,
                             region=RegionInfo(name=REGION, endpoint="ec2.%s.amazonaws.com" % REGION), **keys)
    conn = EC2Connection(port=port, path="/", region=RegionInfo(name=REGION, endpoint="127.0.0.1"), **keys)
    conn.auth_service_name = "ec2"
    conn.auth_region_name = REGION
    return conn


def wait(obj, attr, want):
    """Polls obj.update() until obj's attr (a method is called) is want;
    returns the number of updates it took, or -1 if it never got there."""
    def now():
        v = getattr(obj, attr)
        return v() if callable(v) else v

    for i in range(POLLS + 1):
        if now() == want:
            return i
        if i == POLLS:
            break
        if i > 0:
            time.sleep(POLL_SLEEP)
        obj.update(validate=True)
    return -1


def error(e):
    return {"status": e.status, "code": e.error_code}


def shared_with(conn):
    return sorted(s.id for s in conn.get_all_snapshots(restorable_by="self"))


def main():
    port = int(sys.argv[1])
    image_id, other_account, offering_type = sys.argv[2], sys.argv[3], sys.argv[4]
    conn = connect(port, os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"])
    other = connect(port, os.environ["OTHER_AWS_ACCESS_KEY_ID"], os.environ["OTHER_AWS_SECRET_ACCESS_KEY"],
                    via_proxy=True)
    out = {"api_version": conn.APIVersion}

    # Network: a group that admits SSH, and a key pair.
    sg = conn.create_security_group("boto-ssh", "SSH from anywhere")
    out["authorized"] = conn.authorize_security_group(group_name="boto-ssh", ip_protocol="tcp",
                                                      from_port=22, to_port=22, cidr_ip="0.0.0.0/0")
    got = conn.get_all_security_groups(groupnames=["boto-ssh"])[0]
    out["group"] = {
        "id": sg.id,
        "described_id": got.id,
        "rules": sorted([r.ip_protocol, str(r.from_port), str(r.to_port), sorted(g.cidr_ip for g in r.grants)]
                        for r in got.rules),
    }
    kp = conn.create_key_pair("boto-key")
    out["key"] = {
        "name": kp.name,
        "pem": kp.material.startswith("-----BEGIN"),
        "fingerprint": kp.fingerprint,
        "listed": sorted(k.name for k in conn.get_all_key_pairs()),
    }

    # An instance, waited for by polling.
    res = conn.run_instances(image_id, key_name="boto-key", security_groups=["boto-ssh"],
                             instance_type="m1.small", placement=ZONE)
    inst = res.instances[0]
    launched = {"reservation": res.id, "count": len(res.instances), "id": inst.id,
                "state": inst.state, "image": inst.image_id, "type": inst.instance_type,
                "zone": inst.placement, "key": inst.key_name,
                "groups": sorted(g.name for g in res.groups) or sorted(g.name for g in inst.groups)}
    launched["polls"] = wait(inst, "state", "running")
    launched["state_after_wait"] = inst.state
    launched["private_ip"] = inst.private_ip_address
    launched["public_ip"] = inst.ip_address
    out["run"] = launched
    running = conn.get_all_instances(filters={"instance-state-name": "running"})
    out["running"] = sorted(i.id for r in running for i in r.instances)

    # Tags, both ways boto sets them.
    conn.create_tags([inst.id], {"Name": "boto", "env": "test"})
    inst.add_tag("owner", "goboto")
    inst.update(validate=True)
    out["tags"] = dict(inst.tags)
    tagged = conn.get_all_instances(filters={"tag:Name": "boto"})
    out["tagged"] = sorted(i.id for r in tagged for i in r.instances)
    out["described_tags"] = sorted([t.res_id, t.name, t.value]
                                   for t in conn.get_all_tags(filters={"resource-id": inst.id}))

    # A volume, attached, then snapshotted.
    vol = conn.create_volume(4, ZONE)
    volume = {"id": vol.id, "size": vol.size, "zone": vol.zone, "created_status": vol.status}
    volume["polls"] = wait(vol, "status", "available")
    volume["status_after_wait"] = vol.status
    volume["attach"] = conn.attach_volume(vol.id, inst.id, "/dev/sdf")
    volume["attach_polls"] = wait(vol, "attachment_state", "attached")
    volume["attachment"] = [vol.attach_data.instance_id, vol.attach_data.device, vol.attachment_state()]
    out["volume"] = volume

    snap = conn.create_snapshot(vol.id, "from boto")
    snapshot = {"id": snap.id, "volume": snap.volume_id, "description": snap.description,
                "created_status": snap.status}
    snapshot["polls"] = wait(snap, "status", "completed")
    snapshot["status_after_wait"] = snap.status
    snapshot["progress"] = snap.progress
    snapshot["owner"] = snap.owner_id

    # Share with the other account, which then sees it; take it back.
    snapshot["share"] = snap.share(user_ids=[other_account])
    attr = conn.get_snapshot_attribute(snap.id)
    snapshot["attribute"] = {"id": attr.snapshot_id, "permissions": attr.attrs}
    snapshot["other_sees_shared"] = shared_with(other)
    snapshot["other_get_shared"] = [s.owner_id for s in other.get_all_snapshots(snapshot_ids=[snap.id])]
    snapshot["unshare"] = conn.modify_snapshot_attribute(snap.id, operation="remove", user_ids=[other_account])
    snapshot["attribute_after"] = conn.get_snapshot_attribute(snap.id).attrs
    snapshot["other_sees_unshared"] = shared_with(other)
    try:
        other.get_all_snapshots(snapshot_ids=[snap.id])
        snapshot["other_get_unshared"] = None
    except EC2ResponseError as e:
        snapshot["other_get_unshared"] = error(e)
    out["snapshot"] = snapshot

    # An EBS image whose root device is the snapshot.
    bdm = BlockDeviceMapping()
    bdm["/dev/sda1"] = BlockDeviceType(snapshot_id=snap.id, delete_on_termination=True)
    ami_id = conn.register_image(name="boto-image", description="registered by boto",
                                 architecture="x86_64", root_device_name="/dev/sda1",
                                 block_device_map=bdm, virtualization_type="hvm")
    ami = conn.get_image(ami_id)
    image = {"id": ami_id, "name": ami.name, "polls": wait(ami, "state", "available")}
    image.update(state=ami.state, root_device_name=ami.root_device_name, root_device_type=ami.root_device_type,
                 owner=ami.owner_id, public=ami.is_public,
                 mapping={dev: bd.snapshot_id for dev, bd in ami.block_device_mapping.items()})
    image["mine"] = sorted(i.id for i in conn.get_all_images(owners=["self"]))
    out["image"] = image

    # An Elastic IP, on the instance and off again.
    addr = conn.allocate_address()
    eip = {"ip": addr.public_ip, "domain": addr.domain, "allocation": addr.allocation_id}
    if addr.allocation_id:
        eip["associate"] = conn.associate_address(inst.id, allocation_id=addr.allocation_id)
    else:
        eip["associate"] = conn.associate_address(inst.id, public_ip=addr.public_ip)
    got = conn.get_all_addresses(addresses=[addr.public_ip])[0]
    eip["associated_to"] = got.instance_id
    inst.update(validate=True)
    eip["instance_public_ip"] = inst.ip_address
    if got.association_id:
        eip["disassociate"] = conn.disassociate_address(association_id=got.association_id)
    else:
        eip["disassociate"] = conn.disassociate_address(public_ip=addr.public_ip)
    eip["after_disassociate"] = conn.get_all_addresses(addresses=[addr.public_ip])[0].instance_id or ""
    if addr.allocation_id:
        eip["release"] = conn.release_address(allocation_id=addr.allocation_id)
    else:
        eip["release"] = conn.release_address(public_ip=addr.public_ip)
    eip["after_release"] = [a.public_ip for a in conn.get_all_addresses()]
    out["address"] = eip

    # The market: Reserved Instance offerings and Spot price history.
    offerings = conn.get_all_reserved_instances_offerings(instance_type=offering_type)
    out["offerings"] = {
        "count": len(offerings),
        "types": sorted({o.instance_type for o in offerings}),
        "ids": len({o.id for o in offerings}),
        "priced": all(float(o.fixed_price) >= 0 and int(o.duration) > 0 for o in offerings),
    }
    def spot(prices):
        return {
            "count": len(prices),
            "types": sorted({p.instance_type for p in prices}),
            "products": sorted({p.product_description for p in prices}),
            "zones": sorted({p.availability_zone for p in prices}),
            "positive": all(float(p.price) > 0 for p in prices),
        }

    # boto sends instance_type and product_description as InstanceType and
    # ProductDescription, without the .N the API documents; filters= sends
    # Filter.N, which every API version reads.
    out["spot"] = spot(conn.get_spot_price_history(instance_type=offering_type,
                                                   product_description="Linux/UNIX", availability_zone=ZONE))
    out["spot_filtered"] = spot(conn.get_spot_price_history(
        availability_zone=ZONE, filters={"instance-type": offering_type, "product-description": "Linux/UNIX"}))

    # Tear down.
    teardown = {}
    teardown["terminated"] = [[i.id, i.previous_state, i.state] for i in conn.terminate_instances([inst.id])]
    teardown["polls"] = wait(inst, "state", "terminated")
    teardown["state"] = inst.state
    vol.update(validate=True)
    teardown["volume_after_terminate"] = vol.status
    if vol.status == "in-use":
        conn.detach_volume(vol.id)
        wait(vol, "status", "available")
    teardown["deregister"] = conn.deregister_image(ami_id)
    teardown["delete_snapshot"] = conn.delete_snapshot(snap.id)
    teardown["delete_volume"] = conn.delete_volume(vol.id)
    teardown["delete_key"] = conn.delete_key_pair("boto-key")
    teardown["delete_group"] = conn.delete_security_group(group_id=sg.id)
    teardown["volumes_left"] = [v.id for v in conn.get_all_volumes()]
    teardown["snapshots_left"] = [s.id for s in conn.get_all_snapshots(owner="self")]
    teardown["keys_left"] = [k.name for k in conn.get_all_key_pairs()]
    teardown["groups_left"] = sorted(g.name for g in conn.get_all_security_groups())
    out["teardown"] = teardown

    json.dump(out, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
