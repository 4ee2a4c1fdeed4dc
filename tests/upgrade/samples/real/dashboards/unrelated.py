"""Code that happens to use the same method names on other objects: nothing to report."""


class Projects:
    def get_projects(self, limit: int = 1) -> list[str]:
        return ["a"] * limit


client = Projects()
print(client.get_projects(limit=2))
