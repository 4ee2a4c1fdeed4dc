"""Every user, page after page, with the roles each one holds."""

from __future__ import annotations

from runai_v2_24 import Client


def main() -> None:
    client = Client()
    users = list(client.users.iter_get_users(limit=100))
    print(f"{len(users)} user(s)")
    for user in users[:5]:
        rules = client.access_rules.get_access_rules(subject_type="user", subject_ids=[user.id], limit=20)
        roles = sorted({f"{rule.role_name} on {rule.scope_type} {rule.scope_name}" for rule in rules.access_rules})
        last = user.last_login.isoformat() if user.last_login else "never"
        print(f"{user.username} (last login {last}): {'; '.join(roles) or 'no roles'}")


if __name__ == "__main__":
    main()
