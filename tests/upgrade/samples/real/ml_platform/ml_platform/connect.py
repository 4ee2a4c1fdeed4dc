"""How the team builds its client."""

from runai_v2_22 import Client


def make_client(token: str) -> Client:
    return Client("https://runai.example.com", token=token)
