from django.test import TestCase
from django.urls import reverse

from apps.integrations.constants import SYNC_STATUS_SYNCED
from apps.integrations.tests import factories


class DashboardViewTests(TestCase):
    def setUp(self):
        self.user = factories.make_user()
        self.team = factories.make_team(members=[self.user])
        self.client.force_login(self.user)

    def test_team_dashboard(self):
        github = factories.make_github_integration(team=self.team, organization="acme")
        factories.make_repository(integration=github)
        factories.make_jira_issue(
            project=factories.make_jira_project(integration=factories.make_jira_integration(team=self.team))
        )
        response = self.client.get(reverse("dashboard:team", kwargs={"slug": self.team.slug}))
        self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertEqual(data["github_organizations"], ["acme"])
        self.assertEqual(data["repositories"], {"total": 1, "stale": 1})
        self.assertEqual(data["open_issues"], 1)
        self.assertEqual(data["health"]["other"], 2)

    def test_overview_counts_synced_organizations(self):
        factories.make_github_integration(team=self.team, sync_status=SYNC_STATUS_SYNCED)
        factories.make_github_integration(team=self.team)
        response = self.client.get(reverse("dashboard:overview"))
        self.assertEqual(
            response.json()["teams"],
            [{"slug": self.team.slug, "synced_organizations": 1, "expiring_credentials": 0}],
        )

    def test_login_required(self):
        self.client.logout()
        self.assertEqual(self.client.get(reverse("dashboard:overview")).status_code, 302)
