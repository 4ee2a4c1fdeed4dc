from runai_v2_22 import Client

def oops(:
    pass
