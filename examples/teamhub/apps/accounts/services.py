"""Account lifecycle: offboarding a user revokes the integration credentials they created."""

import logging

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


@transaction.atomic
def offboard_user(user, *, performed_by=None):
    """Deactivate `user` and revoke every credential they connected. Returns the number revoked."""
    # Imported here: accounts is a low-level app and must not import integrations at load time.
    from apps.integrations.models import IntegrationCredential

    user.is_active = False
    user.save(update_fields=["is_active"])
    revoked = 0
    for credential in IntegrationCredential.objects.filter(created_by=user).active():
        credential.revoke(by=performed_by)
        revoked += 1
    logger.info("offboarded %s at %s, revoked %d credentials", user.pk, timezone.now(), revoked)
    return revoked
