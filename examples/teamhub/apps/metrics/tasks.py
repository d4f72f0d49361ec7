"""Periodic metric jobs, run by the scheduler (cron calls the management commands in production)."""

import logging

from django.utils import timezone

logger = logging.getLogger(__name__)


def record_deployment_from_webhook(payload):
    """Turn a GitHub `deployment_status` webhook payload into a Deployment row. Returns it, or None."""
    from apps.integrations.models import TrackedRepository

    from .models import Deployment

    status = payload.get("deployment_status", {})
    if status.get("state") not in ("success", "failure", "error"):
        return None
    repository = TrackedRepository.objects.filter(external_id=payload["repository"]["id"]).first()
    if repository is None:
        logger.info("deployment for untracked repository %s", payload["repository"].get("full_name"))
        return None
    deployment = payload["deployment"]
    return Deployment.objects.create(
        team=repository.integration.team,
        repository=repository,
        environment=deployment.get("environment", "production"),
        sha=deployment["sha"],
        deployed_at=timezone.now(),
        succeeded=status["state"] == "success",
    )
