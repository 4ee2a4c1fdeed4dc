from runai_v2_22 import Client

client = Client("https://runai.example.com")
client.logout.logout()
