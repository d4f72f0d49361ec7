"""User-facing notifications delivered through a team's Slack workspace."""

from apps.integrations.models import SlackChannel, SlackIntegration


def notify_team(team, text, *, channel_name=None):
    """Post to the default (or the named) channel of every enabled workspace. Returns deliveries."""
    delivered = 0
    for integration in SlackIntegration.objects.for_team(team).enabled():
        channel = None
        if channel_name:
            channel = SlackChannel.objects.active().filter(integration=integration, name=channel_name).first()
            if channel is None:
                continue
        if integration.incoming_webhook_url:
            delivered += bool(integration.notify(text, channel=channel))
    return delivered


def mention_user(user):
    """Slack mention for a user when we know their Slack id, their name otherwise."""
    return f"<@{user.slack_user_id}>" if user.slack_user_id else str(user)
