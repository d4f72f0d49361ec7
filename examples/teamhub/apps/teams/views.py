from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from ..integrations.models import GitHubIntegration, JiraIntegration, SlackIntegration
from .models import Team
from .services import integration_summary


@login_required
def team_integrations(request, slug):
    team = get_object_or_404(Team.objects.filter(memberships__user=request.user), slug=slug)
    summary = integration_summary(team)
    summary["healthy"] = {
        "github": all(i.is_healthy for i in GitHubIntegration.objects.for_team(team)),
        "jira": all(i.is_healthy for i in JiraIntegration.objects.for_team(team)),
        "slack": all(i.is_healthy for i in SlackIntegration.objects.for_team(team)),
    }
    return JsonResponse({"team": team.slug, **summary})
