from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from apps.teams.models import Team

from .models import GitHubIntegration, TrackedRepository
from .selectors import integrations_for_team
from .serializers import serialize_integration, serialize_repository


def _team_for(request, slug):
    return get_object_or_404(Team.objects.filter(memberships__user=request.user), slug=slug)


@login_required
def integration_list(request, team_slug):
    team = _team_for(request, team_slug)
    return JsonResponse({"integrations": [serialize_integration(i) for i in integrations_for_team(team)]})


@login_required
def repository_list(request, team_slug):
    team = _team_for(request, team_slug)
    repositories = TrackedRepository.objects.for_team(team).active().select_related("integration")
    return JsonResponse({"repositories": [serialize_repository(r) for r in repositories]})


@login_required
@require_POST
def request_github_sync(request, team_slug, pk):
    team = _team_for(request, team_slug)
    integration = get_object_or_404(GitHubIntegration.objects.for_team(team), pk=pk)
    integration.mark_sync_requested()
    return JsonResponse({"next_sync_at": integration.next_sync_at.isoformat()}, status=202)
