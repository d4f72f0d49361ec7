"""
Integration models: the credentials a team connects, and what teamhub syncs from GitHub, Jira and Slack.

Every provider integration points to exactly one IntegrationCredential (OneToOne); the credential holds
the secret (encrypted at rest) and its lifecycle: expiry, rotation, revocation. Provider models keep their
own sync state and talk to the provider through the clients in apps.integrations.clients.
"""

import base64
import hashlib
import hmac
import logging
import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from apps.core.fields import EncryptedTextField
from apps.core.http import HTTPRequestError, request_json
from apps.teams.models import TeamScopedModel, TeamScopedQuerySet

from .clients.github import GitHubAPIError, GitHubClient
from .clients.jira import JiraAPIError, JiraClient
from .constants import (
    GITHUB_WEB_URL,
    HEALTHY_SYNC_STATUSES,
    NOTIFY_EVENT_CHOICES,
    NOTIFY_EVENT_DEPLOY,
    PROVIDER_CHOICES,
    PROVIDER_GITHUB,
    PROVIDER_JIRA,
    PROVIDER_SLACK,
    SLACK_API_URL,
    SYNC_STATUS_CHOICES,
    SYNC_STATUS_DISABLED,
    SYNC_STATUS_FAILED,
    SYNC_STATUS_PARTIAL,
    SYNC_STATUS_PENDING,
    SYNC_STATUS_RATE_LIMITED,
    SYNC_STATUS_SYNCED,
    SYNC_STATUS_SYNCING,
)

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------------------------
# Shared helpers (used by several providers)
# ---------------------------------------------------------------------------------------------------

DEFAULT_SYNC_INTERVAL = timedelta(minutes=settings.TEAMHUB["SYNC_INTERVAL_MINUTES"])
MAX_SYNC_BACKOFF = timedelta(hours=6)
MAX_CONSECUTIVE_FAILURES = 5
MAX_ERROR_LENGTH = 500

_SLUG_INVALID_CHARS = re.compile(r"[^a-z0-9-]+")
_SLUG_REPEATED_DASHES = re.compile(r"-{2,}")


def _normalize_slug(value):
    """Lower-case, ASCII, dash-separated: `"Acme Corp/Platform_Team"` -> `"acme-corp-platform-team"`."""
    value = (value or "").strip().lower()
    for separator in (" ", "_", "/", "."):
        value = value.replace(separator, "-")
    value = _SLUG_INVALID_CHARS.sub("", value)
    return _SLUG_REPEATED_DASHES.sub("-", value).strip("-")


def _backoff_delay(consecutive_failures):
    """How long to wait before the next sync: the normal interval, doubled per failure, capped."""
    if consecutive_failures <= 0:
        return DEFAULT_SYNC_INTERVAL
    return min(DEFAULT_SYNC_INTERVAL * (2 ** min(consecutive_failures, 10)), MAX_SYNC_BACKOFF)


def _record_sync_success(integration, *, status=SYNC_STATUS_SYNCED):
    integration.sync_status = status
    integration.last_synced_at = timezone.now()
    integration.consecutive_failures = 0
    integration.last_error = ""
    integration.save(
        update_fields=["sync_status", "last_synced_at", "consecutive_failures", "last_error", "updated_at"]
    )


def _record_sync_failure(integration, error, *, status=SYNC_STATUS_FAILED):
    integration.consecutive_failures += 1
    integration.sync_status = status
    integration.last_error = str(error)[:MAX_ERROR_LENGTH]
    integration.save(update_fields=["sync_status", "consecutive_failures", "last_error", "updated_at"])
    logger.warning("%s sync failed (%d in a row): %s", integration, integration.consecutive_failures, error)
    if integration.consecutive_failures >= MAX_CONSECUTIVE_FAILURES:
        logger.error("%s has failed %d times; check its credential", integration, MAX_CONSECUTIVE_FAILURES)


def fetch_remote_status(url, *, headers=None, timeout=5):
    """GET a provider's health endpoint and return its JSON body. Raises HTTPRequestError."""
    return request_json("GET", url, headers=headers, timeout=timeout)


def post_slack_message(webhook_url, payload):
    """POST a message to a Slack incoming webhook. Returns False (and logs) when Slack refuses it."""
    try:
        request_json("POST", webhook_url, payload=payload)
    except HTTPRequestError as exc:
        logger.warning("Slack webhook delivery failed: %s", exc)
        return False
    return True


def generate_webhook_secret():
    """Default of GitHubIntegration.webhook_secret. Referenced by migrations: keep the import path."""
    return secrets.token_hex(32)


class SyncableQuerySet(TeamScopedQuerySet):
    """Queries every provider integration supports: which are enabled, due for a sync, or failing."""

    def enabled(self):
        return self.exclude(sync_status=SYNC_STATUS_DISABLED).filter(credential__revoked_at__isnull=True)

    def due_for_sync(self, now=None):
        cutoff = (now or timezone.now()) - DEFAULT_SYNC_INTERVAL
        return self.enabled().filter(Q(last_synced_at__isnull=True) | Q(last_synced_at__lte=cutoff))

    def failing(self):
        return self.filter(consecutive_failures__gt=0)

    def unhealthy(self):
        return self.exclude(sync_status__in=HEALTHY_SYNC_STATUSES)


# ---------------------------------------------------------------------------------------------------
# Credentials
# ---------------------------------------------------------------------------------------------------

CREDENTIAL_WARNING_DAYS = settings.TEAMHUB["CREDENTIAL_WARNING_DAYS"]


class IntegrationCredentialQuerySet(TeamScopedQuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
        )

    def expired(self):
        return self.filter(revoked_at__isnull=True, expires_at__lte=timezone.now())

    def expiring_within(self, days=CREDENTIAL_WARNING_DAYS):
        now = timezone.now()
        return self.filter(
            revoked_at__isnull=True, expires_at__gt=now, expires_at__lte=now + timedelta(days=days)
        )

    def for_provider(self, provider):
        return self.filter(provider=provider)

    def unused_since(self, when):
        return self.filter(Q(last_used_at__isnull=True) | Q(last_used_at__lt=when))


class IntegrationCredential(TeamScopedModel):
    """A secret a team gave teamhub for one provider: an API token, OAuth tokens or a GitHub App key."""

    KIND_API_TOKEN = "api_token"
    KIND_OAUTH = "oauth"
    KIND_GITHUB_APP = "github_app"
    KIND_WEBHOOK = "webhook"
    KIND_CHOICES = [
        (KIND_API_TOKEN, "API token"),
        (KIND_OAUTH, "OAuth"),
        (KIND_GITHUB_APP, "GitHub App"),
        (KIND_WEBHOOK, "Incoming webhook"),
    ]

    provider = models.CharField(max_length=16, choices=PROVIDER_CHOICES)
    kind = models.CharField(max_length=16, choices=KIND_CHOICES, default=KIND_API_TOKEN)
    label = models.CharField(max_length=100)
    secret = EncryptedTextField()
    refresh_token = EncryptedTextField(blank=True, default="")
    scopes = models.JSONField(default=list, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="integration_credentials",
    )
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = IntegrationCredentialQuerySet.as_manager()

    class Meta:
        ordering = ["team", "provider", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "provider", "label"], name="unique_credential_label_per_team"
            ),
        ]
        indexes = [models.Index(fields=["provider", "expires_at"], name="credential_expiry_idx")]

    def __str__(self):
        return f"{self.get_provider_display()} credential {self.label!r}"

    def clean(self):
        super().clean()
        if self.kind == self.KIND_GITHUB_APP and self.provider != PROVIDER_GITHUB:
            raise ValidationError({"kind": "Only GitHub credentials can be GitHub App keys."})
        if self.kind == self.KIND_WEBHOOK and self.provider != PROVIDER_SLACK:
            raise ValidationError({"kind": "Incoming webhooks are only supported for Slack."})

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_usable(self):
        return not self.is_revoked and not self.is_expired

    def expires_soon(self, days=CREDENTIAL_WARNING_DAYS):
        if self.expires_at is None or self.is_expired:
            return False
        return self.expires_at - timezone.now() <= timedelta(days=days)

    @property
    def fingerprint(self):
        """Short, stable identifier of the secret for logs and the admin; never the secret itself."""
        return hashlib.sha256(self.secret.encode("utf-8")).hexdigest()[:12]

    @property
    def integration(self):
        """The provider integration using this credential, or None."""
        related_name = {
            PROVIDER_GITHUB: "github_integration",
            PROVIDER_JIRA: "jira_integration",
            PROVIDER_SLACK: "slack_integration",
        }[self.provider]
        return getattr(self, related_name, None)

    def mark_used(self):
        self.last_used_at = timezone.now()
        self.save(update_fields=["last_used_at", "updated_at"])

    def revoke(self, by=None):
        if self.is_revoked:
            return False
        self.revoked_at = timezone.now()
        self.revoked_by = by
        self.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
        logger.info("revoked %s (%s)", self, self.fingerprint)
        return True

    def rotate(self, new_secret, *, expires_at=None, refresh_token=None):
        """Replace the secret in place, so the integration pointing at it keeps working."""
        if self.is_revoked:
            raise ValidationError("A revoked credential cannot be rotated; connect the provider again.")
        old_fingerprint = self.fingerprint
        self.secret = new_secret
        self.expires_at = expires_at
        if refresh_token is not None:
            self.refresh_token = refresh_token
        self.save(update_fields=["secret", "expires_at", "refresh_token", "updated_at"])
        logger.info("rotated %s: %s -> %s", self, old_fingerprint, self.fingerprint)


# ---------------------------------------------------------------------------------------------------
# GitHub
# ---------------------------------------------------------------------------------------------------


class GitHubIntegrationQuerySet(SyncableQuerySet):
    def with_repository_counts(self):
        return self.annotate(
            repository_count=Count("repositories", filter=Q(repositories__is_archived=False), distinct=True)
        )

    def for_organization(self, organization):
        return self.filter(slug=_normalize_slug(organization))


class GitHubIntegration(TeamScopedModel):
    """A GitHub organization connected by a team. Repositories are discovered by `refresh()`."""

    credential = models.OneToOneField(
        IntegrationCredential,
        on_delete=models.CASCADE,
        related_name="github_integration",
        limit_choices_to={"provider": PROVIDER_GITHUB},
    )
    organization = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    webhook_secret = models.CharField(max_length=64, default=generate_webhook_secret, editable=False)
    sync_status = models.CharField(max_length=16, choices=SYNC_STATUS_CHOICES, default=SYNC_STATUS_PENDING)
    last_synced_at = models.DateTimeField(null=True, blank=True)
    sync_requested_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    objects = GitHubIntegrationQuerySet.as_manager()

    class Meta:
        ordering = ["organization"]
        verbose_name = "GitHub integration"
        constraints = [models.UniqueConstraint(fields=["team", "slug"], name="unique_github_org_per_team")]

    def __str__(self):
        return f"GitHub: {self.organization}"

    def save(self, *args, **kwargs):
        self.slug = _normalize_slug(self.slug or self.organization)
        super().save(*args, **kwargs)

    @property
    def is_healthy(self):
        return self.sync_status in HEALTHY_SYNC_STATUSES and self.credential.is_usable

    @property
    def html_url(self):
        return f"{GITHUB_WEB_URL}/{self.organization}"

    @property
    def next_sync_at(self):
        if self.sync_status == SYNC_STATUS_DISABLED:
            return None
        if self.sync_requested_at and (
            not self.last_synced_at or self.sync_requested_at > self.last_synced_at
        ):
            return self.sync_requested_at
        return (self.last_synced_at or self.created_at) + _backoff_delay(self.consecutive_failures)

    def client(self):
        self.credential.mark_used()
        return GitHubClient(token=self.credential.secret, organization=self.organization)

    def check_connection(self):
        """True when the token works and has API calls left this hour."""
        try:
            limits = self.client().get_rate_limit()
        except GitHubAPIError as exc:
            _record_sync_failure(
                self, exc, status=SYNC_STATUS_RATE_LIMITED if exc.is_rate_limited else SYNC_STATUS_FAILED
            )
            return False
        return limits.get("remaining", 0) > 0

    def mark_sync_requested(self):
        self.sync_requested_at = timezone.now()
        self.save(update_fields=["sync_requested_at", "updated_at"])

    def refresh(self):
        """Pull the organization's repositories and update TrackedRepository rows.

        Returns {"created": n, "updated": n, "archived": n}, or None when GitHub refused the request.
        """
        self.sync_status = SYNC_STATUS_SYNCING
        self.save(update_fields=["sync_status", "updated_at"])
        try:
            payload = self.client().list_repositories()
        except GitHubAPIError as exc:
            _record_sync_failure(
                self, exc, status=SYNC_STATUS_RATE_LIMITED if exc.is_rate_limited else SYNC_STATUS_FAILED
            )
            return None

        counts = {"created": 0, "updated": 0, "archived": 0}
        seen = []
        with transaction.atomic():
            for item in payload:
                repository, created = TrackedRepository.objects.update_or_create(
                    integration=self,
                    external_id=item["id"],
                    defaults=TrackedRepository.fields_from_api(item),
                )
                seen.append(repository.pk)
                counts["created" if created else "updated"] += 1
            counts["archived"] = (
                self.repositories.exclude(pk__in=seen).filter(is_archived=False).update(is_archived=True)
            )
        _record_sync_success(self)
        logger.info("refreshed %s: %s", self, counts)
        return counts

    def verify_webhook_signature(self, body, signature_header):
        """Check GitHub's `X-Hub-Signature-256` header against this integration's webhook secret."""
        expected = "sha256=" + hmac.new(self.webhook_secret.encode(), body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature_header or "")


class TrackedRepositoryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_archived=False)

    def for_team(self, team):
        return self.filter(integration__team=team)

    def stale(self, now=None):
        cutoff = (now or timezone.now()) - DEFAULT_SYNC_INTERVAL
        return self.active().filter(Q(last_synced_at__isnull=True) | Q(last_synced_at__lt=cutoff))

    def by_full_name(self, full_name):
        return self.filter(full_name__iexact=full_name.strip())


class TrackedRepository(models.Model):
    """A repository teamhub follows. `installation` is set when access comes through a GitHub App."""

    integration = models.ForeignKey(GitHubIntegration, on_delete=models.CASCADE, related_name="repositories")
    # GitHubAppInstallation is declared below; Django resolves the string when the app registry is ready.
    installation = models.ForeignKey(
        "GitHubAppInstallation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repositories",
    )
    external_id = models.BigIntegerField()
    full_name = models.CharField(max_length=200)
    default_branch = models.CharField(max_length=100, default="main")
    is_private = models.BooleanField(default=True)
    is_archived = models.BooleanField(default=False)
    language = models.CharField(max_length=50, blank=True)
    sync_status = models.CharField(max_length=16, choices=SYNC_STATUS_CHOICES, default=SYNC_STATUS_PENDING)
    last_synced_at = models.DateTimeField(null=True, blank=True)
    last_pushed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TrackedRepositoryQuerySet.as_manager()

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = "tracked repositories"
        constraints = [
            models.UniqueConstraint(
                fields=["integration", "external_id"], name="unique_repository_per_integration"
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def owner(self):
        return self.full_name.partition("/")[0]

    @property
    def name(self):
        return self.full_name.partition("/")[2]

    @property
    def html_url(self):
        return f"{GITHUB_WEB_URL}/{self.full_name}"

    @staticmethod
    def fields_from_api(item):
        """Map a GitHub `repository` object to our fields."""
        return {
            "full_name": item["full_name"],
            "default_branch": item.get("default_branch") or "main",
            "is_private": bool(item.get("private", True)),
            "is_archived": bool(item.get("archived", False)),
            "language": item.get("language") or "",
            "last_pushed_at": parse_datetime(item["pushed_at"]) if item.get("pushed_at") else None,
        }

    def api_client(self):
        if self.installation_id and self.installation.is_active:
            return self.installation.client()
        return self.integration.client()

    def sync(self):
        """Refresh this repository's metadata from GitHub. Returns True on success."""
        try:
            data = self.api_client().get_repository(self.full_name)
        except GitHubAPIError as exc:
            self.sync_status = SYNC_STATUS_RATE_LIMITED if exc.is_rate_limited else SYNC_STATUS_FAILED
            self.save(update_fields=["sync_status"])
            logger.warning("syncing %s failed: %s", self, exc)
            return False
        for field, value in self.fields_from_api(data).items():
            setattr(self, field, value)
        self.sync_status = SYNC_STATUS_SYNCED
        self.last_synced_at = timezone.now()
        self.save()
        return True


class GitHubAppInstallationManager(models.Manager):
    """Also available in migrations (use_in_migrations), where data migrations look installations up."""

    use_in_migrations = True

    def get_by_natural_key(self, installation_id):
        return self.get(installation_id=installation_id)

    def active(self):
        return self.filter(suspended_at__isnull=True)


class GitHubAppInstallation(models.Model):
    """An installation of teamhub's GitHub App on an organization or user account."""

    TARGET_ORGANIZATION = "Organization"
    TARGET_USER = "User"
    TARGET_CHOICES = [(TARGET_ORGANIZATION, "Organization"), (TARGET_USER, "User")]
    SELECTION_ALL = "all"
    SELECTION_SELECTED = "selected"
    SELECTION_CHOICES = [(SELECTION_ALL, "All repositories"), (SELECTION_SELECTED, "Selected repositories")]
    _PERMISSION_LEVELS = {"read": 1, "write": 2, "admin": 3}

    integration = models.ForeignKey(GitHubIntegration, on_delete=models.CASCADE, related_name="installations")
    installation_id = models.BigIntegerField(unique=True)
    account_login = models.CharField(max_length=100)
    target_type = models.CharField(max_length=16, choices=TARGET_CHOICES, default=TARGET_ORGANIZATION)
    repository_selection = models.CharField(max_length=16, choices=SELECTION_CHOICES, default=SELECTION_ALL)
    permissions = models.JSONField(default=dict, blank=True)
    suspended_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GitHubAppInstallationManager()

    class Meta:
        ordering = ["account_login"]
        verbose_name = "GitHub App installation"

    def __str__(self):
        return f"{self.account_login} (installation {self.installation_id})"

    def natural_key(self):
        return (self.installation_id,)

    @property
    def is_active(self):
        return self.suspended_at is None

    def client(self):
        return GitHubClient.for_installation(self)

    def has_permission(self, name, level="read"):
        granted = self.permissions.get(name)
        return granted is not None and self._PERMISSION_LEVELS[granted] >= self._PERMISSION_LEVELS[level]

    def suspend(self, when=None):
        self.suspended_at = when or timezone.now()
        self.save(update_fields=["suspended_at"])
        # Repositories reached through a suspended installation fall back to the organization token.
        self.repositories.update(installation=None)

    def unsuspend(self):
        self.suspended_at = None
        self.save(update_fields=["suspended_at"])


# ---------------------------------------------------------------------------------------------------
# Jira
# ---------------------------------------------------------------------------------------------------

JIRA_PROJECT_KEY_RE = re.compile(r"^[A-Z][A-Z0-9_]{1,9}$")
JIRA_ISSUE_KEY_RE = re.compile(r"^(?P<project>[A-Z][A-Z0-9_]{1,9})-(?P<number>[1-9][0-9]*)$")


def validate_jira_project_key(value):
    """Validator of JiraProject.key. Referenced by migrations: keep the import path."""
    if not JIRA_PROJECT_KEY_RE.match(value or ""):
        raise ValidationError(
            "%(value)s is not a valid Jira project key (2-10 characters, A-Z, 0-9, _).",
            code="invalid_jira_project_key",
            params={"value": value},
        )


def parse_jira_issue_key(key):
    """`"OPS-142"` -> `("OPS", 142)`. Raises ValueError for anything else."""
    match = JIRA_ISSUE_KEY_RE.match(key or "")
    if match is None:
        raise ValueError(f"not a Jira issue key: {key!r}")
    return match["project"], int(match["number"])


def _basic_auth_header(email, token):
    raw = f"{email}:{token}".encode()
    return {"Authorization": "Basic " + base64.b64encode(raw).decode("ascii")}


class JiraIntegration(TeamScopedModel):
    """A Jira Cloud site connected with an account email and API token."""

    credential = models.OneToOneField(
        IntegrationCredential,
        on_delete=models.CASCADE,
        related_name="jira_integration",
        limit_choices_to={"provider": PROVIDER_JIRA},
    )
    site_url = models.URLField()
    account_email = models.EmailField()
    sync_status = models.CharField(max_length=16, choices=SYNC_STATUS_CHOICES, default=SYNC_STATUS_PENDING)
    last_synced_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    objects = SyncableQuerySet.as_manager()

    class Meta:
        ordering = ["site_url"]
        constraints = [models.UniqueConstraint(fields=["team", "site_url"], name="unique_jira_site_per_team")]

    def __str__(self):
        return f"Jira: {self.site_url}"

    def save(self, *args, **kwargs):
        self.site_url = self.site_url.rstrip("/")
        super().save(*args, **kwargs)

    @property
    def is_healthy(self):
        return self.sync_status in (SYNC_STATUS_PENDING, SYNC_STATUS_SYNCED) and self.credential.is_usable

    @property
    def api_base(self):
        return f"{self.site_url}/rest/api/3"

    def client(self):
        self.credential.mark_used()
        return JiraClient.from_integration(self)

    def check_connection(self):
        """Return the site's title when the credential works, or None (recording the failure)."""
        try:
            info = fetch_remote_status(
                f"{self.api_base}/serverInfo",
                headers=_basic_auth_header(self.account_email, self.credential.secret),
            )
        except HTTPRequestError as exc:
            _record_sync_failure(self, exc)
            return None
        self.credential.mark_used()
        return info.get("serverTitle") or info.get("baseUrl")

    def sync_projects(self):
        """Create or update JiraProject rows for every project the account can see. Returns how many."""
        try:
            remote_projects = self.client().list_projects()
        except JiraAPIError as exc:
            _record_sync_failure(self, exc)
            return 0
        synced = skipped = 0
        for item in remote_projects:
            key = (item.get("key") or "").upper()
            if not JIRA_PROJECT_KEY_RE.match(key):
                logger.warning("skipping Jira project with unsupported key %r on %s", key, self)
                skipped += 1
                continue
            JiraProject.objects.update_or_create(
                integration=self, key=key, defaults={"name": item.get("name", key)[:200]}
            )
            synced += 1
        _record_sync_success(self, status=SYNC_STATUS_PARTIAL if skipped else SYNC_STATUS_SYNCED)
        return synced


class JiraProject(models.Model):
    integration = models.ForeignKey(JiraIntegration, on_delete=models.CASCADE, related_name="projects")
    key = models.CharField(max_length=10, validators=[validate_jira_project_key])
    name = models.CharField(max_length=200)
    is_tracked = models.BooleanField(default=True)
    default_repository = models.ForeignKey(
        TrackedRepository,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jira_projects",
    )
    last_synced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["key"]
        constraints = [models.UniqueConstraint(fields=["integration", "key"], name="unique_jira_project_key")]

    def __str__(self):
        return f"{self.key} ({self.name})"

    @property
    def browse_url(self):
        return f"{self.integration.site_url}/browse/{self.key}"


class JiraIssueQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)

    def resolved_between(self, start, end):
        return self.filter(resolved_at__gte=start, resolved_at__lt=end)

    def for_team(self, team):
        return self.filter(project__integration__team=team)

    def with_points(self):
        return self.exclude(story_points__isnull=True)


class JiraIssue(models.Model):
    STATUS_TODO = "new"
    STATUS_IN_PROGRESS = "indeterminate"
    STATUS_DONE = "done"
    STATUS_CHOICES = [(STATUS_TODO, "To do"), (STATUS_IN_PROGRESS, "In progress"), (STATUS_DONE, "Done")]

    project = models.ForeignKey(JiraProject, on_delete=models.CASCADE, related_name="issues")
    key = models.CharField(max_length=32)
    summary = models.CharField(max_length=255)
    issue_type = models.CharField(max_length=32, default="Story")
    status_category = models.CharField(max_length=16, choices=STATUS_CHOICES, default=STATUS_TODO)
    story_points = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    assignee_email = models.EmailField(blank=True)
    linked_repository = models.ForeignKey(
        TrackedRepository,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jira_issues",
    )
    created_remote_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = JiraIssueQuerySet.as_manager()

    class Meta:
        ordering = ["-created_remote_at"]
        constraints = [models.UniqueConstraint(fields=["project", "key"], name="unique_jira_issue_key")]
        indexes = [models.Index(fields=["resolved_at"], name="jira_issue_resolved_idx")]

    def __str__(self):
        return f"{self.key}: {self.summary}"

    @property
    def number(self):
        return parse_jira_issue_key(self.key)[1]

    @property
    def is_resolved(self):
        return self.resolved_at is not None

    @property
    def cycle_time(self):
        if self.resolved_at is None:
            return None
        return self.resolved_at - self.created_remote_at

    @property
    def browse_url(self):
        return f"{self.project.integration.site_url}/browse/{self.key}"

    @classmethod
    def upsert_from_api(cls, project, item):
        """Create or update an issue from a Jira `issue` object (as returned by /search)."""
        fields = item.get("fields", {})
        category = (fields.get("status") or {}).get("statusCategory", {}).get("key", cls.STATUS_TODO)
        issue, _ = cls.objects.update_or_create(
            project=project,
            key=item["key"],
            defaults={
                "summary": (fields.get("summary") or "")[:255],
                "issue_type": (fields.get("issuetype") or {}).get("name", "Story"),
                "status_category": category,
                "assignee_email": (fields.get("assignee") or {}).get("emailAddress", ""),
                "created_remote_at": parse_datetime(fields["created"]),
                "resolved_at": parse_datetime(fields["resolutiondate"])
                if fields.get("resolutiondate")
                else None,
                "linked_repository": project.default_repository,
            },
        )
        return issue


# ---------------------------------------------------------------------------------------------------
# Slack
# ---------------------------------------------------------------------------------------------------

SLACK_CHANNEL_ID_RE = re.compile(r"^[CG][A-Z0-9]{8,}$")
SLACK_MESSAGE_LIMIT = 3000


def _build_slack_payload(text, channel=None, *, blocks=None):
    if len(text) > SLACK_MESSAGE_LIMIT:
        text = text[: SLACK_MESSAGE_LIMIT - 1] + "\u2026"
    payload = {"text": text}
    if channel is not None:
        payload["channel"] = channel.channel_id
    if blocks:
        payload["blocks"] = blocks
    return payload


class SlackIntegration(TeamScopedModel):
    """A Slack workspace: a bot token (the credential) and, optionally, an incoming webhook."""

    credential = models.OneToOneField(
        IntegrationCredential,
        on_delete=models.CASCADE,
        related_name="slack_integration",
        limit_choices_to={"provider": PROVIDER_SLACK},
    )
    workspace_id = models.CharField(max_length=32)
    workspace_name = models.CharField(max_length=100)
    bot_user_id = models.CharField(max_length=32, blank=True)
    incoming_webhook_url = EncryptedTextField(blank=True, default="")
    sync_status = models.CharField(max_length=16, choices=SYNC_STATUS_CHOICES, default=SYNC_STATUS_SYNCED)
    last_synced_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    objects = SyncableQuerySet.as_manager()

    class Meta:
        ordering = ["workspace_name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "workspace_id"], name="unique_slack_workspace_per_team"),
        ]

    def __str__(self):
        return f"Slack: {self.workspace_name}"

    @property
    def is_healthy(self):
        return self.sync_status == SYNC_STATUS_SYNCED and self.credential.is_usable

    @property
    def default_channel(self):
        return self.channels.active().filter(is_default=True).first()

    def check_connection(self):
        """Call Slack's auth.test with the bot token; remembers the bot's user id."""
        try:
            data = fetch_remote_status(
                f"{SLACK_API_URL}/auth.test",
                headers={"Authorization": f"Bearer {self.credential.secret}"},
            )
        except HTTPRequestError as exc:
            _record_sync_failure(self, exc)
            return False
        if not data.get("ok"):
            _record_sync_failure(self, data.get("error", "auth.test refused the token"))
            return False
        self.bot_user_id = data.get("user_id", self.bot_user_id)
        self.save(update_fields=["bot_user_id", "updated_at"])
        return True

    def notify(self, text, *, channel=None, blocks=None):
        """Post `text` through the incoming webhook. Returns True when Slack accepted it."""
        if self.sync_status == SYNC_STATUS_DISABLED:
            logger.info("not notifying %s: integration disabled", self)
            return False
        if not self.incoming_webhook_url:
            raise ValueError(f"{self} has no incoming webhook configured")
        payload = _build_slack_payload(text, channel or self.default_channel, blocks=blocks)
        delivered = post_slack_message(self.incoming_webhook_url, payload)
        if not delivered:
            _record_sync_failure(self, "incoming webhook refused the message")
        return delivered

    def disable(self):
        self.sync_status = SYNC_STATUS_DISABLED
        self.save(update_fields=["sync_status", "updated_at"])


class SlackChannelQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_archived=False)

    def subscribed_to(self, event):
        return (
            self.active()
            .filter(notification_rules__event=event, notification_rules__is_enabled=True)
            .distinct()
        )


class SlackChannel(models.Model):
    integration = models.ForeignKey(SlackIntegration, on_delete=models.CASCADE, related_name="channels")
    channel_id = models.CharField(max_length=32)
    name = models.CharField(max_length=80)
    is_private = models.BooleanField(default=False)
    is_default = models.BooleanField(default=False)
    is_archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SlackChannelQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["integration", "channel_id"], name="unique_slack_channel"),
        ]

    def __str__(self):
        return f"#{self.name}"

    def save(self, *args, **kwargs):
        self.name = _normalize_slug(self.name.lstrip("#"))
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not SLACK_CHANNEL_ID_RE.match(self.channel_id):
            raise ValidationError({"channel_id": "Slack channel ids look like C024BE91L."})

    @property
    def mention(self):
        return f"<#{self.channel_id}|{self.name}>"


class SlackNotificationRule(models.Model):
    """Which events a channel hears about, optionally narrowed to one repository or Jira project."""

    channel = models.ForeignKey(SlackChannel, on_delete=models.CASCADE, related_name="notification_rules")
    event = models.CharField(max_length=16, choices=NOTIFY_EVENT_CHOICES)
    repository = models.ForeignKey(
        TrackedRepository, on_delete=models.CASCADE, null=True, blank=True, related_name="slack_rules"
    )
    jira_project = models.ForeignKey(
        JiraProject, on_delete=models.CASCADE, null=True, blank=True, related_name="slack_rules"
    )
    is_enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["channel", "event"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "event", "repository"], name="unique_slack_rule"),
        ]

    def __str__(self):
        scope = self.repository or self.jira_project or "all"
        return f"{self.channel} <- {self.event} ({scope})"

    def matches(self, event, *, repository=None, jira_project=None):
        if not self.is_enabled or event != self.event:
            return False
        if self.repository_id is not None and (repository is None or repository.pk != self.repository_id):
            return False
        if self.jira_project_id is not None and (
            jira_project is None or jira_project.pk != self.jira_project_id
        ):
            return False
        return True


# ---------------------------------------------------------------------------------------------------
# Signal receivers
# ---------------------------------------------------------------------------------------------------


@receiver(post_save, sender=TrackedRepository)
def subscribe_default_channel_to_new_repository(sender, instance, created, raw=False, **kwargs):
    """New repositories announce their deployments in the team's default Slack channel, if any."""
    if not created or raw:
        return
    channel = (
        SlackChannel.objects.active()
        .filter(integration__team_id=instance.integration.team_id, is_default=True)
        .first()
    )
    if channel is None:
        return
    SlackNotificationRule.objects.get_or_create(
        channel=channel, event=NOTIFY_EVENT_DEPLOY, repository=instance
    )
    logger.debug("subscribed %s to deployments of %s", channel, instance)


@receiver(post_save, sender=SlackChannel)
def keep_single_default_channel(sender, instance, created, raw=False, **kwargs):
    if raw or not instance.is_default:
        return
    (
        SlackChannel.objects.filter(integration_id=instance.integration_id, is_default=True)
        .exclude(pk=instance.pk)
        .update(is_default=False)
    )


@receiver(pre_save, sender=JiraProject)
def normalize_jira_project_key(sender, instance, **kwargs):
    instance.key = (instance.key or "").strip().upper()


@receiver(post_delete, sender=GitHubIntegration)
@receiver(post_delete, sender=JiraIntegration)
@receiver(post_delete, sender=SlackIntegration)
def delete_orphaned_credential(sender, instance, **kwargs):
    """A credential serves exactly one integration: once the integration is gone, so is the secret."""
    deleted, _ = IntegrationCredential.objects.filter(pk=instance.credential_id).delete()
    if deleted:
        logger.info("deleted the credential of removed %s", instance)
