from io import StringIO
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import TestCase

from apps.integrations.models import SlackChannel

from . import factories


class SyncGitHubCommandTests(TestCase):
    @mock.patch("apps.integrations.models.GitHubIntegration.refresh")
    def test_refreshes_one_organization(self, refresh):
        factories.make_github_integration(organization="Acme")
        factories.make_github_integration(organization="Other")
        refresh.return_value = {"created": 2, "updated": 1, "archived": 0}
        out = StringIO()

        call_command("sync_github", organization="acme", stdout=out)

        refresh.assert_called_once_with()
        self.assertIn("GitHub: Acme: 2 new, 1 updated, 0 archived", out.getvalue())

    @mock.patch("apps.integrations.models.GitHubIntegration.refresh", return_value=None)
    def test_failures_make_the_command_fail(self, refresh):
        factories.make_github_integration()
        with self.assertRaises(CommandError):
            call_command("sync_github", all=True, stdout=StringIO(), stderr=StringIO())
        refresh.assert_called_once()

    def test_unknown_organization(self):
        with self.assertRaisesMessage(CommandError, "no GitHub integration"):
            call_command("sync_github", organization="nobody")


class RotateCredentialsCommandTests(TestCase):
    def test_reports_expired_credentials(self):
        from datetime import timedelta

        from django.utils import timezone

        credential = factories.make_credential(
            label="ci token", expires_at=timezone.now() - timedelta(days=1)
        )
        out = StringIO()
        call_command("rotate_credentials", stdout=out)
        self.assertIn(f"expired: {credential.team} / {credential}", out.getvalue())


class PruneSlackChannelsCommandTests(TestCase):
    def test_only_archived_channels_without_rules_are_deleted(self):
        prunable = factories.make_slack_channel(is_archived=True)
        kept = factories.make_slack_channel(is_archived=True)
        factories.make_notification_rule(channel=kept)
        out = StringIO()

        call_command("prune_slack_channels", stdout=out)

        self.assertIn("deleted 1 archived channels", out.getvalue())
        self.assertFalse(SlackChannel.objects.filter(pk=prunable.pk).exists())
        self.assertTrue(SlackChannel.objects.filter(pk=kept.pk).exists())
