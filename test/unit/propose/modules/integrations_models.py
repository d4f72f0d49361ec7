"""Integration models: GitHub, Jira and Slack connections for a project tracker."""

import datetime
import logging

import jira
from django.db import models
from django.utils import timezone

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 30
RETRY_LIMIT = 3


def now_utc():
    return timezone.now().astimezone(datetime.timezone.utc)


class TimestampedModel(models.Model):
    created = models.DateTimeField(default=now_utc)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def touch(self):
        self.updated = now_utc()
        self.save(update_fields=["updated"])


class Credential(TimestampedModel):
    secret = models.CharField(max_length=200)
    expires = models.DateTimeField(null=True)

    def is_expired(self):
        return self.expires is not None and self.expires < now_utc()

    def rotate(self, new_secret):
        self.secret = new_secret
        self.touch()


GITHUB_API = "https://api.github.com"


def github_headers(token):
    return {"Authorization": f"token {token}", "Accept": "application/vnd.github+json"}


class GitHubAppInstallation(TimestampedModel):
    installation_id = models.BigIntegerField(unique=True)
    account = models.CharField(max_length=100)
    credential = models.ForeignKey(Credential, on_delete=models.CASCADE)

    def api_url(self, path):
        return f"{GITHUB_API}/app/installations/{self.installation_id}{path}"

    def headers(self):
        return github_headers(self.credential.secret)

    def request_timeout(self):
        return DEFAULT_TIMEOUT


class GitHubRepositoryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived=False)

    def for_account(self, account):
        return self.filter(installation__account=account)


class GitHubRepository(TimestampedModel):
    installation = models.ForeignKey("GitHubAppInstallation", on_delete=models.CASCADE)
    full_name = models.CharField(max_length=200)
    archived = models.BooleanField(default=False)

    objects = GitHubRepositoryQuerySet.as_manager()

    def clone_url(self):
        return f"https://github.com/{self.full_name}.git"

    def fetch_issues(self):
        logger.info("fetching %s", self.full_name)
        return github_headers(self.installation.credential.secret)


class GitHubPullRequest(TimestampedModel):
    repository = models.ForeignKey(GitHubRepository, on_delete=models.CASCADE)
    number = models.IntegerField()
    title = models.CharField(max_length=300)

    def url(self):
        return f"{self.repository.clone_url()[:-4]}/pull/{self.number}"


def jira_client(site):
    return jira.JIRA(server=site.url, token_auth=site.credential.secret, timeout=DEFAULT_TIMEOUT)


class JiraSite(TimestampedModel):
    url = models.URLField()
    credential = models.ForeignKey(Credential, on_delete=models.CASCADE)

    def client(self):
        return jira_client(self)

    def projects(self):
        return self.client().projects()


class JiraProjectManager(models.Manager):
    def for_site(self, site):
        return self.filter(site=site)

    def with_issue_links(self):
        return self.filter(issue_links__isnull=False)


class JiraProject(TimestampedModel):
    site = models.ForeignKey(JiraSite, on_delete=models.CASCADE)
    key = models.CharField(max_length=20)

    objects = JiraProjectManager()

    def issues(self):
        return self.site.client().search_issues(f"project={self.key}")


class JiraIssueLink(TimestampedModel):
    project = models.ForeignKey(JiraProject, on_delete=models.CASCADE, related_name="issue_links")
    issue_key = models.CharField(max_length=30)
    pull_request = models.ForeignKey("GitHubPullRequest", null=True, on_delete=models.SET_NULL)

    def retry(self):
        for attempt in range(RETRY_LIMIT):
            logger.info("retry %s", attempt)


SLACK_API = "https://slack.com/api"


def slack_post(token, channel, text):
    logger.info("slack %s", channel)
    return {"url": f"{SLACK_API}/chat.postMessage", "token": token, "channel": channel, "text": text}


class SlackWorkspace(TimestampedModel):
    team_id = models.CharField(max_length=20, unique=True)
    credential = models.ForeignKey(Credential, on_delete=models.CASCADE)

    def post(self, channel, text):
        return slack_post(self.credential.secret, channel, text)


class SlackChannel(TimestampedModel):
    workspace = models.ForeignKey(SlackWorkspace, on_delete=models.CASCADE)
    channel_id = models.CharField(max_length=20)

    def notify(self, text):
        return self.workspace.post(self.channel_id, text)


class SlackNotificationRule(TimestampedModel):
    channel = models.ForeignKey(SlackChannel, on_delete=models.CASCADE)
    repository = models.ForeignKey("GitHubRepository", on_delete=models.CASCADE)
    on_pull_request = models.BooleanField(default=True)

    def fire(self, pull_request):
        return self.channel.notify(pull_request.url())
