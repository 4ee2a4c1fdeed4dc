"""What a script sees when things go wrong: the server rejects a request, or nothing answers."""

from __future__ import annotations

from runai_v2_24 import APIConnectionError, APIStatusError, BadRequestError, Client, UnprocessableEntityError


def main() -> None:
    client = Client(max_retries=0)
    try:
        # An access rule needs a subject, a role and a scope: this one has only a subject.
        client.access_rules.create_access_rule(body={"subjectId": "alice@example.com"})
    except (BadRequestError, UnprocessableEntityError) as error:
        print(f"rejected as expected: {error.status_code} {error.message}")
    except APIStatusError as error:
        print(f"rejected with another status: {error.status_code} {error.message}")
    else:
        raise SystemExit("the server accepted an access rule without a role or scope")

    unreachable = Client("http://127.0.0.1:9", token="not-used", max_retries=0, timeout=5.0)
    try:
        unreachable.departments.get_departments()
    except APIConnectionError as error:
        print(f"no connection: {type(error).__name__}")
    else:
        raise SystemExit("an unreachable server answered")
    finally:
        unreachable.close()
    client.close()


if __name__ == "__main__":
    main()
