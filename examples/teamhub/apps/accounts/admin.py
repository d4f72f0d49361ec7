from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (
        ("teamhub", {"fields": ("display_name", "github_login", "slack_user_id", "timezone")}),
    )
    list_display = ("username", "email", "display_name", "github_login", "is_staff")
