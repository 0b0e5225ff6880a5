"""Times what boto3 spends per STS GetCallerIdentity call, credentials coming from wherever the environment points.

Usage: python3 boto3_per_call.py CALLS
Prints {"method": ..., "call_ms": [...], "credentials_ms": [...]}: whole API calls, and the credential step alone
(`get_frozen_credentials()`, where boto3 refreshes from its source when it decides to), each timed CALLS times.
"""
import json
import sys
import time

import boto3


def main():
    calls = int(sys.argv[1])
    session = boto3.Session()
    sts = session.client("sts")
    for _ in range(3):  # warm-up: connection pools, first credential load
        sts.get_caller_identity()
    credentials = sts._request_signer._credentials
    call_ms, credentials_ms = [], []
    for _ in range(calls):
        start = time.perf_counter()
        sts.get_caller_identity()
        call_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        credentials.get_frozen_credentials()
        credentials_ms.append((time.perf_counter() - start) * 1000)
    print(json.dumps({"method": credentials.method, "call_ms": call_ms, "credentials_ms": credentials_ms}))


main()
