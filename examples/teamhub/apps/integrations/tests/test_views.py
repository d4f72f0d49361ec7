from django.test import TestCase
from django.urls import reverse

from . import factories


class IntegrationViewTests(TestCase):
    def setUp(self):
        self.user = factories.make_user()
        self.team = factories.make_team(members=[self.user])
        self.client.force_login(self.user)

    def test_lists_the_teams_integrations(self):
        github = factories.make_github_integration(team=self.team, organization="acme")
        factories.make_slack_integration(team=self.team, workspace_name="Acme HQ")
        factories.make_github_integration()  # someone else's

        response = self.client.get(reverse("integrations:list", kwargs={"team_slug": self.team.slug}))

        self.assertEqual(response.status_code, 200)
        data = response.json()["integrations"]
        self.assertEqual(
            [(i["provider"], i["name"]) for i in data], [("github", "acme"), ("slack", "Acme HQ")]
        )
        self.assertEqual(data[0]["credential"]["fingerprint"], github.credential.fingerprint)
        self.assertNotIn(github.credential.secret, response.content.decode())

    def test_other_teams_are_not_found(self):
        other = factories.make_team()
        response = self.client.get(reverse("integrations:list", kwargs={"team_slug": other.slug}))
        self.assertEqual(response.status_code, 404)

    def test_repositories_exclude_archived(self):
        integration = factories.make_github_integration(team=self.team)
        repository = factories.make_repository(integration=integration)
        factories.make_repository(integration=integration, is_archived=True)
        response = self.client.get(reverse("integrations:repositories", kwargs={"team_slug": self.team.slug}))
        self.assertEqual([r["full_name"] for r in response.json()["repositories"]], [repository.full_name])

    def test_requesting_a_sync(self):
        integration = factories.make_github_integration(team=self.team)
        url = reverse("integrations:github-sync", kwargs={"team_slug": self.team.slug, "pk": integration.pk})
        response = self.client.post(url)
        self.assertEqual(response.status_code, 202)
        integration.refresh_from_db()
        self.assertEqual(response.json()["next_sync_at"], integration.sync_requested_at.isoformat())
