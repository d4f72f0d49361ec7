from django.db import models
from django.db.models import Avg, F

from apps.teams.models import TeamScopedModel, TeamScopedQuerySet

ENVIRONMENT_PRODUCTION = "production"
ENVIRONMENT_STAGING = "staging"
ENVIRONMENT_CHOICES = [(ENVIRONMENT_PRODUCTION, "Production"), (ENVIRONMENT_STAGING, "Staging")]


class DeploymentQuerySet(TeamScopedQuerySet):
    def production(self):
        return self.filter(environment=ENVIRONMENT_PRODUCTION)

    def between(self, start, end):
        return self.filter(deployed_at__gte=start, deployed_at__lt=end)

    def successful(self):
        return self.filter(succeeded=True)

    def average_lead_time(self):
        return self.exclude(first_commit_at__isnull=True).aggregate(
            value=Avg(F("deployed_at") - F("first_commit_at"))
        )["value"]


class Deployment(TeamScopedModel):
    repository = models.ForeignKey(
        "integrations.TrackedRepository", on_delete=models.CASCADE, related_name="deployments"
    )
    environment = models.CharField(max_length=16, choices=ENVIRONMENT_CHOICES, default=ENVIRONMENT_PRODUCTION)
    sha = models.CharField(max_length=40)
    deployed_at = models.DateTimeField()
    first_commit_at = models.DateTimeField(null=True, blank=True)
    succeeded = models.BooleanField(default=True)

    objects = DeploymentQuerySet.as_manager()

    class Meta:
        ordering = ["-deployed_at"]
        indexes = [models.Index(fields=["environment", "deployed_at"], name="deployment_env_time_idx")]

    def __str__(self):
        return f"{self.repository} @ {self.sha[:7]} ({self.environment})"

    @property
    def lead_time(self):
        if self.first_commit_at is None:
            return None
        return self.deployed_at - self.first_commit_at
