"""Credential lifecycle jobs: expiry warnings, rotation of OAuth tokens, clean-up of unused secrets."""

import logging
from datetime import timedelta

from django.utils import timezone

import apps.integrations.models as im

logger = logging.getLogger(__name__)


def credentials_expiring(team=None, *, days=None):
    qs = (
        im.IntegrationCredential.objects.all()
        if team is None
        else im.IntegrationCredential.objects.for_team(team)
    )
    return qs.expiring_within(days if days is not None else im.CREDENTIAL_WARNING_DAYS)


def revoke_unused_credentials(*, unused_days=90, performed_by=None):
    """Revoke credentials nobody used for `unused_days`. Returns the revoked credentials."""
    cutoff = timezone.now() - timedelta(days=unused_days)
    stale = im.IntegrationCredential.objects.active().unused_since(cutoff).filter(created_at__lt=cutoff)
    revoked = [credential for credential in stale if credential.revoke(by=performed_by)]
    for credential in revoked:
        logger.info("revoked unused %s", credential)
    return revoked


def rotate_credential(credential: "im.IntegrationCredential", new_secret, *, valid_days=None):
    expires_at = timezone.now() + timedelta(days=valid_days) if valid_days else None
    credential.rotate(new_secret, expires_at=expires_at)
    integration = credential.integration
    if integration is not None and integration.sync_status == im.SYNC_STATUS_FAILED:
        # A failing integration often failed because of the old secret: give it a fresh start.
        integration.consecutive_failures = 0
        integration.sync_status = im.SYNC_STATUS_PENDING
        integration.save(update_fields=["consecutive_failures", "sync_status", "updated_at"])
    return credential
