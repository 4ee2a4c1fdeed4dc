"""Running workloads per project, and the details of the oldest one."""

from __future__ import annotations

from collections import defaultdict

from runai_v2_24 import Client
from runai_v2_24.models import SortOrder, Workload, WorkloadsSort


def main() -> None:
    client = Client()
    total = client.workloads.count_workloads(filter_by=["phase==Running"]).count
    by_project: defaultdict[str, list[Workload]] = defaultdict(list)
    for workload in client.workloads.iter_get_workloads(
        filter_by=["phase==Running"], sort_by=WorkloadsSort.CREATED_AT, sort_order=SortOrder.ASC, limit=100
    ):
        by_project[workload.project_name].append(workload)
    print(f"{total} running workload(s) in {len(by_project)} project(s)")
    for project, workloads in sorted(by_project.items()):
        print(f"  {project}: {', '.join(w.name for w in workloads)}")

    oldest = next((w for ws in by_project.values() for w in ws), None)
    if oldest is not None:
        detail = client.workloads.get_workload(workload_id=oldest.id)
        print(
            f"oldest: {detail.name} ({detail.type}), k8s phase {detail.k8s_phase}, since {detail.created_at:%Y-%m-%d}"
        )


if __name__ == "__main__":
    main()
