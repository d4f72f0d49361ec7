from django.db import models

from apps.teams.models import TeamScopedModel, TeamScopedQuerySet

from .deployments import Deployment


class IncidentQuerySet(TeamScopedQuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)

    def between(self, start, end):
        return self.filter(started_at__gte=start, started_at__lt=end)


class Incident(TeamScopedModel):
    SEVERITY_CHOICES = [(1, "SEV1"), (2, "SEV2"), (3, "SEV3")]

    title = models.CharField(max_length=200)
    severity = models.PositiveSmallIntegerField(choices=SEVERITY_CHOICES, default=3)
    caused_by = models.ForeignKey(
        Deployment, on_delete=models.SET_NULL, null=True, blank=True, related_name="incidents"
    )
    started_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"SEV{self.severity}: {self.title}"

    @property
    def time_to_restore(self):
        return None if self.resolved_at is None else self.resolved_at - self.started_at
