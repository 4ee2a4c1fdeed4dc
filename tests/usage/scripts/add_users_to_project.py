"""Give a list of users the "L1 researcher" role in a project (the runapy "add users to a project" example).

Looks the project up by name (the first project when none has that name), the role by name, and
creates one access rule per user who does not have it yet.
"""

from __future__ import annotations

from runai_v2_24 import Client, ConflictError
from runai_v2_24.models import AccessRuleCreationFields, ScopeType, SubjectType

PROJECT = "team-a"
ROLE = "L1 researcher"
USERS = ["alice@example.com", "bob@example.com"]


def main() -> None:
    client = Client()
    project = next(client.projects.iter_get_projects(search=PROJECT, limit=10), None)
    if project is None:
        raise SystemExit(f"no project matches {PROJECT!r}")
    roles = client.roles.get_roles()
    role = next((r for r in roles if r.name == ROLE), roles[0])
    print(f"project {project.name} ({project.id}), role {role.name} ({role.id})")

    existing = {
        rule.subject_id
        # `scope_type` and `role_id` are deprecated in 2.24 (API.md): filter with `filter_by` instead
        for rule in client.access_rules.iter_get_access_rules(
            scope_id=project.id, filter_by=["scopeType==project", f"roleId=={role.id}"], limit=100
        )
    }
    for user in USERS:
        if user in existing:
            print(f"{user}: already has the role")
            continue
        try:
            rule = client.access_rules.create_access_rule(
                body=AccessRuleCreationFields(
                    subject_id=user,
                    subject_type=SubjectType.USER,
                    role_id=role.id,
                    scope_id=project.id,
                    scope_type=ScopeType.PROJECT,
                )
            )
        except ConflictError:
            print(f"{user}: a rule already exists")
            continue
        print(f"{user}: access rule {rule.id} created ({rule.role_name} in {rule.scope_name})")


if __name__ == "__main__":
    main()
