from datetime import timedelta
from unittest import mock

from django.test import TestCase
from django.utils import timezone

from apps.integrations.tests import factories
from apps.notifications import dispatch


class CredentialExpiringTests(TestCase):
    def test_posts_to_every_workspace_of_the_team_with_a_webhook(self):
        team = factories.make_team()
        user = factories.make_user(slack_user_id="U0123ABCD")
        credential = factories.make_credential(
            team=team, provider="github", created_by=user, expires_at=timezone.now() + timedelta(days=3)
        )
        factories.make_slack_integration(
            team=team, incoming_webhook_url="https://hooks.slack.com/services/T/B/X"
        )
        factories.make_slack_integration(team=team, incoming_webhook_url="")

        with mock.patch("apps.integrations.models.post_slack_message", return_value=True) as post:
            delivered = dispatch.credential_expiring(credential)

        self.assertEqual(delivered, 1)
        post.assert_called_once()
        self.assertIn("<@U0123ABCD>", post.call_args.args[1]["text"])
