"""Read-only queries used by views and the dashboard."""

from itertools import chain

from .models import GitHubIntegration, IntegrationCredential, JiraIntegration, SlackIntegration


def integrations_for_team(team):
    """Every provider integration of `team`, GitHub first, with credentials preloaded."""
    return list(
        chain(
            GitHubIntegration.objects.for_team(team).select_related("credential"),
            JiraIntegration.objects.for_team(team).select_related("credential"),
            SlackIntegration.objects.for_team(team).select_related("credential"),
        )
    )


def credentials_needing_attention(team, *, days=None):
    credentials = IntegrationCredential.objects.for_team(team)
    expiring = credentials.expiring_within(days) if days is not None else credentials.expiring_within()
    return {"expired": list(credentials.expired()), "expiring": list(expiring)}
