"""Nightly jobs: a deprecated call, a removed operation, an operation that moved."""

from runai_v2_22 import Client as RunaiClient


def nightly(token: str) -> None:
    with RunaiClient("https://runai.example.com", token=token) as client:
        nodes = client.nodes.get_nodes(cluster_uuid="c1")  # deprecated in 2.24
        print(len(nodes.nodes or []))
        categories = client.workloads.list_categories()  # moved to workload_properties
        print(categories)
        for w in client.workloads.get_workloads(limit=10).workloads:
            print(w.name, w.idle_gpus)  # idle_gpus: deprecated field
        client.logout.logout()  # removed in 2.24
