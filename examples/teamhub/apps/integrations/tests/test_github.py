import hashlib
import hmac
from datetime import timedelta
from unittest import mock

from django.test import TestCase
from django.utils import timezone

from apps.integrations.clients.github import GitHubAPIError
from apps.integrations.constants import (
    SYNC_STATUS_FAILED,
    SYNC_STATUS_RATE_LIMITED,
    SYNC_STATUS_SYNCED,
)
from apps.integrations.models import (
    DEFAULT_SYNC_INTERVAL,
    GitHubAppInstallation,
    GitHubIntegration,
    TrackedRepository,
    _normalize_slug,
)

from . import factories


class NormalizeSlugTests(TestCase):
    def test_normalize_slug(self):
        self.assertEqual(_normalize_slug("Acme Corp/Platform_Team"), "acme-corp-platform-team")
        self.assertEqual(_normalize_slug("  --Ops.. Tools--  "), "ops-tools")
        self.assertEqual(_normalize_slug("Ünïcode"), "ncode")
        self.assertEqual(_normalize_slug(None), "")

    def test_integration_slug_is_normalized_on_save(self):
        integration = factories.make_github_integration(organization="Acme Corp")
        self.assertEqual(integration.slug, "acme-corp")
        self.assertEqual(GitHubIntegration.objects.for_organization("ACME corp").get(), integration)


class GitHubRefreshTests(TestCase):
    @mock.patch("apps.integrations.models.GitHubClient")
    def test_refresh_creates_updates_and_archives_repositories(self, client_cls):
        integration = factories.make_github_integration(organization="acme")
        kept = factories.make_repository(integration=integration, external_id=11, full_name="acme/old-name")
        gone = factories.make_repository(integration=integration, external_id=12, full_name="acme/gone")
        client_cls.return_value.list_repositories.return_value = [
            factories.github_repository_payload(id=11, full_name="acme/api"),
            factories.github_repository_payload(id=13, full_name="acme/web", private=False),
        ]

        counts = integration.refresh()

        client_cls.assert_called_once_with(token=integration.credential.secret, organization="acme")
        client_cls.return_value.list_repositories.assert_called_once_with()
        self.assertEqual(counts, {"created": 1, "updated": 1, "archived": 1})
        kept.refresh_from_db()
        gone.refresh_from_db()
        self.assertEqual(kept.full_name, "acme/api")
        self.assertTrue(gone.is_archived)
        self.assertFalse(TrackedRepository.objects.get(external_id=13).is_private)
        integration.refresh_from_db()
        self.assertEqual(integration.sync_status, SYNC_STATUS_SYNCED)
        self.assertIsNotNone(integration.last_synced_at)
        self.assertIsNotNone(integration.credential.last_used_at)

    @mock.patch("apps.integrations.models.GitHubClient")
    def test_rate_limited_refresh_backs_off(self, client_cls):
        integration = factories.make_github_integration()
        client_cls.return_value.list_repositories.side_effect = GitHubAPIError("API rate limit", status=429)

        with self.assertLogs("apps.integrations.models", level="WARNING") as logs:
            self.assertIsNone(integration.refresh())

        integration.refresh_from_db()
        self.assertEqual(integration.sync_status, SYNC_STATUS_RATE_LIMITED)
        self.assertEqual(integration.consecutive_failures, 1)
        self.assertIn("sync failed (1 in a row)", logs.output[0])
        self.assertEqual(integration.next_sync_at, integration.created_at + DEFAULT_SYNC_INTERVAL * 2)

    @mock.patch("apps.integrations.models.GitHubClient")
    def test_check_connection_needs_remaining_calls(self, client_cls):
        integration = factories.make_github_integration()
        client_cls.return_value.get_rate_limit.return_value = {"limit": 5000, "remaining": 0}
        self.assertFalse(integration.check_connection())
        client_cls.return_value.get_rate_limit.return_value = {"limit": 5000, "remaining": 4999}
        self.assertTrue(integration.check_connection())
        self.assertEqual(client_cls.call_count, 2)

    @mock.patch("apps.integrations.models.GitHubClient")
    def test_check_connection_records_failures(self, client_cls):
        integration = factories.make_github_integration()
        client_cls.return_value.get_rate_limit.side_effect = GitHubAPIError("Bad credentials", status=401)
        with self.assertLogs("apps.integrations.models", level="WARNING"):
            self.assertFalse(integration.check_connection())
        integration.refresh_from_db()
        self.assertEqual(integration.sync_status, SYNC_STATUS_FAILED)
        self.assertEqual(integration.last_error, "Bad credentials")

    def test_requested_sync_comes_first(self):
        integration = factories.make_github_integration()
        integration.last_synced_at = timezone.now() - timedelta(minutes=5)
        integration.save()
        integration.mark_sync_requested()
        self.assertEqual(integration.next_sync_at, integration.sync_requested_at)


class TrackedRepositoryTests(TestCase):
    def test_installation_is_a_forward_string_reference(self):
        field = TrackedRepository._meta.get_field("installation")
        self.assertIs(field.related_model, GitHubAppInstallation)
        installation = factories.make_installation()
        repository = factories.make_repository(
            integration=installation.integration, installation=installation
        )
        self.assertEqual(list(installation.repositories.all()), [repository])

    @mock.patch("apps.integrations.models.GitHubClient")
    def test_sync_goes_through_the_installation_when_active(self, client_cls):
        installation = factories.make_installation()
        repository = factories.make_repository(
            integration=installation.integration, installation=installation
        )
        client_cls.for_installation.return_value.get_repository.return_value = (
            factories.github_repository_payload(
                full_name=repository.full_name, default_branch="trunk", archived=True
            )
        )

        self.assertTrue(repository.sync())

        client_cls.for_installation.assert_called_once_with(installation)
        client_cls.assert_not_called()
        repository.refresh_from_db()
        self.assertEqual(repository.default_branch, "trunk")
        self.assertTrue(repository.is_archived)
        self.assertEqual(repository.sync_status, SYNC_STATUS_SYNCED)

    @mock.patch("apps.integrations.models.GitHubClient")
    def test_suspending_an_installation_falls_back_to_the_organization_token(self, client_cls):
        installation = factories.make_installation()
        repository = factories.make_repository(
            integration=installation.integration, installation=installation
        )
        installation.suspend()
        repository.refresh_from_db()
        client_cls.return_value.get_repository.side_effect = GitHubAPIError("Not Found", status=404)

        with self.assertLogs("apps.integrations.models", level="WARNING"):
            self.assertFalse(repository.sync())

        client_cls.for_installation.assert_not_called()
        client_cls.assert_called_once()
        self.assertIsNone(repository.installation)
        self.assertEqual(repository.sync_status, SYNC_STATUS_FAILED)

    def test_stale_and_properties(self):
        fresh = factories.make_repository(full_name="acme/api", last_synced_at=timezone.now())
        stale = factories.make_repository(last_synced_at=timezone.now() - DEFAULT_SYNC_INTERVAL * 2)
        self.assertEqual(list(TrackedRepository.objects.stale()), [stale])
        self.assertEqual((fresh.owner, fresh.name), ("acme", "api"))
        self.assertEqual(fresh.html_url, "https://github.com/acme/api")

    def test_repository_counts_ignore_archived(self):
        integration = factories.make_github_integration()
        factories.make_repository(integration=integration)
        factories.make_repository(integration=integration, is_archived=True)
        annotated = GitHubIntegration.objects.with_repository_counts().get(pk=integration.pk)
        self.assertEqual(annotated.repository_count, 1)


class GitHubAppInstallationTests(TestCase):
    def test_manager_finds_active_installations_by_natural_key(self):
        installation = factories.make_installation()
        suspended = factories.make_installation()
        suspended.suspend()
        found = GitHubAppInstallation.objects.get_by_natural_key(*installation.natural_key())
        self.assertEqual(found, installation)
        self.assertEqual(list(GitHubAppInstallation.objects.active()), [installation])

    def test_permission_levels(self):
        installation = factories.make_installation(permissions={"contents": "read", "pull_requests": "write"})
        self.assertTrue(installation.has_permission("pull_requests", "read"))
        self.assertTrue(installation.has_permission("contents"))
        self.assertFalse(installation.has_permission("contents", "write"))
        self.assertFalse(installation.has_permission("issues"))


class WebhookSecretTests(TestCase):
    def test_each_integration_gets_its_own_secret(self):
        first, second = factories.make_github_integration(), factories.make_github_integration()
        self.assertEqual(len(first.webhook_secret), 64)
        self.assertNotEqual(first.webhook_secret, second.webhook_secret)

    def test_signature_verification(self):
        integration = factories.make_github_integration()
        body = b'{"zen": "Keep it logically awesome."}'
        good = "sha256=" + hmac.new(integration.webhook_secret.encode(), body, hashlib.sha256).hexdigest()
        self.assertTrue(integration.verify_webhook_signature(body, good))
        self.assertFalse(integration.verify_webhook_signature(body + b" ", good))
        other = factories.make_github_integration()
        self.assertFalse(other.verify_webhook_signature(body, good))
        self.assertFalse(integration.verify_webhook_signature(body, None))
