# Hand-written data migration: slugs saved before GitHubIntegration.save() normalized them.

from django.db import migrations

from apps.integrations.models import _normalize_slug


def normalize_slugs(apps, schema_editor):
    GitHubIntegration = apps.get_model("integrations", "GitHubIntegration")
    for integration in GitHubIntegration.objects.all().only("pk", "slug", "organization"):
        slug = _normalize_slug(integration.slug or integration.organization)
        if slug != integration.slug:
            GitHubIntegration.objects.filter(pk=integration.pk).update(slug=slug)


class Migration(migrations.Migration):
    dependencies = [
        ("integrations", "0002_installation_selection_rule_project"),
    ]

    operations = [
        migrations.RunPython(normalize_slugs, migrations.RunPython.noop),
    ]
