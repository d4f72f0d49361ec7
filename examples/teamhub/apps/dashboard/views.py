from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from apps.integrations.models import SYNC_STATUS_SYNCED, GitHubIntegration
from apps.integrations.models import IntegrationCredential as Credential
from apps.teams.models import Team

from .context import dashboard_context


@login_required
def team_dashboard(request, slug):
    team = get_object_or_404(Team.objects.filter(memberships__user=request.user), slug=slug)
    return JsonResponse(dashboard_context(team))


@login_required
def overview(request):
    teams = Team.objects.filter(memberships__user=request.user, is_archived=False)
    return JsonResponse(
        {
            "teams": [
                {
                    "slug": team.slug,
                    "synced_organizations": GitHubIntegration.objects.for_team(team)
                    .filter(sync_status=SYNC_STATUS_SYNCED)
                    .count(),
                    "expiring_credentials": Credential.objects.for_team(team).expiring_within().count(),
                }
                for team in teams
            ]
        }
    )
