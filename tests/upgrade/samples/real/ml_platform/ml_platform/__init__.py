"""A team's tooling around the Run:ai 2.22 client (a sample user project for upgrade-check)."""
