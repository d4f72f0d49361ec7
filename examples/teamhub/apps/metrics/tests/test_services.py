from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from apps.integrations.tests import factories
from apps.metrics.models import Deployment, Incident
from apps.metrics.services import delivery_report, record_sprint
from apps.metrics.tasks import record_deployment_from_webhook


class DeliveryReportTests(TestCase):
    def test_report_combines_github_and_jira_data(self):
        team = factories.make_team()
        repository = factories.make_repository(integration=factories.make_github_integration(team=team))
        now = timezone.now()
        first = Deployment.objects.create(
            team=team,
            repository=repository,
            sha="a" * 40,
            deployed_at=now - timedelta(days=2),
            first_commit_at=now - timedelta(days=3),
        )
        Deployment.objects.create(
            team=team,
            repository=repository,
            sha="b" * 40,
            deployed_at=now - timedelta(days=1),
            first_commit_at=now - timedelta(days=1, hours=12),
        )
        Incident.objects.create(
            team=team, title="5xx spike", caused_by=first, started_at=now - timedelta(days=2)
        )
        project = factories.make_jira_project(integration=factories.make_jira_integration(team=team))
        factories.make_jira_issue(
            project=project, story_points=Decimal("3"), resolved_at=now - timedelta(days=1)
        )
        factories.make_jira_issue(project=project)

        report = delivery_report(team, days=28, now=now)

        self.assertEqual(report.deployments, 2)
        self.assertEqual(report.deployments_per_week, 0.5)
        self.assertEqual(report.change_failure_rate, 0.5)
        self.assertEqual(report.average_lead_time, timedelta(hours=18))
        self.assertEqual(report.active_repositories, 1)
        self.assertEqual((report.resolved_issues, report.resolved_points), (1, Decimal("3")))

    def test_record_sprint_counts_resolved_points(self):
        project = factories.make_jira_project()
        resolved = timezone.now().replace(year=2024, month=5, day=8)
        factories.make_jira_issue(project=project, story_points=Decimal("5"), resolved_at=resolved)
        factories.make_jira_issue(project=project, story_points=Decimal("8"))
        velocity = record_sprint(
            project,
            sprint_name="Sprint 19",
            starts_on=date(2024, 5, 1),
            ends_on=date(2024, 5, 14),
            committed_points=Decimal("10"),
        )
        self.assertEqual(velocity.completed_points, Decimal("5"))
        self.assertEqual(velocity.completion_ratio, Decimal("0.5"))


class DeploymentIngestTests(TestCase):
    def test_webhook_payload_for_untracked_repository_is_ignored(self):
        payload = {
            "deployment_status": {"state": "success"},
            "deployment": {"sha": "c" * 40},
            "repository": {"id": 42, "full_name": "acme/unknown"},
        }
        self.assertIsNone(record_deployment_from_webhook(payload))

    def test_backfill_command(self):
        factories.make_repository(last_pushed_at=timezone.now() - timedelta(days=1))
        factories.make_repository(last_pushed_at=timezone.now() - timedelta(days=60))
        out = StringIO()
        call_command("backfill_deployments", "--days=14", stdout=out)
        self.assertEqual(out.getvalue().strip(), "created 1 deployments")
        self.assertEqual(Deployment.objects.count(), 1)
