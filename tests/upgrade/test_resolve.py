"""`Resolver`: what an expression holds, from the names bound so far (the fixture package `runai_v1_0`)."""

from __future__ import annotations

import libcst as cst
import pytest

from generator.upgrade.names import ApiIndex, index
from generator.upgrade.resolve import (
    Client,
    ClientClass,
    ClientMethod,
    ClientResource,
    GeneratedClass,
    Instance,
    Items,
    Kind,
    PackageModule,
    Resolver,
    Returns,
)

from .support import fixture_version

PKG = "runai_v1_0"


@pytest.fixture(scope="module")
def idx() -> ApiIndex:
    return index(fixture_version("before").api)


def _resolver(idx: ApiIndex) -> Resolver:
    """Names a user's module would have bound: the package, its models, a client, a helper function."""
    r = Resolver(idx)
    bindings: dict[str, Kind] = {
        PKG: PackageModule((PKG,)),
        "models": PackageModule((PKG, "models")),
        "Cluster": GeneratedClass("Cluster"),
        "ClusterState": GeneratedClass("ClusterState"),
        "Client": ClientClass(False),
        "client": Client(False),
        "latest_report": Returns(Instance("Report")),
    }
    for name, kind in bindings.items():
        r.bind(cst.Name(name), kind)
    return r


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        (f"{PKG}.Client", ClientClass(False)),
        (f"{PKG}.AsyncClient('https://x')", Client(True)),
        (f"{PKG}.models.cluster.Cluster", GeneratedClass("Cluster")),
        (f"{PKG}.models.nothing", None),
        ("client.with_options(timeout=1)", Client(False)),
        ("client.clusters", ClientResource("clusters")),
        ("client.nothing", None),
        ("client.clusters.list_clusters", ClientMethod("clusters", "list_clusters")),
        ("client.clusters.list_clusters()", Instance("ListClustersResponse")),
        ("client.clusters.list_clusters().clusters or []", Items(Instance("Cluster"))),
        ("(await client.clusters.get_clusters_legacy())[0]", Instance("Cluster")),
        ("client.clusters.delete_cluster(cluster_id='c')", None),  # no JSON result
        ("client.clusters.get_cluster_metrics().gpu_count", None),  # a primitive field
        ("models.Cluster", GeneratedClass("Cluster")),
        ("models.Cluster(name='a')", Instance("Cluster")),
        ("Cluster.model_validate({})", Instance("Cluster")),
        ("ClusterState('ready')", None),  # an enum, not a model instance
        ("latest_report()", Instance("Report")),
        ("unknown.clusters", None),
    ],
)
def test_infer(idx: ApiIndex, expression: str, expected: Kind | None) -> None:
    assert _resolver(idx).infer(cst.parse_expression(expression)) == expected


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        ("Client", Client(False)),
        ("Cluster", Instance("Cluster")),
        ("'Cluster'", Instance("Cluster")),
        ("list[models.Cluster]", Items(Instance("Cluster"))),
        ("dict[str, Cluster]", None),  # only one-argument generics are followed
        ("'list['", None),  # a string that does not parse
        ("ClusterState", None),
    ],
)
def test_annotation(idx: ApiIndex, annotation: str, expected: Kind | None) -> None:
    assert _resolver(idx).annotation(cst.parse_expression(annotation)) == expected


def test_scopes_hide_and_restore(idx: ApiIndex) -> None:
    r = _resolver(idx)
    r.push()
    r.bind(cst.Name("client"), None)  # rebound to something unknown inside a function
    assert r.infer(cst.parse_expression("client.clusters")) is None
    r.pop()
    assert r.infer(cst.parse_expression("client.clusters")) == ClientResource("clusters")


def test_member_of_another_package(idx: ApiIndex) -> None:
    r = Resolver(idx)
    assert r.member(("other_pkg",), "Client") is None
    assert r.member((PKG, "models", "cluster", "deeper"), "Cluster") is None
    assert r.member((PKG,), "models") == PackageModule((PKG, "models"))


def test_plain_import(idx: ApiIndex) -> None:
    r = Resolver(idx)
    assert not r.plainly_imported(PKG)
    r.push()
    r.bind_plain_import(cst.Name(PKG))
    assert r.plainly_imported(PKG)
    assert r.infer(cst.parse_expression(f"{PKG}.Client")) == ClientClass(False)
    r.bind(cst.Name(PKG), None)  # the name now holds something else
    assert not r.plainly_imported(PKG)
    r.pop()
    assert not r.plainly_imported(PKG)
