from django import forms

from .models import IntegrationCredential, JiraIntegration, SlackIntegration, validate_jira_project_key


class ConnectJiraForm(forms.ModelForm):
    api_token = forms.CharField(widget=forms.PasswordInput, strip=True)
    project_keys = forms.CharField(required=False, help_text="Comma-separated keys to track, e.g. OPS, WEB")

    class Meta:
        model = JiraIntegration
        fields = ["site_url", "account_email"]

    def clean_project_keys(self):
        keys = [k.strip().upper() for k in self.cleaned_data["project_keys"].split(",") if k.strip()]
        for key in keys:
            validate_jira_project_key(key)
        return keys

    def save_for_team(self, team, user):
        credential = IntegrationCredential.objects.create(
            team=team,
            provider="jira",
            label=self.cleaned_data["site_url"],
            secret=self.cleaned_data["api_token"],
            created_by=user,
        )
        integration = self.save(commit=False)
        integration.team = team
        integration.credential = credential
        integration.save()
        return integration


class SlackWebhookForm(forms.ModelForm):
    class Meta:
        model = SlackIntegration
        fields = ["incoming_webhook_url"]

    def clean_incoming_webhook_url(self):
        url = self.cleaned_data["incoming_webhook_url"]
        if url and not url.startswith("https://hooks.slack.com/"):
            raise forms.ValidationError("Use the webhook URL Slack gave you (https://hooks.slack.com/...).")
        return url
