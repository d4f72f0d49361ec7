from django.contrib import admin

from .models import (
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


@admin.register(IntegrationCredential)
class IntegrationCredentialAdmin(admin.ModelAdmin):
    list_display = ("label", "team", "provider", "kind", "expires_at", "revoked_at", "fingerprint")
    list_filter = ("provider", "kind")
    search_fields = ("label", "team__name")
    readonly_fields = ("fingerprint", "last_used_at", "revoked_at", "revoked_by")
    exclude = ("secret", "refresh_token")
    actions = ["revoke_selected"]

    @admin.action(description="Revoke selected credentials")
    def revoke_selected(self, request, queryset):
        revoked = sum(1 for credential in queryset if credential.revoke(by=request.user))
        self.message_user(request, f"Revoked {revoked} credentials.")


class TrackedRepositoryInline(admin.TabularInline):
    model = TrackedRepository
    extra = 0
    fields = ("full_name", "default_branch", "is_archived", "sync_status", "last_synced_at")
    readonly_fields = fields
    show_change_link = True


class GitHubAppInstallationInline(admin.TabularInline):
    model = GitHubAppInstallation
    extra = 0


@admin.register(GitHubIntegration)
class GitHubIntegrationAdmin(admin.ModelAdmin):
    list_display = ("organization", "team", "sync_status", "last_synced_at", "consecutive_failures")
    list_filter = ("sync_status",)
    search_fields = ("organization", "team__name")
    inlines = [GitHubAppInstallationInline, TrackedRepositoryInline]
    actions = ["refresh_selected"]

    @admin.action(description="Refresh repositories from GitHub")
    def refresh_selected(self, request, queryset):
        for integration in queryset:
            integration.refresh()


@admin.register(TrackedRepository)
class TrackedRepositoryAdmin(admin.ModelAdmin):
    list_display = ("full_name", "integration", "is_private", "is_archived", "sync_status")
    list_filter = ("is_archived", "is_private", "sync_status")
    search_fields = ("full_name",)
    raw_id_fields = ("integration", "installation")


class JiraProjectInline(admin.TabularInline):
    model = JiraProject
    extra = 0


@admin.register(JiraIntegration)
class JiraIntegrationAdmin(admin.ModelAdmin):
    list_display = ("site_url", "team", "sync_status", "last_synced_at")
    inlines = [JiraProjectInline]


@admin.register(JiraIssue)
class JiraIssueAdmin(admin.ModelAdmin):
    list_display = ("key", "summary", "status_category", "story_points", "resolved_at")
    list_filter = ("status_category", "issue_type")
    search_fields = ("key", "summary")
    raw_id_fields = ("project", "linked_repository")


class SlackChannelInline(admin.TabularInline):
    model = SlackChannel
    extra = 0


@admin.register(SlackIntegration)
class SlackIntegrationAdmin(admin.ModelAdmin):
    list_display = ("workspace_name", "team", "sync_status")
    exclude = ("incoming_webhook_url",)
    inlines = [SlackChannelInline]


admin.site.register(SlackNotificationRule)
