"""Start a Jupyter workspace with half a GPU, a data volume and a port, in a project given by id."""

from __future__ import annotations

from runai_v2_24 import Client
from runai_v2_24.models import (
    DataVolumeInstance,
    GpuRequestType,
    Port,
    PortServiceType,
    WorkspaceCreationRequest,
    WorkspaceSpecSpec,
    WorkspaceSpecSpecCompute,
    WorkspaceSpecSpecStorage,
)

PROJECT_ID = "4501"
DATASETS_VOLUME_ID = "0b9c4f4e-2a61-4c1b-9a43-3d0e8a6f7c21"  # a data volume shared with the project
CLUSTER_ID = "71f69d83-ba66-4822-adf5-55ce55efd210"


def main() -> None:
    with Client() as client:
        workspace = client.workspaces.create_workspace(
            body=WorkspaceCreationRequest(
                name="jupyter-notebook",
                use_given_name_as_prefix=True,
                project_id=PROJECT_ID,
                cluster_id=CLUSTER_ID,
                spec=WorkspaceSpecSpec(
                    image="jupyter/scipy-notebook",
                    compute=WorkspaceSpecSpecCompute(
                        gpu_request_type=GpuRequestType.PORTION, gpu_portion_request=0.5, cpu_core_request=1.0
                    ),
                    storage=WorkspaceSpecSpecStorage(
                        data_volume=[DataVolumeInstance(id=DATASETS_VOLUME_ID, mount_path="/home/jovyan/data")]
                    ),
                    ports=[Port(container=8888, service_type=PortServiceType.CLUSTER_IP)],
                ),
            )
        )
        print(
            f"workspace {workspace.name} ({workspace.workload_id}) in project {workspace.project_id}: {workspace.desired_phase}"
        )


if __name__ == "__main__":
    main()
