"""GitHub webhook endpoint: verifies the signature, then dispatches by event type."""

import json
import logging

from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import GitHubAppInstallation, GitHubIntegration, TrackedRepository

logger = logging.getLogger(__name__)


def handle_installation(integration, payload):
    installation = payload["installation"]
    action = payload["action"]
    if action == "deleted":
        GitHubAppInstallation.objects.filter(installation_id=installation["id"]).delete()
        return
    obj, _ = GitHubAppInstallation.objects.update_or_create(
        installation_id=installation["id"],
        defaults={
            "integration": integration,
            "account_login": installation["account"]["login"],
            "target_type": installation.get("target_type", GitHubAppInstallation.TARGET_ORGANIZATION),
            "permissions": installation.get("permissions", {}),
            "repository_selection": installation.get("repository_selection", "all"),
        },
    )
    if action == "suspend":
        obj.suspend()
    elif action == "unsuspend":
        obj.unsuspend()


def handle_repository(integration, payload):
    repo = payload["repository"]
    if payload["action"] in ("archived", "deleted"):
        TrackedRepository.objects.filter(integration=integration, external_id=repo["id"]).update(
            is_archived=True
        )
        return
    TrackedRepository.objects.update_or_create(
        integration=integration, external_id=repo["id"], defaults=TrackedRepository.fields_from_api(repo)
    )


def handle_deployment_status(integration, payload):
    from apps.metrics.tasks import record_deployment_from_webhook

    record_deployment_from_webhook(payload)


HANDLERS = {
    "installation": handle_installation,
    "repository": handle_repository,
    "deployment_status": handle_deployment_status,
}


@csrf_exempt
@require_POST
def github_webhook(request, slug):
    integration = get_object_or_404(GitHubIntegration, slug=slug)
    if not integration.verify_webhook_signature(request.body, request.headers.get("X-Hub-Signature-256")):
        return HttpResponseForbidden("bad signature")
    event = request.headers.get("X-GitHub-Event", "")
    try:
        payload = json.loads(request.body)
    except ValueError:
        return HttpResponseBadRequest("invalid JSON")
    handler = HANDLERS.get(event)
    if handler is None:
        logger.debug("ignoring GitHub event %s", event)
        return HttpResponse(status=204)
    handler(integration, payload)
    return HttpResponse(status=202)
