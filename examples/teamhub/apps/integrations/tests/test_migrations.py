"""Migrations name module-level callables of apps.integrations.models by their import path."""

import importlib

from django.test import SimpleTestCase

from apps.integrations.models import GitHubIntegration, JiraProject, validate_jira_project_key

initial = importlib.import_module("apps.integrations.migrations.0001_initial")


def _field(migration, model_name, field_name):
    for operation in migration.Migration.operations:
        if getattr(operation, "name", "").lower() == model_name and hasattr(operation, "fields"):
            return dict(operation.fields)[field_name]
    raise LookupError(f"{model_name}.{field_name} not created in {migration.__name__}")


class MigrationCallableTests(SimpleTestCase):
    def test_webhook_secret_default_is_the_models_function(self):
        field = _field(initial, "githubintegration", "webhook_secret")
        self.assertIs(field.default, GitHubIntegration._meta.get_field("webhook_secret").default)

    def test_jira_key_validator_is_the_models_function(self):
        field = _field(initial, "jiraproject", "key")
        # _validators: the ones declared on the field, without the implied MaxLengthValidator.
        self.assertEqual(field._validators, [validate_jira_project_key])
        self.assertEqual(JiraProject._meta.get_field("key")._validators, [validate_jira_project_key])
