from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.integrations.models import TrackedRepository
from apps.metrics.models import Deployment


class Command(BaseCommand):
    help = "Create placeholder deployments for repositories pushed recently but never deployed (for demos)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, days, dry_run, **options):
        if days <= 0:
            raise CommandError("--days must be positive")
        since = timezone.now() - timedelta(days=days)
        candidates = TrackedRepository.objects.active().filter(
            last_pushed_at__gte=since, deployments__isnull=True
        )
        created = 0
        for repository in candidates:
            if not dry_run:
                Deployment.objects.create(
                    team=repository.integration.team,
                    repository=repository,
                    sha="0" * 40,
                    deployed_at=repository.last_pushed_at,
                )
            created += 1
        self.stdout.write(f"{'would create' if dry_run else 'created'} {created} deployments")
