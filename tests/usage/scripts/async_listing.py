"""List departments, node pools and users concurrently with AsyncClient, then stream every workload."""

from __future__ import annotations

import asyncio
from collections import Counter

from runai_v2_24 import AsyncClient


async def main() -> None:
    async with AsyncClient() as client:
        departments, pools, users = await asyncio.gather(
            client.departments.get_departments(limit=100),
            client.node_pools.get_nodepools(limit=100),
            client.users.get_users(limit=100),
        )
        print(
            f"{len(departments.departments)} department(s), {len(pools.nodepools or [])} node pool(s), {len(users)} user(s)"
        )

        phases: Counter[str] = Counter()
        async for workload in client.workloads.iter_get_workloads(limit=50):
            phases[str(workload.phase)] += 1
        for phase, count in phases.most_common():
            print(f"  {phase}: {count}")


if __name__ == "__main__":
    asyncio.run(main())
