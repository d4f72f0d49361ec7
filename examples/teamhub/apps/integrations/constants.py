"""Constants shared by the integration providers, their services and the dashboard."""

PROVIDER_GITHUB = "github"
PROVIDER_JIRA = "jira"
PROVIDER_SLACK = "slack"
PROVIDER_CHOICES = [
    (PROVIDER_GITHUB, "GitHub"),
    (PROVIDER_JIRA, "Jira"),
    (PROVIDER_SLACK, "Slack"),
]

SYNC_STATUS_PENDING = "pending"
SYNC_STATUS_SYNCING = "syncing"
SYNC_STATUS_SYNCED = "synced"
SYNC_STATUS_PARTIAL = "partial"
SYNC_STATUS_FAILED = "failed"
SYNC_STATUS_RATE_LIMITED = "rate_limited"
SYNC_STATUS_DISABLED = "disabled"
SYNC_STATUS_CHOICES = [
    (SYNC_STATUS_PENDING, "Pending"),
    (SYNC_STATUS_SYNCING, "Syncing"),
    (SYNC_STATUS_SYNCED, "Synced"),
    (SYNC_STATUS_PARTIAL, "Partially synced"),
    (SYNC_STATUS_FAILED, "Failed"),
    (SYNC_STATUS_RATE_LIMITED, "Rate limited"),
    (SYNC_STATUS_DISABLED, "Disabled"),
]
HEALTHY_SYNC_STATUSES = frozenset({SYNC_STATUS_PENDING, SYNC_STATUS_SYNCING, SYNC_STATUS_SYNCED})

GITHUB_WEB_URL = "https://github.com"
SLACK_API_URL = "https://slack.com/api"

NOTIFY_EVENT_DEPLOY = "deploy"
NOTIFY_EVENT_PR_MERGED = "pr_merged"
NOTIFY_EVENT_INCIDENT = "incident"
NOTIFY_EVENT_SYNC_FAILED = "sync_failed"
NOTIFY_EVENT_CHOICES = [
    (NOTIFY_EVENT_DEPLOY, "Deployment"),
    (NOTIFY_EVENT_PR_MERGED, "Pull request merged"),
    (NOTIFY_EVENT_INCIDENT, "Incident"),
    (NOTIFY_EVENT_SYNC_FAILED, "Sync failed"),
]
