"""Team-level operations that span every integration provider."""

from django.db import transaction

from apps.integrations import models as integration_models
from apps.integrations.constants import SYNC_STATUS_DISABLED

from .models import Team


def integration_summary(team: Team) -> dict:
    """What the team has connected, for the team settings page."""
    github = integration_models.GitHubIntegration.objects.for_team(team)
    jira = integration_models.JiraIntegration.objects.for_team(team)
    slack = integration_models.SlackIntegration.objects.for_team(team)
    return {
        "github": [g.organization for g in github],
        "jira": [j.site_url for j in jira],
        "slack": [s.workspace_name for s in slack],
        "repositories": integration_models.TrackedRepository.objects.filter(integration__team=team).count(),
        "credentials": integration_models.IntegrationCredential.objects.for_team(team).active().count(),
    }


@transaction.atomic
def archive_team(team: Team) -> int:
    """Archive a team: revoke its credentials and stop every sync. Returns how many were revoked."""
    revoked = 0
    for credential in integration_models.IntegrationCredential.objects.for_team(team).active():
        credential.revoke()
        revoked += 1
    integration_models.GitHubIntegration.objects.for_team(team).update(sync_status=SYNC_STATUS_DISABLED)
    integration_models.SlackIntegration.objects.for_team(team).update(sync_status=SYNC_STATUS_DISABLED)
    team.is_archived = True
    team.save(update_fields=["is_archived", "updated_at"])
    return revoked
