"""
Hand-written test factories (teamhub does not depend on factory_boy).

Each `make_*` creates and saves one object with sensible defaults; keyword arguments override fields.
Related objects are created on demand, so `make_repository()` alone builds a team, credential and integration.
"""

import itertools
from datetime import timedelta

from django.utils import timezone

from apps.accounts.models import User
from apps.integrations.models import (
    GitHubAppInstallation,
    GitHubIntegration,
    IntegrationCredential,
    JiraIntegration,
    JiraIssue,
    JiraProject,
    SlackChannel,
    SlackIntegration,
    SlackNotificationRule,
    TrackedRepository,
)
from apps.teams.models import Membership, Team

_sequence = itertools.count(1)


def _next():
    return next(_sequence)


def make_user(**overrides):
    n = _next()
    fields = {"username": f"user{n}", "email": f"user{n}@example.com", "display_name": f"User {n}"}
    fields.update(overrides)
    user = User(**fields)
    user.set_unusable_password()
    user.save()
    return user


def make_team(*, members=(), role=Membership.ROLE_MEMBER, **overrides):
    n = _next()
    fields = {"name": f"Team {n}", "slug": f"team-{n}"}
    fields.update(overrides)
    team = Team.objects.create(**fields)
    for user in members:
        Membership.objects.create(team=team, user=user, role=role)
    return team


def make_credential(*, team=None, provider="github", **overrides):
    n = _next()
    fields = {
        "team": team or make_team(),
        "provider": provider,
        "label": f"{provider} token {n}",
        "secret": f"{provider}-secret-{n}",
    }
    fields.update(overrides)
    return IntegrationCredential.objects.create(**fields)


def make_github_integration(*, team=None, credential=None, **overrides):
    team = team or (credential.team if credential else make_team())
    n = _next()
    fields = {
        "team": team,
        "credential": credential or make_credential(team=team, provider="github"),
        "organization": f"acme-{n}",
    }
    fields.update(overrides)
    return GitHubIntegration.objects.create(**fields)


def make_installation(*, integration=None, **overrides):
    integration = integration or make_github_integration()
    n = _next()
    fields = {
        "integration": integration,
        "installation_id": 40_000 + n,
        "account_login": integration.organization,
        "permissions": {"contents": "read", "metadata": "read", "pull_requests": "write"},
    }
    fields.update(overrides)
    return GitHubAppInstallation.objects.create(**fields)


def make_repository(*, integration=None, **overrides):
    integration = integration or make_github_integration()
    n = _next()
    fields = {
        "integration": integration,
        "external_id": 1_000_000 + n,
        "full_name": f"{integration.organization}/service-{n}",
    }
    fields.update(overrides)
    return TrackedRepository.objects.create(**fields)


def github_repository_payload(**overrides):
    """A repository object shaped like GitHub's REST API returns it."""
    n = _next()
    payload = {
        "id": 2_000_000 + n,
        "full_name": f"acme/repo-{n}",
        "default_branch": "main",
        "private": True,
        "archived": False,
        "language": "Python",
        "pushed_at": "2024-05-02T10:15:00Z",
    }
    payload.update(overrides)
    return payload


def make_jira_integration(*, team=None, credential=None, **overrides):
    team = team or (credential.team if credential else make_team())
    n = _next()
    fields = {
        "team": team,
        "credential": credential or make_credential(team=team, provider="jira"),
        "site_url": f"https://acme-{n}.atlassian.net",
        "account_email": f"jira-bot-{n}@example.com",
    }
    fields.update(overrides)
    return JiraIntegration.objects.create(**fields)


def make_jira_project(*, integration=None, **overrides):
    integration = integration or make_jira_integration()
    n = _next()
    fields = {"integration": integration, "key": f"P{n}", "name": f"Project {n}"}
    fields.update(overrides)
    return JiraProject.objects.create(**fields)


def make_jira_issue(*, project=None, **overrides):
    project = project or make_jira_project()
    n = _next()
    fields = {
        "project": project,
        "key": f"{project.key}-{n}",
        "summary": f"Issue {n}",
        "created_remote_at": timezone.now() - timedelta(days=5),
    }
    fields.update(overrides)
    return JiraIssue.objects.create(**fields)


def make_slack_integration(*, team=None, credential=None, **overrides):
    team = team or (credential.team if credential else make_team())
    n = _next()
    fields = {
        "team": team,
        "credential": credential or make_credential(team=team, provider="slack"),
        "workspace_id": f"T{n:08d}",
        "workspace_name": f"Acme {n}",
        "incoming_webhook_url": f"https://hooks.slack.com/services/T{n:08d}/B000/XXXX",
    }
    fields.update(overrides)
    return SlackIntegration.objects.create(**fields)


def make_slack_channel(*, integration=None, **overrides):
    integration = integration or make_slack_integration()
    n = _next()
    fields = {"integration": integration, "channel_id": f"C{n:09d}", "name": f"eng-{n}"}
    fields.update(overrides)
    return SlackChannel.objects.create(**fields)


def make_notification_rule(*, channel=None, event="deploy", **overrides):
    fields = {"channel": channel or make_slack_channel(), "event": event}
    fields.update(overrides)
    return SlackNotificationRule.objects.create(**fields)
