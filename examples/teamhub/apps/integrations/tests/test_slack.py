from unittest import mock

from django.core.exceptions import ValidationError
from django.test import TestCase

from apps.integrations import models as integration_models
from apps.integrations.constants import SYNC_STATUS_DISABLED, SYNC_STATUS_FAILED

from . import factories


class SlackNotifyTests(TestCase):
    def setUp(self):
        self.slack = factories.make_slack_integration()
        self.channel = factories.make_slack_channel(integration=self.slack, is_default=True)

    def test_notify_posts_to_the_default_channel_through_the_webhook_helper(self):
        with mock.patch.object(integration_models, "post_slack_message", return_value=True) as post:
            self.assertTrue(self.slack.notify("Deployed api v42"))
        post.assert_called_once_with(
            self.slack.incoming_webhook_url, {"text": "Deployed api v42", "channel": self.channel.channel_id}
        )

    def test_long_messages_are_truncated(self):
        with mock.patch.object(integration_models, "post_slack_message", return_value=True) as post:
            self.slack.notify("x" * 5000, blocks=[{"type": "divider"}])
        payload = post.call_args.args[1]
        self.assertEqual(len(payload["text"]), integration_models.SLACK_MESSAGE_LIMIT)
        self.assertEqual(payload["blocks"], [{"type": "divider"}])

    def test_refused_message_counts_as_a_failure(self):
        with mock.patch.object(integration_models, "post_slack_message", return_value=False) as post:
            with self.assertLogs("apps.integrations.models", level="WARNING"):
                self.assertFalse(self.slack.notify("hello"))
        post.assert_called_once()
        self.slack.refresh_from_db()
        self.assertEqual(self.slack.sync_status, SYNC_STATUS_FAILED)

    def test_disabled_integration_stays_quiet(self):
        self.slack.disable()
        with mock.patch.object(integration_models, "post_slack_message") as post:
            self.assertFalse(self.slack.notify("hello"))
        post.assert_not_called()
        self.assertEqual(self.slack.sync_status, SYNC_STATUS_DISABLED)

    def test_missing_webhook_is_an_error(self):
        slack = factories.make_slack_integration(incoming_webhook_url="")
        with self.assertRaises(ValueError):
            slack.notify("hello")


class SlackConnectionTests(TestCase):
    @mock.patch("apps.integrations.models.fetch_remote_status")
    def test_auth_test_remembers_the_bot_user(self, fetch_remote_status):
        fetch_remote_status.return_value = {"ok": True, "user_id": "U0BOT1234"}
        slack = factories.make_slack_integration()

        self.assertTrue(slack.check_connection())

        fetch_remote_status.assert_called_once_with(
            "https://slack.com/api/auth.test", headers={"Authorization": f"Bearer {slack.credential.secret}"}
        )
        slack.refresh_from_db()
        self.assertEqual(slack.bot_user_id, "U0BOT1234")

    @mock.patch("apps.integrations.models.fetch_remote_status")
    def test_auth_test_refusal_is_recorded(self, fetch_remote_status):
        fetch_remote_status.return_value = {"ok": False, "error": "invalid_auth"}
        slack = factories.make_slack_integration()
        with self.assertLogs("apps.integrations.models", level="WARNING"):
            self.assertFalse(slack.check_connection())
        slack.refresh_from_db()
        self.assertEqual(slack.last_error, "invalid_auth")


class SlackChannelTests(TestCase):
    def test_names_are_normalized_and_mentionable(self):
        channel = factories.make_slack_channel(name="#Eng Deploys", channel_id="C024BE91L")
        self.assertEqual(channel.name, "eng-deploys")
        self.assertEqual(channel.mention, "<#C024BE91L|eng-deploys>")
        self.assertEqual(str(channel), "#eng-deploys")

    def test_channel_ids_are_validated(self):
        channel = factories.make_slack_channel(channel_id="not-an-id")
        with self.assertRaises(ValidationError):
            channel.clean()

    def test_rules_match_events_and_scope(self):
        repository = factories.make_repository()
        other = factories.make_repository()
        rule = factories.make_notification_rule(event="deploy", repository=repository)
        self.assertTrue(rule.matches("deploy", repository=repository))
        self.assertFalse(rule.matches("deploy", repository=other))
        self.assertFalse(rule.matches("incident", repository=repository))
        self.assertEqual(
            list(integration_models.SlackChannel.objects.subscribed_to("deploy")), [rule.channel]
        )
