"""Submit a training with a GPU, environment variables and a PVC, then read it back."""

from __future__ import annotations

import uuid

from runai_v2_24 import Client
from runai_v2_24.models import (
    EnvironmentVariable,
    PvcInstance,
    TrainingCreationRequest,
    TrainingSpecSpec,
    TrainingSpecSpecCompute,
    TrainingSpecSpecStorage,
)

# From the Run:ai UI (project and cluster pages), as in the runapy examples.
PROJECT_ID = "4501"
CLUSTER_ID = "71f69d83-ba66-4822-adf5-55ce55efd210"


def main() -> None:
    client = Client()
    request = TrainingCreationRequest(
        name=f"train-{uuid.uuid4().hex[:8]}",
        project_id=PROJECT_ID,
        cluster_id=CLUSTER_ID,
        spec=TrainingSpecSpec(
            image="nvcr.io/nvidia/pytorch:24.05-py3",
            command="python",
            args="train.py --epochs 10",
            compute=TrainingSpecSpecCompute(gpu_devices_request=1, cpu_core_request=4.0, cpu_memory_request="16G"),
            environment_variables=[EnvironmentVariable(name="EPOCHS", value="10")],
            storage=TrainingSpecSpecStorage(
                pvc=[PvcInstance(claim_name="datasets", path="/data", existing_pvc=True, read_only=True)]
            ),
        ),
    )
    training = client.trainings.create_training(body=request)
    print(f"training {training.name} ({training.workload_id}) submitted: {training.actual_phase}")

    again = client.trainings.get_training(workload_id=training.workload_id)
    print(f"phase: {again.actual_phase}, image: {again.spec.image if again.spec else None}")


if __name__ == "__main__":
    main()
