"""Every project, page after page, with its GPU quota; then the ten largest by GPU quota."""

from __future__ import annotations

from runai_v2_24 import Client
from runai_v2_24.models import Project, ProjectFilterSortFields, SortOrder


def gpu_quota(project: Project) -> float:
    return sum(r.gpu.deserved or 0.0 for r in project.resources)


def main() -> None:
    client = Client()
    count = 0
    for project in client.projects.iter_get_projects(limit=50, sort_by=ProjectFilterSortFields.NAME):
        count += 1
        print(f"{project.name:30} cluster={project.cluster_id} gpu quota={gpu_quota(project)}")
    print(f"{count} project(s)")

    top = client.projects.get_projects(
        sort_by=ProjectFilterSortFields.TOTAL_GPU_QUOTA, sort_order=SortOrder.DESC, limit=10
    )
    print("largest:", ", ".join(p.name for p in top.projects))
    client.close()


if __name__ == "__main__":
    main()
