from datetime import timedelta
from unittest import mock

from django.test import TestCase
from django.utils import timezone

from apps.integrations import tasks
from apps.integrations.models import (
    MAX_CONSECUTIVE_FAILURES,
    SYNC_STATUS_DISABLED,
    SYNC_STATUS_FAILED,
    SYNC_STATUS_PENDING,
    SYNC_STATUS_SYNCED,
    GitHubIntegration,
    IntegrationCredential,
    JiraIntegration,
    JiraIssue,
    SlackIntegration,
)
from apps.integrations.services import credentials as credential_service
from apps.integrations.services.github_sync import sync_due_github_integrations, sync_stale_repositories
from apps.integrations.services.health import integration_health, is_team_healthy
from apps.integrations.services.jira_sync import sync_jira_integration
from apps.integrations.services.slack_notify import announce_deployment
from apps.metrics.models import Deployment

from . import factories


class HealthTests(TestCase):
    def test_counts_states_across_providers(self):
        team = factories.make_team()
        factories.make_github_integration(team=team, sync_status=SYNC_STATUS_SYNCED)
        factories.make_jira_integration(team=team, sync_status=SYNC_STATUS_FAILED)
        factories.make_slack_integration(team=team)
        factories.make_credential(team=team, expires_at=timezone.now() - timedelta(days=1))

        health = integration_health(team)

        self.assertEqual(health["synced"], 2)
        self.assertEqual(health["failing"], 1)
        self.assertEqual(health["expired_credentials"], 1)
        self.assertFalse(is_team_healthy(team))


class GitHubSyncServiceTests(TestCase):
    # Patches an attribute of the class object: the same object wherever the class is imported from.
    @mock.patch("apps.integrations.models.GitHubIntegration.refresh", autospec=True)
    def test_only_due_integrations_with_usable_credentials_are_refreshed(self, refresh):
        refresh.return_value = {"created": 0, "updated": 0, "archived": 0}
        due = factories.make_github_integration(organization="due")
        factories.make_github_integration(organization="fresh", last_synced_at=timezone.now())
        revoked = factories.make_github_integration(organization="revoked")
        revoked.credential.revoke()
        expired = factories.make_github_integration(organization="expired")
        expired.credential.expires_at = timezone.now() - timedelta(days=1)
        expired.credential.save()

        results = sync_due_github_integrations()

        self.assertEqual(set(results), {"due"})
        refresh.assert_called_once_with(due)

    @mock.patch("apps.integrations.models.GitHubClient")
    def test_stale_repositories_are_synced(self, client_cls):
        integration = factories.make_github_integration()
        stale = factories.make_repository(integration=integration)
        factories.make_repository(integration=integration, last_synced_at=timezone.now())
        client_cls.return_value.get_repository.return_value = factories.github_repository_payload(
            full_name=stale.full_name
        )
        self.assertEqual(sync_stale_repositories(integration), 1)
        client_cls.return_value.get_repository.assert_called_once_with(stale.full_name)


class JiraSyncServiceTests(TestCase):
    @mock.patch("apps.integrations.models.JiraClient")
    def test_issues_of_tracked_projects_are_synced(self, client_cls):
        integration = factories.make_jira_integration()
        client = client_cls.from_integration.return_value
        client.list_projects.return_value = [{"key": "OPS", "name": "Ops"}]
        client.search_issues.return_value = iter(
            [{"key": "OPS-1", "fields": {"summary": "Upgrade Postgres", "created": "2024-05-01T09:00:00Z"}}]
        )

        self.assertEqual(sync_jira_integration(integration), 1)

        self.assertEqual(JiraIssue.objects.get().summary, "Upgrade Postgres")
        self.assertIn('project = "OPS"', client.search_issues.call_args.args[0])


class SlackAnnouncementTests(TestCase):
    @mock.patch("apps.integrations.models.post_slack_message", return_value=True)
    def test_deployments_are_announced_where_subscribed(self, post):
        team = factories.make_team()
        channel = factories.make_slack_channel(
            integration=factories.make_slack_integration(team=team), is_default=True
        )
        repository = factories.make_repository(integration=factories.make_github_integration(team=team))
        deployment = Deployment.objects.create(
            team=team, repository=repository, sha="a" * 40, deployed_at=timezone.now()
        )

        self.assertEqual(announce_deployment(deployment), 1)

        post.assert_called_once()
        self.assertEqual(post.call_args.args[1]["channel"], channel.channel_id)
        self.assertIn(repository.full_name, post.call_args.args[1]["text"])


class CredentialServiceTests(TestCase):
    def test_rotation_gives_a_failing_integration_a_fresh_start(self):
        integration = factories.make_jira_integration(sync_status=SYNC_STATUS_FAILED, consecutive_failures=3)
        credential_service.rotate_credential(integration.credential, "new-token", valid_days=30)
        integration.refresh_from_db()
        self.assertEqual(integration.sync_status, SYNC_STATUS_PENDING)
        self.assertEqual(integration.consecutive_failures, 0)
        self.assertEqual(integration.credential.secret, "new-token")

    def test_unused_credentials_are_revoked(self):
        old = factories.make_credential()
        recent = factories.make_credential()
        long_ago = timezone.now() - timedelta(days=200)
        IntegrationCredential.objects.filter(pk=old.pk).update(created_at=long_ago)
        IntegrationCredential.objects.filter(pk=recent.pk).update(
            created_at=long_ago, last_used_at=timezone.now()
        )

        revoked = credential_service.revoke_unused_credentials(unused_days=90)

        self.assertEqual(revoked, [old])

    def test_expiring_uses_the_configured_warning_window(self):
        team = factories.make_team()
        soon = factories.make_credential(team=team, expires_at=timezone.now() + timedelta(days=10))
        factories.make_credential(team=team, expires_at=timezone.now() + timedelta(days=20))
        self.assertEqual(list(credential_service.credentials_expiring(team)), [soon])


class TaskTests(TestCase):
    @mock.patch.object(SlackIntegration, "check_connection", return_value=False)
    @mock.patch.object(JiraIntegration, "check_connection", return_value="Acme Jira")
    @mock.patch("apps.integrations.models.GitHubClient")
    def test_check_all_connections_pings_every_provider(self, client_cls, jira_check, slack_check):
        team = factories.make_team()
        github = factories.make_github_integration(team=team)
        jira = factories.make_jira_integration(team=team)
        slack = factories.make_slack_integration(team=team)
        factories.make_github_integration()  # another team
        client_cls.return_value.get_rate_limit.return_value = {"remaining": 10}

        results = tasks.check_all_connections(team)

        self.assertEqual(results, {str(github): True, str(jira): True, str(slack): False})
        client_cls.assert_called_once_with(token=github.credential.secret, organization=github.organization)
        jira_check.assert_called_once_with()
        slack_check.assert_called_once_with()

    @mock.patch("apps.integrations.models.post_slack_message", return_value=True)
    def test_integrations_failing_too_often_are_disabled_and_announced(self, post):
        team = factories.make_team()
        factories.make_notification_rule(
            channel=factories.make_slack_channel(integration=factories.make_slack_integration(team=team)),
            event="sync_failed",
        )
        failing = factories.make_github_integration(team=team, consecutive_failures=MAX_CONSECUTIVE_FAILURES)
        factories.make_github_integration(team=team, consecutive_failures=1)

        with self.assertLogs("apps.integrations.tasks", level="WARNING"):
            disabled = tasks.disable_failing_integrations()

        self.assertEqual(disabled, [failing])
        failing.refresh_from_db()
        self.assertEqual(failing.sync_status, SYNC_STATUS_DISABLED)
        post.assert_called_once()
        self.assertEqual(GitHubIntegration.objects.enabled().count(), 1)
