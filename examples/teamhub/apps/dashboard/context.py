"""Builds the dashboard's data for one team; views only render it."""

import apps.integrations.models as im
from apps.integrations.services.health import integration_health
from apps.metrics.services import delivery_report


def dashboard_context(team):
    report = delivery_report(team)
    repositories = im.TrackedRepository.objects.for_team(team).active()
    return {
        "team": team.slug,
        "health": integration_health(team),
        "delivery": {
            "deployments_per_week": report.deployments_per_week,
            "change_failure_rate": report.change_failure_rate,
            "resolved_issues": report.resolved_issues,
        },
        "repositories": {
            "total": repositories.count(),
            "stale": repositories.stale().count(),
        },
        "github_organizations": list(
            im.GitHubIntegration.objects.for_team(team).values_list("organization", flat=True)
        ),
        "open_issues": im.JiraIssue.objects.for_team(team).open().count(),
    }
