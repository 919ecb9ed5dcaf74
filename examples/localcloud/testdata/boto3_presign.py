"""Presigns S3 requests against the local cloud with boto3, as a web
application would hand them to a browser, and prints them as JSON. The
test fetches them with a plain HTTP client.

botocore presigns S3 with Signature Version 2 unless the client is told
signature_version="s3v4"; both are printed, the default and SigV4.

Usage: boto3_presign.py ENDPOINT BUCKET. Credentials come from
AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, the region from
AWS_DEFAULT_REGION.
"""
import json
import sys

import boto3
from botocore.config import Config


def presign(s3, bucket, tag):
    return {
        "get": s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "a.txt"}, ExpiresIn=600),
        "post": s3.generate_presigned_post(bucket, "up/" + tag + ".txt", ExpiresIn=600),
    }


def main():
    endpoint, bucket = sys.argv[1], sys.argv[2]
    default = boto3.client("s3", endpoint_url=endpoint)
    v4 = boto3.client("s3", endpoint_url=endpoint, config=Config(signature_version="s3v4"))
    json.dump({"default": presign(default, bucket, "default"), "v4": presign(v4, bucket, "v4")}, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
