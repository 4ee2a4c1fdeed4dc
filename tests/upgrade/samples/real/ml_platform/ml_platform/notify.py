"""Tokens and notifications: a response field 2.24 removes, a request field 2.24 requires."""

from runai_v2_22 import Client
from runai_v2_22.models import NotificationState


def external_token(client: Client) -> str | None:
    token = client.tokens.grant_token(body={"grantType": "app_token", "appId": "a", "appSecret": "s"})
    return token.external_token  # removed in 2.24


def mute(client: Client) -> None:
    client.notification_state.update_notification_state(body=NotificationState())  # enabled: now required
    client.notification_state.update_notification_state(body={})  # the same, from a dict
