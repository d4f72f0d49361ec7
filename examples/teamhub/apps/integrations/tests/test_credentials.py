from datetime import UTC, datetime, timedelta
from unittest import mock

from django.core.exceptions import ValidationError
from django.db import connection
from django.test import TestCase
from django.utils import timezone

from apps.integrations.models import IntegrationCredential

from . import factories

FIXED_NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


class CredentialExpiryTests(TestCase):
    def test_is_expired_reads_the_clock_of_the_models_module(self):
        credential = factories.make_credential(expires_at=FIXED_NOW + timedelta(hours=1))
        # Patched through the models module, as the rest of the suite does. Without the patch the
        # credential (expiring in 2024) would simply be expired.
        with mock.patch("apps.integrations.models.timezone.now", return_value=FIXED_NOW) as now:
            self.assertFalse(credential.is_expired)
            self.assertTrue(credential.expires_soon(days=1))
            now.return_value = FIXED_NOW + timedelta(hours=2)
            self.assertTrue(credential.is_expired)
            self.assertFalse(credential.is_usable)
        self.assertGreaterEqual(now.call_count, 3)

    def test_credential_without_expiry_never_expires(self):
        credential = factories.make_credential(expires_at=None)
        self.assertFalse(credential.is_expired)
        self.assertFalse(credential.expires_soon())

    def test_querysets_split_active_expired_and_expiring(self):
        team = factories.make_team()
        now = timezone.now()
        active = factories.make_credential(team=team, expires_at=now + timedelta(days=60))
        expiring = factories.make_credential(team=team, expires_at=now + timedelta(days=3))
        expired = factories.make_credential(team=team, expires_at=now - timedelta(minutes=1))
        revoked = factories.make_credential(team=team, revoked_at=now)
        factories.make_credential(expires_at=now + timedelta(days=2))  # another team

        credentials = IntegrationCredential.objects.for_team(team)
        self.assertEqual(set(credentials.active()), {active, expiring})
        self.assertEqual(list(credentials.expired()), [expired])
        self.assertEqual(list(credentials.expiring_within(7)), [expiring])
        self.assertNotIn(revoked, credentials.active())


class CredentialLifecycleTests(TestCase):
    def test_revoke_is_idempotent_and_records_who(self):
        admin = factories.make_user()
        credential = factories.make_credential()
        self.assertTrue(credential.revoke(by=admin))
        self.assertFalse(credential.revoke(by=admin))
        credential.refresh_from_db()
        self.assertEqual(credential.revoked_by, admin)
        self.assertFalse(credential.is_usable)

    def test_rotate_replaces_the_secret_in_place(self):
        credential = factories.make_credential(secret="old-token")
        integration = factories.make_github_integration(credential=credential)
        before = credential.fingerprint
        credential.rotate("new-token", expires_at=timezone.now() + timedelta(days=30))
        integration.refresh_from_db()
        self.assertEqual(integration.credential.secret, "new-token")
        self.assertNotEqual(integration.credential.fingerprint, before)

    def test_revoked_credentials_cannot_be_rotated(self):
        credential = factories.make_credential()
        credential.revoke()
        with self.assertRaises(ValidationError):
            credential.rotate("new-token")

    def test_clean_rejects_kinds_of_other_providers(self):
        credential = factories.make_credential(provider="jira", kind=IntegrationCredential.KIND_GITHUB_APP)
        with self.assertRaises(ValidationError):
            credential.clean()

    def test_integration_follows_the_provider(self):
        slack = factories.make_slack_integration()
        self.assertEqual(slack.credential.integration, slack)
        self.assertIsNone(factories.make_credential(provider="jira").integration)


class EncryptionAtRestTests(TestCase):
    def test_secret_is_not_stored_in_clear(self):
        credential = factories.make_credential(secret="ghp_supersecret")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT secret FROM integrations_integrationcredential WHERE id = %s", [credential.pk]
            )
            (stored,) = cursor.fetchone()
        self.assertTrue(stored.startswith("enc1$"))
        self.assertNotIn("supersecret", stored)
        self.assertEqual(IntegrationCredential.objects.get(pk=credential.pk).secret, "ghp_supersecret")
