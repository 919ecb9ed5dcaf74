"""Reads EC2 regions and zones from the local cloud with boto 2, and
prints what boto decoded as JSON.

boto 2.49 signs EC2 with Signature Version 4 and takes the scope's service
and region from the endpoint's host name (ec2.<region>.amazonaws.com). At
127.0.0.1 that guess is wrong, so the direct connection names them, with
auth_service_name and auth_region_name, as any custom endpoint needs. The
second connection uses the AWS host name through the local cloud as an
HTTP proxy, and needs nothing set.

Usage: boto_ec2.py PORT. Credentials come from AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY.
"""
import json
import os
import sys
import warnings

warnings.simplefilter("ignore")  # boto 2 predates Python 3.11

from boto.ec2.connection import EC2Connection  # noqa: E402
from boto.ec2.regioninfo import RegionInfo  # noqa: E402


def describe(conn):
    return {
        "api_version": conn.APIVersion,
        "regions": sorted([r.name, r.endpoint] for r in conn.get_all_regions()),
        "zones": sorted([z.name, z.state, z.region_name] for z in conn.get_all_zones()),
    }


def main():
    port = int(sys.argv[1])
    keys = dict(aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
                aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"])

    direct = EC2Connection(is_secure=False, port=port, path="/",
                           region=RegionInfo(name="us-east-1", endpoint="127.0.0.1"), **keys)
    direct.auth_service_name = "ec2"
    direct.auth_region_name = "us-east-1"

    west = EC2Connection(is_secure=False, proxy="127.0.0.1", proxy_port=port,
                         region=RegionInfo(name="us-west-2", endpoint="ec2.us-west-2.amazonaws.com"), **keys)

    json.dump({"direct": describe(direct), "west": describe(west)}, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
