"""Turns domain events into notifications. Pure formatting lives here; delivery is in services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .services import mention_user, notify_team

if TYPE_CHECKING:
    from apps.integrations.models import IntegrationCredential, JiraIssue


def credential_expiring(credential: IntegrationCredential) -> int:
    owner = mention_user(credential.created_by) if credential.created_by else "the team"
    text = (
        f":key: {credential} expires on {credential.expires_at:%Y-%m-%d}. "
        f"{owner}, please rotate it in teamhub."
    )
    return notify_team(credential.team, text)


def issue_resolved(issue: JiraIssue) -> int:
    points = f" ({issue.story_points} pts)" if issue.story_points is not None else ""
    return notify_team(
        issue.project.integration.team, f":white_check_mark: <{issue.browse_url}|{issue.key}>{points}"
    )
