"""Async audit dashboard: reads response fields that 2.24 makes optional."""

import asyncio
import datetime as dt

from runai_v2_22 import AsyncClient


async def recent_entities(token: str) -> list[str]:
    end = dt.datetime.now(dt.timezone.utc)
    async with AsyncClient("https://runai.example.com", token=token) as runai:
        log = await runai.audit_logs.get_audit_logs(start=end - dt.timedelta(days=1), end=end)
        return [entry.entity_id for entry in log.audit_logs or []]


async def priorities(token: str) -> None:
    runai = AsyncClient("https://runai.example.com", token=token)
    print(await runai.workloads_priorities.get_workload_priorities())  # moved to workload_properties
    resource = runai.workloads_priorities  # the same, kept in a variable
    print(await resource.get_workload_priorities())


if __name__ == "__main__":
    print(asyncio.run(recent_entities("token")))
