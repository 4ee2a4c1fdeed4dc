"""A hand-written stand-in for a generated package, in the exact shape the generator emits.

The conftest copies it next to the runtime as `rtpkg/api.py`; the mypy test checks it
with the runtime, so the contract between generated code and runtime is type-checked.
"""

from __future__ import annotations

import enum
from collections.abc import AsyncIterator, Iterator
from functools import cached_property
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from typing_extensions import Unpack, deprecated

from ._runtime import (
    NOT_GIVEN,
    AsyncBaseClient,
    AsyncResource,
    Endpoint,
    NotGiven,
    Pagination,
    RequestOptions,
    SyncBaseClient,
    SyncResource,
)


class Phase(str, enum.Enum):
    RUNNING = "Running"
    PENDING = "Pending"


class Limits(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)
    gpu: int | None = None
    old_gpu: int | None = Field(default=None, alias="oldGpu", deprecated="use gpu")


class Project(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)
    id: str
    name: str | None = None
    # Known values become the enum, unknown ones stay str; smart mode would keep str.
    phase: Phase | str | None = Field(default=None, union_mode="left_to_right")


class ProjectsList(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)
    projects: list[Project] | None = None


class ProjectCreate(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)
    name: str
    cluster_id: str | None = Field(default=None, alias="clusterId", deprecated=True)
    limits: Limits | None = None


_GET_PROJECT = Endpoint(
    method="GET",
    path="/api/v1/org-unit/projects/{projectId}",
    operation="projects.get_project",
    result="json",
    body_media_type=None,
    comma_joined=frozenset(),
    deprecated_params={},
    pagination=None,
)
_LIST_PROJECTS = Endpoint(
    method="GET",
    path="/api/v1/org-unit/projects",
    operation="projects.list_projects",
    result="json",
    body_media_type=None,
    comma_joined=frozenset({"filterBy"}),
    deprecated_params={"clusterId": "the parameter clusterId of projects.list_projects is deprecated"},
    pagination=Pagination(offset_param="offset", limit_param="limit", items_field="projects"),
)
_LIST_RAW = Endpoint(
    method="GET",
    path="/api/v1/org-unit/projects-raw",
    operation="projects.list_raw",
    result="json",
    pagination=Pagination(items_field="projects"),
)
_CREATE_PROJECT = Endpoint(
    method="POST",
    path="/api/v1/org-unit/projects",
    operation="projects.create_project",
    result="json",
    body_media_type="application/json",
)
_LOGIN = Endpoint(
    method="POST",
    path="/api/v1/login",
    operation="projects.login",
    result="none",
    body_media_type="application/x-www-form-urlencoded",
)
_DELETE_PROJECT = Endpoint(
    method="DELETE",
    path="/api/v1/org-unit/projects/{projectId}",
    operation="projects.delete_project",
    result="none",
)
_EXPORT = Endpoint(
    method="GET",
    path="/api/v1/export/{name}",
    operation="projects.export",
    result="bytes",
)
_README = Endpoint(method="GET", path="/api/v1/readme", operation="projects.readme", result="text")


class ProjectsResource(SyncResource):
    def get_project(self, *, project_id: str, **options: Unpack[RequestOptions]) -> Project:
        return self._call(
            _GET_PROJECT,
            path={"projectId": project_id},
            query={},
            headers={},
            body=NOT_GIVEN,
            cast_to=Project,
            options=options,
        )

    def list_projects(
        self,
        *,
        filter_by: list[str] | NotGiven = NOT_GIVEN,
        cluster_id: str | NotGiven = NOT_GIVEN,
        offset: int | NotGiven = NOT_GIVEN,
        limit: int | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> ProjectsList:
        return self._call(
            _LIST_PROJECTS,
            path={},
            query={
                "filterBy": filter_by,
                "clusterId": cluster_id,
                "offset": offset,
                "limit": limit,
            },
            headers={},
            body=NOT_GIVEN,
            cast_to=ProjectsList,
            options=options,
        )

    def iter_list_projects(
        self,
        *,
        filter_by: list[str] | NotGiven = NOT_GIVEN,
        cluster_id: str | NotGiven = NOT_GIVEN,
        offset: int | NotGiven = NOT_GIVEN,
        limit: int | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Iterator[Project]:
        return self._paginate(
            _LIST_PROJECTS,
            path={},
            query={
                "filterBy": filter_by,
                "clusterId": cluster_id,
                "offset": offset,
                "limit": limit,
            },
            headers={},
            cast_to=ProjectsList,
            item_type=Project,
            options=options,
        )

    def iter_list_raw(self, **options: Unpack[RequestOptions]) -> Iterator[Project]:
        return self._paginate(
            _LIST_RAW,
            path={},
            query={},
            headers={},
            cast_to=dict[str, Any],
            item_type=Project,
            options=options,
        )

    def list_all(self, **options: Unpack[RequestOptions]) -> list[Project]:
        return self._call(
            _LIST_RAW,
            path={},
            query={},
            headers={},
            body=NOT_GIVEN,
            cast_to=list[Project],
            options=options,
        )

    def create_project(
        self,
        *,
        body: ProjectCreate | dict[str, Any],
        x_trace: str | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Project:
        return self._call(
            _CREATE_PROJECT,
            path={},
            query={},
            headers={"X-Trace": x_trace},
            body=body,
            cast_to=Project,
            options=options,
        )

    def login(self, *, body: dict[str, Any], **options: Unpack[RequestOptions]) -> None:
        return self._call(_LOGIN, path={}, query={}, headers={}, body=body, cast_to=None, options=options)

    def delete_project(self, *, project_id: str, **options: Unpack[RequestOptions]) -> None:
        return self._call(
            _DELETE_PROJECT,
            path={"projectId": project_id},
            query={},
            headers={},
            body=NOT_GIVEN,
            cast_to=None,
            options=options,
        )

    def export(self, *, name: str, **options: Unpack[RequestOptions]) -> bytes:
        return self._call(
            _EXPORT,
            path={"name": name},
            query={},
            headers={},
            body=NOT_GIVEN,
            cast_to=bytes,
            options=options,
        )

    @deprecated("projects.readme is deprecated: use projects.export instead")
    def readme(self, **options: Unpack[RequestOptions]) -> str:
        return self._call(_README, path={}, query={}, headers={}, body=NOT_GIVEN, cast_to=str, options=options)


class AsyncProjectsResource(AsyncResource):
    async def get_project(self, *, project_id: str, **options: Unpack[RequestOptions]) -> Project:
        return await self._call(
            _GET_PROJECT,
            path={"projectId": project_id},
            query={},
            headers={},
            body=NOT_GIVEN,
            cast_to=Project,
            options=options,
        )

    async def create_project(
        self, *, body: ProjectCreate | dict[str, Any], **options: Unpack[RequestOptions]
    ) -> Project:
        return await self._call(
            _CREATE_PROJECT,
            path={},
            query={},
            headers={},
            body=body,
            cast_to=Project,
            options=options,
        )

    async def export(self, *, name: str, **options: Unpack[RequestOptions]) -> bytes:
        return await self._call(
            _EXPORT,
            path={"name": name},
            query={},
            headers={},
            body=NOT_GIVEN,
            cast_to=bytes,
            options=options,
        )

    def iter_list_projects(
        self,
        *,
        filter_by: list[str] | NotGiven = NOT_GIVEN,
        limit: int | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncIterator[Project]:
        return self._paginate(
            _LIST_PROJECTS,
            path={},
            query={"filterBy": filter_by, "limit": limit},
            headers={},
            cast_to=ProjectsList,
            item_type=Project,
            options=options,
        )


class Client(SyncBaseClient):
    """A generated client, as the generator writes it."""

    _default_base_url: str | None = None
    _user_agent = "runai-test/0"

    @cached_property
    def projects(self) -> ProjectsResource:
        return ProjectsResource(self)


class AsyncClient(AsyncBaseClient):
    _user_agent = "runai-test/0"

    @cached_property
    def projects(self) -> AsyncProjectsResource:
        return AsyncProjectsResource(self)
