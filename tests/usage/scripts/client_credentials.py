"""Connect with a service account's client credentials and show what the tenant has.

Set RUNAI_BASE_URL, RUNAI_CLIENT_ID and RUNAI_CLIENT_SECRET: the client fetches and renews tokens itself.
"""

from __future__ import annotations

from runai_v2_24 import API_VERSION, Client


def main() -> None:
    with Client() as client:
        departments = client.departments.get_departments(limit=20)
        print(f"Run:ai {API_VERSION}: {client.departments.count_departments().count} department(s)")
        for department in departments.departments:
            print(f"  {department.name} ({department.id}) on cluster {department.cluster_id}")
        print(f"{client.projects.count_projects().count} project(s)")


if __name__ == "__main__":
    main()
