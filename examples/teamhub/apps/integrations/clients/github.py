"""GitHub REST client used by GitHubIntegration and the sync services."""

from typing import TYPE_CHECKING

from django.conf import settings

from .base import BaseAPIClient, ProviderAPIError

if TYPE_CHECKING:
    from apps.integrations.models import GitHubAppInstallation, GitHubIntegration


class GitHubAPIError(ProviderAPIError):
    pass


class GitHubClient(BaseAPIClient):
    error_class = GitHubAPIError

    def __init__(self, *, token, organization=None, timeout=10):
        super().__init__(timeout=timeout)
        self.token = token
        self.organization = organization
        self.base_url = settings.TEAMHUB["GITHUB_API_URL"]

    @classmethod
    def from_integration(cls, integration: "GitHubIntegration") -> "GitHubClient":
        return cls(token=integration.credential.secret, organization=integration.organization)

    @classmethod
    def for_installation(cls, installation: "GitHubAppInstallation") -> "GitHubClient":
        app_client = cls.from_integration(installation.integration)
        token = app_client.create_installation_token(installation.installation_id)
        return cls(token=token, organization=installation.account_login)

    def default_headers(self):
        return {
            "Authorization": f"Bearer {self.token}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
        }

    def list_repositories(self):
        if not self.organization:
            raise GitHubAPIError("an organization is required to list repositories")
        return list(self.paginate(f"orgs/{self.organization}/repos", params={"type": "all"}))

    def get_repository(self, full_name):
        return self.request("GET", f"repos/{full_name}")

    def list_pull_requests(self, full_name, *, state="closed"):
        return list(self.paginate(f"repos/{full_name}/pulls", params={"state": state}))

    def create_installation_token(self, installation_id):
        return self.request("POST", f"app/installations/{installation_id}/access_tokens")["token"]

    def get_rate_limit(self):
        return self.request("GET", "rate_limit")["resources"]["core"]
