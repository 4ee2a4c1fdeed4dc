"""Create a project under the first department with a GPU, CPU and memory quota in one node pool."""

from __future__ import annotations

from runai_v2_24 import Client
from runai_v2_24.models import (
    NonNullResource,
    ProjectCreationRequest,
    Resource,
    ResourcesNullable,
    ResourcesNullableMemory,
    ResourcesNullableNodePool,
    Units,
)


def main() -> None:
    client = Client()
    department = client.departments.get_departments(limit=1).departments[0]
    pool = next(client.node_pools.iter_get_nodepools(limit=1))
    project = client.projects.create_project(
        body=ProjectCreationRequest(
            name="team-vision",
            cluster_id=department.cluster_id,
            parent_id=department.id,
            resources=[
                ResourcesNullable(
                    node_pool=ResourcesNullableNodePool(id=pool.id, name=pool.name),
                    gpu=NonNullResource(deserved=4.0, limit=8.0),
                    cpu=Resource(deserved=16_000.0),
                    memory=ResourcesNullableMemory(deserved=64.0, units=Units.GB),
                )
            ],
        )
    )
    print(f"project {project.name} ({project.id}) under {department.name}: {project.status.phase}")


if __name__ == "__main__":
    main()
