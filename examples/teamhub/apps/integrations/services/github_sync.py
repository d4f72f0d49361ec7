"""Scheduled GitHub synchronisation: organization refreshes, then stale repositories."""

import logging

from ..models import GitHubIntegration, TrackedRepository

logger = logging.getLogger(__name__)


def sync_due_github_integrations(*, limit=20):
    """Refresh every GitHub integration that is due. Returns {organization: counts or None}."""
    results = {}
    for integration in GitHubIntegration.objects.due_for_sync().select_related("credential")[:limit]:
        if not integration.credential.is_usable:
            logger.info("skipping %s: credential not usable", integration)
            continue
        results[integration.organization] = integration.refresh()
    return results


def sync_stale_repositories(integration: GitHubIntegration, *, limit=50):
    """Re-fetch metadata for repositories not synced within the interval. Returns how many succeeded."""
    synced = 0
    for repository in TrackedRepository.objects.filter(integration=integration).stale()[:limit]:
        synced += bool(repository.sync())
    return synced
