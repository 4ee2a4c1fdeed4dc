"""runai-sdkgen: typed Python clients and API change reports from the Run:ai OpenAPI documents."""

__version__ = "0.1.0"
