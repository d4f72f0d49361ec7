from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Delete archived Slack channels that have no notification rules left."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run=False, **options):
        from ...models import SlackChannel

        prunable = SlackChannel.objects.filter(is_archived=True, notification_rules__isnull=True)
        count = prunable.count()
        if not dry_run:
            prunable.delete()
        self.stdout.write(f"{'would delete' if dry_run else 'deleted'} {count} archived channels")
