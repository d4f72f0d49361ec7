"""The receivers at the bottom of apps/integrations/models.py, observed through their effects."""

from django.db.models.signals import post_delete, post_save
from django.test import TestCase

from apps.integrations.models import (
    GitHubIntegration,
    IntegrationCredential,
    JiraIntegration,
    SlackChannel,
    SlackIntegration,
    SlackNotificationRule,
    TrackedRepository,
)

from . import factories


class NewRepositorySubscriptionTests(TestCase):
    def test_new_repository_is_announced_in_the_default_channel(self):
        team = factories.make_team()
        channel = factories.make_slack_channel(
            integration=factories.make_slack_integration(team=team), is_default=True
        )
        factories.make_slack_channel(integration=channel.integration)  # not default: no rule
        repository = factories.make_repository(integration=factories.make_github_integration(team=team))

        rule = SlackNotificationRule.objects.get(repository=repository)
        self.assertEqual((rule.channel, rule.event), (channel, "deploy"))

    def test_no_default_channel_no_rule(self):
        team = factories.make_team()
        factories.make_slack_channel(integration=factories.make_slack_integration(team=team))
        factories.make_repository(integration=factories.make_github_integration(team=team))
        self.assertFalse(SlackNotificationRule.objects.exists())

    def test_updates_do_not_subscribe_again(self):
        team = factories.make_team()
        factories.make_slack_channel(integration=factories.make_slack_integration(team=team), is_default=True)
        repository = factories.make_repository(integration=factories.make_github_integration(team=team))
        SlackNotificationRule.objects.all().delete()
        repository.default_branch = "develop"
        repository.save()
        self.assertFalse(SlackNotificationRule.objects.exists())


class DefaultChannelTests(TestCase):
    def test_only_one_default_channel_per_workspace(self):
        slack = factories.make_slack_integration()
        first = factories.make_slack_channel(integration=slack, is_default=True)
        second = factories.make_slack_channel(integration=slack, is_default=True)
        first.refresh_from_db()
        self.assertFalse(first.is_default)
        self.assertEqual(slack.default_channel, second)
        self.assertEqual(SlackChannel.objects.filter(is_default=True).count(), 1)


class JiraKeyNormalizationTests(TestCase):
    def test_project_keys_are_upper_cased_on_save(self):
        project = factories.make_jira_project(key=" ops ")
        project.refresh_from_db()
        self.assertEqual(project.key, "OPS")


class OrphanedCredentialTests(TestCase):
    def test_deleting_any_integration_deletes_its_credential(self):
        for make in (
            factories.make_github_integration,
            factories.make_jira_integration,
            factories.make_slack_integration,
        ):
            with self.subTest(make.__name__):
                integration = make()
                credential_pk = integration.credential_id
                integration.delete()
                self.assertFalse(IntegrationCredential.objects.filter(pk=credential_pk).exists())

    def test_deleting_a_credential_still_cascades(self):
        integration = factories.make_github_integration()
        integration.credential.delete()
        self.assertFalse(GitHubIntegration.objects.filter(pk=integration.pk).exists())

    def test_receivers_are_connected_once_to_each_sender(self):
        self.assertTrue(post_save.has_listeners(TrackedRepository))
        self.assertTrue(post_save.has_listeners(SlackChannel))
        for sender in (GitHubIntegration, JiraIntegration, SlackIntegration):
            receivers = post_delete._live_receivers(sender)
            names = [r.__name__ for r in (receivers[0] if isinstance(receivers, tuple) else receivers)]
            self.assertEqual(names.count("delete_orphaned_credential"), 1, sender)
