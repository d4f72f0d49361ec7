from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """teamhub's user. Email is the login identity shared with GitHub, Jira and Slack accounts."""

    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(max_length=120, blank=True)
    github_login = models.CharField(max_length=39, blank=True)
    slack_user_id = models.CharField(max_length=32, blank=True)
    timezone = models.CharField(max_length=64, default="UTC")

    class Meta:
        ordering = ["username"]

    def __str__(self):
        return self.display_name or self.username

    @property
    def short_name(self):
        return (self.display_name or self.username).split(" ")[0]
