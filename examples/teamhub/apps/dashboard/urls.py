from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("teams/<slug:slug>/", views.team_dashboard, name="team"),
]
