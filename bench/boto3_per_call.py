"""Times STS GetCallerIdentity calls made by boto3, credentials coming from wherever the environment points.

Usage: python3 boto3_per_call.py CALLS   ->   {"method": ..., "median_ms": ..., "p90_ms": ..., "calls": N}
"""
import json
import statistics
import sys
import time

import boto3


def main():
    calls = int(sys.argv[1])
    session = boto3.Session()
    sts = session.client("sts")
    for _ in range(3):  # warm-up: connection pools, first credential load
        sts.get_caller_identity()
    timings = []
    for _ in range(calls):
        start = time.perf_counter()
        sts.get_caller_identity()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(
        json.dumps(
            {
                "method": session.get_credentials().method,
                "median_ms": round(statistics.median(timings), 2),
                "p90_ms": round(timings[int(len(timings) * 0.9) - 1], 2),
                "calls": calls,
            }
        )
    )


main()
