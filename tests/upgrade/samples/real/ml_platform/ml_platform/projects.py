"""Projects: list them, create one from a model and one from a dict."""

import runai_v2_22.models as m
from runai_v2_22 import Client
from runai_v2_22.models import Project, ProjectCreationRequest

from .connect import make_client


def names(client: Client) -> list[str]:
    projects = client.projects  # a resource kept in a variable
    page = projects.get_projects(limit=50, sort_order="asc")
    return [p.name for p in page.projects]


def create(name: str, cluster: str) -> Project:
    client = make_client("token")
    request = ProjectCreationRequest(name=name, cluster_id=cluster, resources=[])
    return client.projects.create_project(body=request)


def create_from_dict(client: Client, name: str) -> Project:
    # built from a dict with wire names, as it came from a config file
    request = m.ProjectCreationRequest.model_validate({"name": name, "clusterId": "c1", "resources": []})
    return client.projects.create_project(body=request)
