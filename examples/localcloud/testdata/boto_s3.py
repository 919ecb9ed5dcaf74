# boto 2.49 against the local cloud's S3: buckets, keys with metadata,
# listing with a delimiter, copy, multipart, multi-object delete, a
# missing key. Prints one JSON document for
# boto_s3_test.go; the test checks the same state through goboto.
#
# boto 2 signs S3 with SigV2 unless told otherwise; the fake, like buckets
# created in AWS since 2020, takes SigV4 only, so S3_USE_SIGV4 is set. With
# an IP address for a host, boto cannot guess the scope, so the region and
# service are set on the connection.
import io
import json
import os
import sys

os.environ['S3_USE_SIGV4'] = 'True'

import boto.exception
from boto.s3.connection import OrdinaryCallingFormat, S3Connection

conn = S3Connection(host='127.0.0.1', port=int(sys.argv[1]), is_secure=False,
                    calling_format=OrdinaryCallingFormat())
conn.auth_region_name = os.environ['AWS_DEFAULT_REGION']
conn.auth_service_name = 's3'
out = {}

b = conn.create_bucket('boto-s3-bucket')
k = b.new_key('docs/hello.txt')
k.set_metadata('author', 'boto')
k.set_contents_from_string('hello from boto', headers={'Content-Type': 'text/plain'})
for name in ['docs/a.txt', 'docs/sub/b.txt', 'top.txt']:
    b.new_key(name).set_contents_from_string(name)

got = b.get_key('docs/hello.txt')
out['get'] = {'body': got.get_contents_as_string().decode(), 'content_type': got.content_type,
              'metadata': got.metadata, 'size': got.size}
out['list_delimited'] = sorted(x.name for x in b.list(prefix='docs/', delimiter='/'))
out['list_all'] = sorted(x.name for x in b.list())

b.copy_key('copy/hello.txt', 'boto-s3-bucket', 'docs/hello.txt')
out['copied'] = b.get_key('copy/hello.txt').get_contents_as_string().decode()

mp = b.initiate_multipart_upload('big.bin')
mp.upload_part_from_file(io.BytesIO(b'a' * (5 * 1024 * 1024)), 1)
mp.upload_part_from_file(io.BytesIO(b'b' * 10), 2)
mp.complete_upload()
big = b.get_key('big.bin')
out['multipart'] = {'size': big.size, 'etag_parts': big.etag.strip('"').split('-')[-1]}

try:
    b.get_key('missing.txt', validate=False).get_contents_as_string()
    out['missing'] = {'status': 200}
except boto.exception.S3ResponseError as e:
    out['missing'] = {'status': e.status, 'code': e.error_code}

# Not generate_url: boto 2.49 signs a presigned SigV4 URL with the port
# written twice in the Host ("127.0.0.1:4566:4566") whenever the port is
# not 80 or 443, so it cannot work against any local endpoint.

result = b.delete_keys(['docs/a.txt', 'docs/sub/b.txt', 'top.txt'])
out['deleted'] = sorted(d.key for d in result.deleted)
out['left'] = sorted(x.name for x in b.list())
print(json.dumps(out))
