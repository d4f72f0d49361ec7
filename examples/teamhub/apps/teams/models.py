from django.conf import settings
from django.db import models
from django.utils.text import slugify

from apps.core.models import TimeStampedModel


class Team(TimeStampedModel):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Membership", related_name="teams")
    is_archived = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)


class Membership(TimeStampedModel):
    ROLE_OWNER = "owner"
    ROLE_ADMIN = "admin"
    ROLE_MEMBER = "member"
    ROLE_CHOICES = [(ROLE_OWNER, "Owner"), (ROLE_ADMIN, "Admin"), (ROLE_MEMBER, "Member")]

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=ROLE_CHOICES, default=ROLE_MEMBER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "user"], name="unique_team_membership")]

    def __str__(self):
        return f"{self.user} in {self.team} ({self.role})"

    @property
    def can_manage_integrations(self):
        return self.role in (self.ROLE_OWNER, self.ROLE_ADMIN)


class TeamScopedQuerySet(models.QuerySet):
    def for_team(self, team):
        return self.filter(team=team)

    def for_user(self, user):
        return self.filter(team__memberships__user=user).distinct()


class TeamScopedModel(TimeStampedModel):
    """Base for anything owned by a team. Subclasses get `team` and team-aware querysets."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="%(app_label)s_%(class)s_set")

    objects = TeamScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_visible_to(self, user):
        return self.team.memberships.filter(user=user).exists()
