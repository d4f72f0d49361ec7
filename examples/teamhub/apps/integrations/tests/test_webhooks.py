import hashlib
import hmac
import json

from django.test import TestCase
from django.urls import reverse

from apps.integrations.models import GitHubAppInstallation, TrackedRepository
from apps.metrics.models import Deployment

from . import factories


class GitHubWebhookTests(TestCase):
    def setUp(self):
        self.integration = factories.make_github_integration(organization="acme")
        self.url = reverse("integrations:github-webhook", kwargs={"slug": self.integration.slug})

    def post_event(self, event, payload, *, secret=None):
        body = json.dumps(payload).encode()
        key = (secret or self.integration.webhook_secret).encode()
        signature = "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()
        return self.client.post(
            self.url,
            data=body,
            content_type="application/json",
            headers={"X-GitHub-Event": event, "X-Hub-Signature-256": signature},
        )

    def test_bad_signature_is_rejected(self):
        response = self.post_event("repository", {"action": "created"}, secret="wrong")
        self.assertEqual(response.status_code, 403)

    def test_new_repository_is_tracked(self):
        payload = {
            "action": "created",
            "repository": factories.github_repository_payload(full_name="acme/new"),
        }
        response = self.post_event("repository", payload)
        self.assertEqual(response.status_code, 202)
        self.assertEqual(TrackedRepository.objects.get().full_name, "acme/new")

    def test_installation_lifecycle(self):
        installation = {"id": 987, "account": {"login": "acme"}, "permissions": {"contents": "read"}}
        self.post_event("installation", {"action": "created", "installation": installation})
        self.assertTrue(GitHubAppInstallation.objects.get(installation_id=987).is_active)
        self.post_event("installation", {"action": "suspend", "installation": installation})
        self.assertFalse(GitHubAppInstallation.objects.get(installation_id=987).is_active)
        self.post_event("installation", {"action": "deleted", "installation": installation})
        self.assertFalse(GitHubAppInstallation.objects.exists())

    def test_successful_deployment_is_recorded(self):
        repository = factories.make_repository(integration=self.integration, external_id=555)
        payload = {
            "deployment_status": {"state": "success"},
            "deployment": {"sha": "b" * 40, "environment": "production"},
            "repository": {"id": 555, "full_name": repository.full_name},
        }
        self.assertEqual(self.post_event("deployment_status", payload).status_code, 202)
        deployment = Deployment.objects.get()
        self.assertEqual((deployment.repository, deployment.team), (repository, self.integration.team))

    def test_unknown_events_are_ignored(self):
        self.assertEqual(self.post_event("star", {"action": "created"}).status_code, 204)
