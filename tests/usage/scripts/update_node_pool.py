"""Switch a node pool's GPU placement to bin-packing (the runapy node-pool example), by name."""

from __future__ import annotations

from runai_v2_24 import Client, NotFoundError
from runai_v2_24.models import (
    NodepoolUpdateFields,
    PlacementStrategy,
    SchedulingConfiguration,
    SchedulingConfigurationPlacementStrategy,
)

NODE_POOL = "a100-pool"


def main() -> None:
    client = Client()
    pools = list(client.node_pools.iter_get_nodepools(limit=50))
    pool = next((p for p in pools if p.name == NODE_POOL), pools[0] if pools else None)
    if pool is None:
        raise SystemExit("no node pool")
    before = pool.scheduling_configuration
    print(f"{pool.name} on {pool.cluster_name}: {before.placement_strategy if before else 'default placement'}")
    try:
        updated = client.node_pools.patch_nodepool(
            nodepool_id=pool.id,
            body=NodepoolUpdateFields(
                scheduling_configuration=SchedulingConfiguration(
                    placement_strategy=SchedulingConfigurationPlacementStrategy(
                        gpu=PlacementStrategy.BINPACK, cpu=PlacementStrategy.SPREAD
                    ),
                    min_guaranteed_runtime="1h",
                )
            ),
        )
    except NotFoundError:
        raise SystemExit(f"node pool {pool.id} is gone")
    print(f"{updated.name}: now {updated.scheduling_configuration}, phase {updated.phase}")


if __name__ == "__main__":
    main()
