"""Round trips to the credentials endpoint through botocore's own ContainerMetadataFetcher (what boto3 does on each
refresh), without the API call around it. Usage: python3 endpoint_roundtrip.py COUNT (URL and token from the env)."""
import json
import os
import statistics
import sys
import time

from botocore.utils import ContainerMetadataFetcher

count = int(sys.argv[1])
url = os.environ["AWS_CONTAINER_CREDENTIALS_FULL_URI"]
headers = {"Authorization": os.environ["AWS_CONTAINER_AUTHORIZATION_TOKEN"]}
fetcher = ContainerMetadataFetcher()
for _ in range(20):
    fetcher.retrieve_full_uri(url, headers=headers)
timings = []
for _ in range(count):
    start = time.perf_counter()
    fetcher.retrieve_full_uri(url, headers=headers)
    timings.append((time.perf_counter() - start) * 1000)
timings.sort()
print(
    json.dumps(
        {
            "median_ms": round(statistics.median(timings), 3),
            "p10_ms": round(timings[count // 10], 3),
            "p90_ms": round(timings[count * 9 // 10], 3),
        }
    )
)
