"""Slack Web API client used by the notification services."""

from typing import TYPE_CHECKING

from django.conf import settings

from .base import BaseAPIClient, ProviderAPIError

if TYPE_CHECKING:
    from apps.integrations.models import SlackChannel, SlackIntegration


class SlackAPIError(ProviderAPIError):
    pass


class SlackClient(BaseAPIClient):
    error_class = SlackAPIError

    def __init__(self, *, token, timeout=10):
        super().__init__(timeout=timeout)
        self.token = token
        self.base_url = settings.TEAMHUB["SLACK_API_URL"]

    @classmethod
    def from_integration(cls, integration: "SlackIntegration") -> "SlackClient":
        return cls(token=integration.credential.secret)

    def default_headers(self):
        return {"Authorization": f"Bearer {self.token}"}

    def _checked(self, method, path, **kwargs):
        data = self.request(method, path, **kwargs)
        if not data.get("ok", False):
            raise SlackAPIError(f"Slack {path}: {data.get('error', 'unknown error')}", status=200)
        return data

    def list_channels(self):
        data = self._checked("GET", "conversations.list", params={"exclude_archived": "true", "limit": 500})
        return data.get("channels", [])

    def post_message(self, channel: "SlackChannel", text, *, blocks=None):
        payload = {"channel": channel.channel_id, "text": text}
        if blocks:
            payload["blocks"] = blocks
        return self._checked("POST", "chat.postMessage", payload=payload)
