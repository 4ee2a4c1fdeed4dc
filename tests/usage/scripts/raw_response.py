"""Read the HTTP response behind a call (status, headers), and parse it only when wanted."""

from __future__ import annotations

from runai_v2_24 import Client


def main() -> None:
    with Client() as client:
        raw = client.with_raw_response(client.departments.get_departments, limit=10)
        print(raw.status_code, raw.headers.get("content-type"))
        departments = raw.parse()
        print([d.name for d in departments.departments])

        raw_pools = client.with_raw_response(client.node_pools.get_nodepools, limit=5)
        pools = raw_pools.parse().nodepools or []
        print(f"{raw_pools.http_response.request.url.path}: {len(pools)} node pool(s)")


if __name__ == "__main__":
    main()
