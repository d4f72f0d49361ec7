"""Jira Cloud REST client (API v3) used by JiraIntegration and the Jira sync service."""

import base64
from typing import TYPE_CHECKING

from .base import BaseAPIClient, ProviderAPIError

if TYPE_CHECKING:
    from apps.integrations.models import JiraIntegration


class JiraAPIError(ProviderAPIError):
    pass


class JiraClient(BaseAPIClient):
    error_class = JiraAPIError

    def __init__(self, *, site_url, email, token, timeout=15):
        super().__init__(timeout=timeout)
        self.base_url = site_url.rstrip("/") + "/rest/api/3"
        self.email = email
        self.token = token

    @classmethod
    def from_integration(cls, integration: "JiraIntegration") -> "JiraClient":
        return cls(
            site_url=integration.site_url,
            email=integration.account_email,
            token=integration.credential.secret,
        )

    def default_headers(self):
        raw = f"{self.email}:{self.token}".encode()
        return {"Authorization": "Basic " + base64.b64encode(raw).decode("ascii")}

    def list_projects(self):
        return self.request("GET", "project/search", params={"maxResults": 100}).get("values", [])

    def search_issues(self, jql, *, fields=("summary", "status", "issuetype", "assignee", "resolutiondate")):
        start = 0
        while True:
            page = self.request(
                "GET", "search", params={"jql": jql, "startAt": start, "fields": ",".join(fields)}
            )
            issues = page.get("issues", [])
            yield from issues
            start += len(issues)
            if not issues or start >= page.get("total", 0):
                return
