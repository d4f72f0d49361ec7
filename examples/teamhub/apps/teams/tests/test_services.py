from django.test import TestCase
from django.urls import reverse

from apps.integrations.constants import SYNC_STATUS_DISABLED
from apps.integrations.models import GitHubIntegration, IntegrationCredential
from apps.integrations.tests import factories
from apps.teams.services import archive_team, integration_summary


class TeamServiceTests(TestCase):
    def test_summary_lists_every_provider(self):
        team = factories.make_team()
        github = factories.make_github_integration(team=team, organization="acme")
        factories.make_repository(integration=github)
        factories.make_jira_integration(team=team, site_url="https://acme.atlassian.net")
        self.assertEqual(
            integration_summary(team),
            {
                "github": ["acme"],
                "jira": ["https://acme.atlassian.net"],
                "slack": [],
                "repositories": 1,
                "credentials": 2,
            },
        )

    def test_archiving_revokes_and_disables(self):
        team = factories.make_team()
        github = factories.make_github_integration(team=team)
        factories.make_slack_integration(team=team)
        self.assertEqual(archive_team(team), 2)
        github.refresh_from_db()
        self.assertEqual(github.sync_status, SYNC_STATUS_DISABLED)
        self.assertFalse(IntegrationCredential.objects.for_team(team).active().exists())
        self.assertFalse(GitHubIntegration.objects.for_team(team).enabled().exists())
        team.refresh_from_db()
        self.assertTrue(team.is_archived)


class TeamViewTests(TestCase):
    def test_team_integrations_view(self):
        user = factories.make_user()
        team = factories.make_team(members=[user])
        factories.make_github_integration(team=team, organization="acme")
        self.client.force_login(user)
        response = self.client.get(reverse("teams:integrations", kwargs={"slug": team.slug}))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["github"], ["acme"])
        self.assertEqual(response.json()["healthy"], {"github": True, "jira": True, "slack": True})
