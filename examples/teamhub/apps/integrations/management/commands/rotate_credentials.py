from django.core.management.base import BaseCommand

from apps.integrations.models import IntegrationCredential
from apps.integrations.services.credentials import revoke_unused_credentials


class Command(BaseCommand):
    help = "Report credentials that expire soon and revoke the ones nobody used for a long time."

    def add_arguments(self, parser):
        parser.add_argument("--warn-days", type=int, default=14)
        parser.add_argument("--revoke-unused-days", type=int, default=0, help="0 disables revocation")

    def handle(self, *args, warn_days, revoke_unused_days, **options):
        expiring = IntegrationCredential.objects.expiring_within(warn_days).select_related("team")
        for credential in expiring:
            self.stdout.write(
                f"expiring: {credential.team} / {credential} on {credential.expires_at:%Y-%m-%d}"
            )
        for credential in IntegrationCredential.objects.expired().select_related("team"):
            self.stdout.write(f"expired: {credential.team} / {credential}")
        if revoke_unused_days:
            revoked = revoke_unused_credentials(unused_days=revoke_unused_days)
            self.stdout.write(f"revoked {len(revoked)} unused credentials")
