"""Deploy an inference server with a GPU, an HTTP serving port and autoscaling from 1 to 3 replicas."""

from __future__ import annotations

from runai_v2_24 import Client
from runai_v2_24.models import (
    AutoScaling,
    EnvironmentVariable,
    InferenceCreationRequest,
    InferenceSpecSpec,
    InferenceSpecSpecCompute,
    ServingPort,
    ServingPortProtocol,
)

PROJECT_ID = "4501"
CLUSTER_ID = "71f69d83-ba66-4822-adf5-55ce55efd210"


def main() -> None:
    client = Client(timeout=30.0)
    inference = client.inferences.create_inference(
        body=InferenceCreationRequest(
            name="llama-serve",
            project_id=PROJECT_ID,
            cluster_id=CLUSTER_ID,
            spec=InferenceSpecSpec(
                image="vllm/vllm-openai:latest",
                args="--model meta-llama/Llama-3.1-8B-Instruct",
                compute=InferenceSpecSpecCompute(gpu_devices_request=1, cpu_memory_request="32G"),
                environment_variables=[EnvironmentVariable(name="HF_HOME", value="/models")],
                serving_port=ServingPort(container=8000, protocol=ServingPortProtocol.HTTP),
                autoscaling=AutoScaling(min_replicas=1, max_replicas=3, metric="concurrency", metric_threshold=8),
            ),
        )
    )
    print(f"inference {inference.name} ({inference.workload_id}): {inference.actual_phase}")
    spec = inference.spec
    if spec is not None and spec.serving_port is not None:
        print(f"serving on port {spec.serving_port.container}")
    client.close()


if __name__ == "__main__":
    main()
