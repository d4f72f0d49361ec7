"""Background jobs for integrations, run every few minutes by the `run_integration_jobs` scheduler."""

import logging

from apps.integrations import models as integration_models

logger = logging.getLogger(__name__)


def check_all_connections(team=None):
    """Ping every enabled integration; returns {str(integration): ok}."""
    results = {}
    for model in (
        integration_models.GitHubIntegration,
        integration_models.JiraIntegration,
        integration_models.SlackIntegration,
    ):
        queryset = model.objects.enabled()
        if team is not None:
            queryset = queryset.for_team(team)
        for integration in queryset.select_related("credential"):
            results[str(integration)] = bool(integration.check_connection())
    return results


def sync_jira_projects(team=None):
    from apps.integrations.services.jira_sync import sync_jira_integration

    queryset = integration_models.JiraIntegration.objects.due_for_sync()
    if team is not None:
        queryset = queryset.for_team(team)
    return {str(integration): sync_jira_integration(integration) for integration in queryset}


def disable_failing_integrations():
    """Stop syncing integrations that failed too often in a row; their owners get a Slack warning."""
    from apps.integrations.services.slack_notify import announce_sync_failure

    disabled = []
    for model in (integration_models.GitHubIntegration, integration_models.JiraIntegration):
        failing = model.objects.filter(consecutive_failures__gte=integration_models.MAX_CONSECUTIVE_FAILURES)
        for integration in failing.exclude(sync_status=integration_models.SYNC_STATUS_DISABLED):
            integration.sync_status = integration_models.SYNC_STATUS_DISABLED
            integration.save(update_fields=["sync_status", "updated_at"])
            announce_sync_failure(integration)
            disabled.append(integration)
            logger.warning("disabled %s after %d failures", integration, integration.consecutive_failures)
    return disabled
