from django.core.management.base import BaseCommand, CommandError

from apps.integrations.models import GitHubIntegration


class Command(BaseCommand):
    help = "Refresh repositories of GitHub integrations (all due ones, or one organization)."

    def add_arguments(self, parser):
        parser.add_argument("--organization", help="refresh only this organization (slug or name)")
        parser.add_argument("--all", action="store_true", help="refresh even integrations not yet due")

    def handle(self, *args, organization=None, all=False, **options):
        if organization:
            integrations = GitHubIntegration.objects.for_organization(organization)
            if not integrations.exists():
                raise CommandError(f"no GitHub integration for {organization!r}")
        elif all:
            integrations = GitHubIntegration.objects.enabled()
        else:
            integrations = GitHubIntegration.objects.due_for_sync()
        failures = 0
        for integration in integrations.select_related("credential"):
            counts = integration.refresh()
            if counts is None:
                failures += 1
                self.stderr.write(f"{integration}: {integration.last_error}")
            else:
                self.stdout.write(
                    f"{integration}: {counts['created']} new, {counts['updated']} updated, "
                    f"{counts['archived']} archived"
                )
        if failures:
            raise CommandError(f"{failures} integration(s) failed to refresh")
