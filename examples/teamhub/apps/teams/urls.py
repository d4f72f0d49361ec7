from django.urls import path

from . import views

app_name = "teams"

urlpatterns = [
    path("<slug:slug>/integrations/", views.team_integrations, name="integrations"),
]
