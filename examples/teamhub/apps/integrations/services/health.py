"""Health overview of a team's integrations, shown on the dashboard and used by alerting."""

from apps.integrations.models import (
    SYNC_STATUS_FAILED,
    SYNC_STATUS_RATE_LIMITED,
    SYNC_STATUS_SYNCED,
    GitHubIntegration,
    IntegrationCredential,
    JiraIntegration,
    SlackIntegration,
)

PROVIDER_MODELS = (GitHubIntegration, JiraIntegration, SlackIntegration)


def integration_health(team):
    """Counts per sync state for `team`, plus credentials needing attention."""
    summary = {"synced": 0, "failing": 0, "rate_limited": 0, "other": 0}
    for model in PROVIDER_MODELS:
        for status in model.objects.for_team(team).values_list("sync_status", flat=True):
            if status == SYNC_STATUS_SYNCED:
                summary["synced"] += 1
            elif status == SYNC_STATUS_FAILED:
                summary["failing"] += 1
            elif status == SYNC_STATUS_RATE_LIMITED:
                summary["rate_limited"] += 1
            else:
                summary["other"] += 1
    credentials = IntegrationCredential.objects.for_team(team)
    summary["expired_credentials"] = credentials.expired().count()
    summary["expiring_credentials"] = credentials.expiring_within().count()
    return summary


def is_team_healthy(team):
    health = integration_health(team)
    return not (health["failing"] or health["expired_credentials"])
