"""Jira synchronisation: projects, then issues of tracked projects."""

import logging

from django.utils import timezone

from apps.integrations.clients.jira import JiraAPIError
from apps.integrations.models import JiraIntegration, JiraIssue, JiraProject

logger = logging.getLogger(__name__)


def sync_jira_integration(integration: JiraIntegration, *, since_days=30):
    """Sync projects, then the recent issues of every tracked project. Returns the number of issues."""
    integration.sync_projects()
    client = integration.client()
    total = 0
    for project in JiraProject.objects.filter(integration=integration, is_tracked=True):
        jql = f'project = "{project.key}" AND updated >= -{since_days}d ORDER BY updated DESC'
        try:
            for item in client.search_issues(jql):
                JiraIssue.upsert_from_api(project, item)
                total += 1
        except JiraAPIError as exc:
            logger.warning("issue sync for %s failed: %s", project, exc)
            continue
        project.last_synced_at = timezone.now()
        project.save(update_fields=["last_synced_at"])
    return total
