"""Routing of teamhub events to Slack channels according to SlackNotificationRule."""

from apps.integrations.constants import NOTIFY_EVENT_DEPLOY, NOTIFY_EVENT_SYNC_FAILED
from apps.integrations.models import SlackChannel as Channel
from apps.integrations.models import SlackIntegration


def channels_for_event(team, event, *, repository=None, jira_project=None):
    channels = (
        Channel.objects.subscribed_to(event).filter(integration__team=team).select_related("integration")
    )
    return [
        channel
        for channel in channels.prefetch_related("notification_rules")
        if any(
            rule.matches(event, repository=repository, jira_project=jira_project)
            for rule in channel.notification_rules.all()
        )
    ]


def announce_deployment(deployment):
    repository = deployment.repository
    text = f":rocket: {repository.full_name} deployed `{deployment.sha[:7]}` to {deployment.environment}"
    delivered = 0
    for channel in channels_for_event(deployment.team, NOTIFY_EVENT_DEPLOY, repository=deployment.repository):
        delivered += bool(channel.integration.notify(text, channel=channel))
    return delivered


def announce_sync_failure(integration):
    text = f":warning: {integration} failed to sync: {integration.last_error or 'unknown error'}"
    delivered = 0
    for slack in SlackIntegration.objects.for_team(integration.team).enabled():
        for channel in channels_for_event(integration.team, NOTIFY_EVENT_SYNC_FAILED):
            if channel.integration_id == slack.pk:
                delivered += bool(slack.notify(text, channel=channel))
    return delivered
