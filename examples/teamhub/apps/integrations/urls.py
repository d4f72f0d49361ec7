from django.urls import path

from . import views, webhooks

app_name = "integrations"

urlpatterns = [
    path("<slug:team_slug>/", views.integration_list, name="list"),
    path("<slug:team_slug>/repositories/", views.repository_list, name="repositories"),
    path("<slug:team_slug>/github/<int:pk>/sync/", views.request_github_sync, name="github-sync"),
    path("webhooks/github/<slug:slug>/", webhooks.github_webhook, name="github-webhook"),
]
