"""JSON representations of integration objects for the API views (plain dicts, no DRF)."""

from apps.integrations.models import (
    GitHubIntegration,
    IntegrationCredential,
    JiraIntegration,
    SlackIntegration,
    TrackedRepository,
)


def _iso(value):
    return value.isoformat() if value else None


def serialize_credential(credential: IntegrationCredential) -> dict:
    return {
        "id": credential.pk,
        "provider": credential.provider,
        "label": credential.label,
        "fingerprint": credential.fingerprint,
        "expires_at": _iso(credential.expires_at),
        "is_usable": credential.is_usable,
    }


def serialize_repository(repository: TrackedRepository) -> dict:
    return {
        "id": repository.pk,
        "full_name": repository.full_name,
        "url": repository.html_url,
        "default_branch": repository.default_branch,
        "archived": repository.is_archived,
        "sync_status": repository.sync_status,
        "last_synced_at": _iso(repository.last_synced_at),
    }


def serialize_integration(integration) -> dict:
    data = {
        "id": integration.pk,
        "sync_status": integration.sync_status,
        "healthy": integration.is_healthy,
        "last_synced_at": _iso(integration.last_synced_at),
        "credential": serialize_credential(integration.credential),
    }
    if isinstance(integration, GitHubIntegration):
        data.update(provider="github", name=integration.organization, url=integration.html_url)
    elif isinstance(integration, JiraIntegration):
        data.update(provider="jira", name=integration.site_url, url=integration.site_url)
    elif isinstance(integration, SlackIntegration):
        data.update(provider="slack", name=integration.workspace_name, url=None)
    else:
        raise TypeError(f"not an integration: {integration!r}")
    return data
