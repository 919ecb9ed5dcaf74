"""Drives EC2, RDS and S3 with boto 2.49 at 127.0.0.1, with no scope hints
(no auth_service_name, no auth_region_name, no S3_USE_SIGV4), and prints
what boto decoded as JSON.

boto 2 signs EC2 and RDS with Signature Version 4 and takes the scope's
service and region from the host name: at 127.0.0.1 they come out as
"127" and "0". The local cloud routes such requests by their Version and
checks the signature against that scope. boto 2 signs S3 with Signature
Version 2 by default, which S3 refuses where it takes SigV4 only.

Usage: boto_noscope.py PORT. Credentials come from AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY.
"""
import json
import os
import sys
import warnings

warnings.simplefilter("ignore")  # boto 2 predates Python 3.11

from boto.ec2.connection import EC2Connection  # noqa: E402
from boto.ec2.regioninfo import RegionInfo  # noqa: E402
from boto.exception import BotoServerError, S3ResponseError  # noqa: E402
from boto.rds import RDSConnection  # noqa: E402
from boto.s3.connection import OrdinaryCallingFormat, S3Connection  # noqa: E402


def main():
    port = int(sys.argv[1])
    keys = dict(aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
                aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"])
    here = RegionInfo(name="us-east-1", endpoint="127.0.0.1")
    out = {}

    ec2 = EC2Connection(is_secure=False, port=port, path="/", region=here, **keys)
    out["ec2"] = {
        "zones": sorted([z.name, z.region_name] for z in ec2.get_all_zones()),
        "regions": sorted(r.name for r in ec2.get_all_regions()),
    }

    rds = RDSConnection(is_secure=False, port=port, region=here, **keys)
    inst = rds.create_dbinstance("boto-noscope", 20, "db.t3.micro", "admin", "secretpass1", engine="MySQL")
    out["rds"] = {
        "created": [inst.id, inst.status, inst.engine, inst.instance_class, str(inst.allocated_storage)],
        "instances": sorted([i.id, i.engine, i.master_username] for i in rds.get_all_dbinstances()),
        "groups": sorted(g.name for g in rds.get_all_dbparameter_groups()),
    }
    try:
        rds.get_all_dbinstances("no-such-db")
    except BotoServerError as e:
        out["rds"]["missing"] = {"status": e.status, "error": e.error_code}

    s3 = S3Connection(host="127.0.0.1", port=port, is_secure=False,
                      calling_format=OrdinaryCallingFormat(), **keys)
    try:
        s3.get_all_buckets()
        out["s3_sigv2"] = {"status": 200}
    except S3ResponseError as e:
        out["s3_sigv2"] = {"status": e.status, "code": e.error_code, "message": e.error_message}

    json.dump(out, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
