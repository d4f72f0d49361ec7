from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("integrations/", include("apps.integrations.urls")),
    path("teams/", include("apps.teams.urls")),
    path("", include("apps.dashboard.urls")),
]
