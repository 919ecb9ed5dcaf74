"""Drives SimpleDB in the local cloud with boto 2, which signs with
Signature Version 2, and prints what boto decoded as JSON.

Usage: boto_sdb.py PORT ODD. ODD is JSON {"item": name, "attrs": {name:
value}} full of characters that need encoding. Credentials come from
AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
"""
import json
import os
import sys
import warnings

warnings.simplefilter("ignore")  # boto 2 predates Python 3.11

from boto.exception import SDBResponseError  # noqa: E402
from boto.sdb.connection import SDBConnection  # noqa: E402
from boto.sdb.regioninfo import SDBRegionInfo  # noqa: E402


def connect(port, region, endpoint, via_proxy):
    kwargs = dict(
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        is_secure=False,
        region=SDBRegionInfo(name=region, endpoint=endpoint),
    )
    if via_proxy:
        # boto sends http://<endpoint>/... to the proxy with Host
        # <endpoint>, which is how the fake learns the region.
        kwargs.update(proxy="127.0.0.1", proxy_port=port)
    else:
        kwargs.update(port=port)
    return SDBConnection(**kwargs)


def items(domain, query):
    return {item.name: dict(item) for item in domain.select(query, consistent_read=True)}


def main():
    port = int(sys.argv[1])
    odd_in = json.loads(sys.argv[2])
    odd_item, odd_attrs = odd_in["item"], odd_in["attrs"]
    # Host 127.0.0.1:PORT names no region: the default region.
    conn = connect(port, "us-east-1", "127.0.0.1", via_proxy=False)
    out = {}

    dom = conn.create_domain("boto-users")
    out["domains"] = sorted(d.name for d in conn.get_all_domains())
    conn.put_attributes("boto-users", "alice", {"a": "0", "color": ["red", "blue"]})
    conn.put_attributes("boto-users", "alice", {"a": "1"}, replace=True)
    out["get"] = conn.get_attributes("boto-users", "alice", consistent_read=True)
    conn.batch_put_attributes(dom, {
        "bob": {"a": "2", "color": "green"},
        "carol": {"a": "1", "size": "L"},
    })
    out["select_where"] = items(dom, "select * from `boto-users` where a = '1'")
    out["select_all"] = items(dom, "select * from `boto-users`")

    try:
        conn.put_attributes("boto-users", "alice", {"a": "9"}, expected_value=["a", "2"])
        out["conditional"] = {"error": None}
    except SDBResponseError as e:
        out["conditional"] = {"status": e.status, "error": e.error_code}
    out["after_conditional"] = conn.get_attributes("boto-users", "alice", consistent_read=True)

    md = dom.get_metadata()
    out["metadata"] = {"item_count": md.item_count, "attr_name_count": md.attr_name_count,
                       "attr_value_count": md.attr_value_count}

    try:
        conn.get_attributes("no-such-domain", "x")
        out["missing_domain"] = {"error": None}
    except SDBResponseError as e:
        out["missing_domain"] = {"status": e.status, "error": e.error_code}

    conn.delete_domain("boto-users")
    out["domains_after_delete"] = sorted(d.name for d in conn.get_all_domains())

    # Names and values that percent-encoding and XML escaping must carry
    # through the signature and back; then NextToken paging.
    odd = conn.create_domain("boto-odd")
    conn.put_attributes("boto-odd", odd_item, odd_attrs)
    out["odd_get"] = conn.get_attributes("boto-odd", odd_item, consistent_read=True)
    name, value = sorted(odd_attrs.items())[0]
    out["odd_select"] = items(odd, "select * from `boto-odd` where `%s` = '%s'"
                              % (name.replace("`", "``"), value.replace("'", "''")))
    for i in range(5):
        conn.put_attributes("boto-odd", "page %d" % i, {"n": str(i)})
    out["paged"] = sorted(items(odd, "select * from `boto-odd` where n is not null limit 2"))
    conn.delete_domain("boto-odd")

    # Left for the Go side to read.
    conn.create_domain("boto-kept")
    conn.put_attributes("boto-kept", "note", {"by": "boto", "n": ["7", "8"]})

    # Another region, reached as boto reaches AWS: by the regional host
    # name, here through the local cloud acting as an HTTP proxy.
    west = connect(port, "us-west-2", "sdb.us-west-2.amazonaws.com", via_proxy=True)
    west.create_domain("boto-west")
    out["west_domains"] = sorted(d.name for d in west.get_all_domains())
    out["east_domains"] = sorted(d.name for d in conn.get_all_domains())

    json.dump(out, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
