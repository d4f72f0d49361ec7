"""DORA metrics and sprint velocity computed from synced GitHub and Jira data."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from apps.integrations.models import JiraIssue, TrackedRepository

from .models import Deployment, Incident, SprintVelocity


@dataclass(frozen=True)
class DeliveryReport:
    deployments: int
    deployments_per_week: float
    change_failure_rate: float | None
    average_lead_time: timedelta | None
    active_repositories: int
    resolved_issues: int
    resolved_points: Decimal


def delivery_report(team, *, days=28, now=None):
    end = now or timezone.now()
    start = end - timedelta(days=days)
    deployments = Deployment.objects.for_team(team).production().between(start, end)
    count = deployments.count()
    failures = Incident.objects.for_team(team).between(start, end).filter(caused_by__isnull=False).count()
    issues = JiraIssue.objects.for_team(team).resolved_between(start, end)
    return DeliveryReport(
        deployments=count,
        deployments_per_week=round(count / (days / 7), 2),
        change_failure_rate=round(failures / count, 3) if count else None,
        average_lead_time=deployments.average_lead_time(),
        active_repositories=TrackedRepository.objects.for_team(team).active().count(),
        resolved_issues=issues.count(),
        resolved_points=issues.aggregate(points=Sum("story_points"))["points"] or Decimal("0"),
    )


def record_sprint(project, *, sprint_name, starts_on, ends_on, committed_points):
    """Snapshot a finished sprint: completed points are the resolved issues' points in its window."""
    start = timezone.make_aware(datetime.combine(starts_on, time.min))
    end = timezone.make_aware(datetime.combine(ends_on + timedelta(days=1), time.min))
    completed = (
        JiraIssue.objects.filter(project=project)
        .resolved_between(start, end)
        .aggregate(points=Sum("story_points"))["points"]
    ) or Decimal("0")
    velocity, _ = SprintVelocity.objects.update_or_create(
        jira_project=project,
        sprint_name=sprint_name,
        defaults={
            "team": project.integration.team,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "committed_points": committed_points,
            "completed_points": completed,
        },
    )
    return velocity
