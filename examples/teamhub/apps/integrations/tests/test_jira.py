import base64
from datetime import timedelta
from unittest import mock

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone

from apps.core.http import HTTPRequestError
from apps.integrations.constants import SYNC_STATUS_FAILED, SYNC_STATUS_PARTIAL, SYNC_STATUS_SYNCED
from apps.integrations.models import (
    JiraIssue,
    JiraProject,
    parse_jira_issue_key,
    validate_jira_project_key,
)

from . import factories


class JiraConnectionTests(TestCase):
    @mock.patch("apps.integrations.models.fetch_remote_status")
    def test_check_connection_calls_server_info_with_basic_auth(self, fetch_remote_status):
        fetch_remote_status.return_value = {
            "serverTitle": "Acme Jira",
            "baseUrl": "https://acme.atlassian.net",
        }
        integration = factories.make_jira_integration(
            site_url="https://acme.atlassian.net/", account_email="bot@acme.io"
        )

        self.assertEqual(integration.check_connection(), "Acme Jira")

        fetch_remote_status.assert_called_once()
        (url,), kwargs = fetch_remote_status.call_args
        self.assertEqual(url, "https://acme.atlassian.net/rest/api/3/serverInfo")
        scheme, _, token = kwargs["headers"]["Authorization"].partition(" ")
        self.assertEqual(scheme, "Basic")
        self.assertEqual(base64.b64decode(token).decode(), f"bot@acme.io:{integration.credential.secret}")
        integration.credential.refresh_from_db()
        self.assertIsNotNone(integration.credential.last_used_at)

    @mock.patch("apps.integrations.models.fetch_remote_status")
    def test_failed_connection_is_recorded(self, fetch_remote_status):
        integration = factories.make_jira_integration()
        fetch_remote_status.side_effect = HTTPRequestError("GET", integration.api_base, 401, "Unauthorized")

        with self.assertLogs("apps.integrations", level="WARNING"):
            self.assertIsNone(integration.check_connection())

        fetch_remote_status.assert_called_once()
        integration.refresh_from_db()
        self.assertEqual(integration.sync_status, SYNC_STATUS_FAILED)
        self.assertEqual(integration.consecutive_failures, 1)
        self.assertIn("HTTP 401", integration.last_error)


class JiraProjectSyncTests(TestCase):
    @mock.patch("apps.integrations.models.JiraClient")
    def test_sync_projects_skips_unsupported_keys(self, client_cls):
        integration = factories.make_jira_integration()
        factories.make_jira_project(integration=integration, key="OPS", name="Old name")
        client_cls.from_integration.return_value.list_projects.return_value = [
            {"key": "OPS", "name": "Operations"},
            {"key": "web", "name": "Website"},
            {"key": "9LIVES", "name": "Invalid key"},
        ]

        with self.assertLogs("apps.integrations.models", level="WARNING"):
            self.assertEqual(integration.sync_projects(), 2)

        client_cls.from_integration.assert_called_once_with(integration)
        self.assertEqual(
            list(JiraProject.objects.filter(integration=integration).values_list("key", "name")),
            [("OPS", "Operations"), ("WEB", "Website")],
        )
        integration.refresh_from_db()
        self.assertEqual(integration.sync_status, SYNC_STATUS_PARTIAL)

    @mock.patch("apps.integrations.models.JiraClient")
    def test_clean_sync_is_synced(self, client_cls):
        integration = factories.make_jira_integration()
        client_cls.from_integration.return_value.list_projects.return_value = [{"key": "OPS", "name": "Ops"}]
        integration.sync_projects()
        integration.refresh_from_db()
        self.assertEqual(integration.sync_status, SYNC_STATUS_SYNCED)


class JiraKeyTests(TestCase):
    def test_project_key_validator(self):
        validate_jira_project_key("OPS")
        validate_jira_project_key("WEB_2")
        for bad in ("", "O", "ops-", "1OPS", "WAYTOOLONGKEY"):
            with self.subTest(bad=bad), self.assertRaises(ValidationError):
                validate_jira_project_key(bad)

    def test_model_validation_uses_the_validator(self):
        project = JiraProject(integration=factories.make_jira_integration(), key="B@D", name="Bad")
        with self.assertRaises(ValidationError) as caught:
            project.full_clean()
        self.assertEqual(caught.exception.error_dict["key"][0].code, "invalid_jira_project_key")

    def test_parse_issue_key(self):
        self.assertEqual(parse_jira_issue_key("OPS-142"), ("OPS", 142))
        with self.assertRaises(ValueError):
            parse_jira_issue_key("OPS-0")


class JiraIssueTests(TestCase):
    def test_upsert_from_api_links_the_projects_repository(self):
        repository = factories.make_repository()
        project = factories.make_jira_project(key="OPS", default_repository=repository)
        item = {
            "key": "OPS-7",
            "fields": {
                "summary": "Rotate the deploy key",
                "issuetype": {"name": "Task"},
                "status": {"statusCategory": {"key": "done"}},
                "assignee": {"emailAddress": "dev@acme.io"},
                "created": "2024-05-01T09:00:00.000+0000",
                "resolutiondate": "2024-05-03T09:00:00.000+0000",
            },
        }
        issue = JiraIssue.upsert_from_api(project, item)
        again = JiraIssue.upsert_from_api(project, item)
        self.assertEqual(issue.pk, again.pk)
        self.assertEqual(issue.number, 7)
        self.assertEqual(issue.linked_repository, repository)
        self.assertEqual(issue.cycle_time, timedelta(days=2))
        self.assertTrue(issue.browse_url.endswith("/browse/OPS-7"))

    def test_open_and_resolved_querysets(self):
        project = factories.make_jira_project()
        now = timezone.now()
        open_issue = factories.make_jira_issue(project=project)
        done = factories.make_jira_issue(project=project, resolved_at=now - timedelta(days=1))
        self.assertEqual(list(JiraIssue.objects.open()), [open_issue])
        self.assertEqual(list(JiraIssue.objects.resolved_between(now - timedelta(days=2), now)), [done])
        self.assertEqual(JiraIssue.objects.for_team(project.integration.team).count(), 2)
