from decimal import Decimal

from django.db import models

from apps.teams.models import TeamScopedModel


class SprintVelocity(TeamScopedModel):
    jira_project = models.ForeignKey(
        "integrations.JiraProject", on_delete=models.CASCADE, related_name="sprint_velocities"
    )
    sprint_name = models.CharField(max_length=100)
    starts_on = models.DateField()
    ends_on = models.DateField()
    committed_points = models.DecimalField(max_digits=6, decimal_places=1, default=Decimal("0"))
    completed_points = models.DecimalField(max_digits=6, decimal_places=1, default=Decimal("0"))

    class Meta:
        ordering = ["-starts_on"]
        verbose_name_plural = "sprint velocities"
        constraints = [
            models.UniqueConstraint(fields=["jira_project", "sprint_name"], name="unique_sprint_per_project"),
        ]

    def __str__(self):
        return f"{self.jira_project.key} {self.sprint_name}"

    @property
    def completion_ratio(self):
        if not self.committed_points:
            return None
        return self.completed_points / self.committed_points
