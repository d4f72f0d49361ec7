// Diagnostic codes MS450-MS479: the emit stage's consistency passes (patch targets, importers, dotted strings and
// path-keyed configuration that would silently change meaning after a split).

import type { DiagnosticDoc } from './entry.js';

export const emitConsistencyCodes: readonly DiagnosticDoc[] = [
  {
    code: 'MS450',
    severity: 'warning',
    title: 'Patch target looked up by several new files',
    explanation:
      'A test patches a module-level name that code in several of the new files reads as its own global. Patching the package attribute reaches none of them, and patching one submodule leaves the others calling the real object, so the test could pass while testing nothing. modsplit did not pick one, because the test does not show which code it exercises.',
    fix: 'replace the patch by one patch per listed target (stacked decorators or one `with` per target), or patch only the file the test exercises',
    example:
      '@mock.patch("app.models.fetch_remote_status")  # read by app/models/jira.py and app/models/slack.py',
  },
  {
    code: 'MS451',
    severity: 'info',
    title: 'Patch target rewritten to the file the test exercises',
    explanation:
      'The patched name is read by several new files; the test (its own name, its class, the names it imports or its other patch targets) points at one of them, so the patch now targets that file. The other files still read the real object.',
    fix: 'check the rewritten target; add a patch for another listed file if the test also exercises it',
    example:
      'class SlackConnectionTests(TestCase):\n    @mock.patch("app.models.fetch_remote_status")  # -> app.models.slack.fetch_remote_status',
  },
  {
    code: 'MS452',
    severity: 'warning',
    title: '`patch.multiple` names are looked up in different namespaces',
    explanation:
      '`patch.multiple("m", a=..., b=...)` sets several attributes of one object. After the split the code reading `a` and `b` lives in different submodules (or a name is read by several of them, or by outside code through the package), so no single target reaches all of them. The call is rewritten only when every named attribute is looked up in the same new file (a name nobody reads at run time fits any file that has it); otherwise modsplit leaves it unchanged.',
    fix: 'split the call into one `patch.multiple` per listed namespace',
    example:
      'mock.patch.multiple("app.models", fetch=DEFAULT, post=DEFAULT)  # fetch: app.models.github, post: app.models.slack',
  },
  {
    code: 'MS460',
    severity: 'info',
    title: 'Dotted string keeps working through the re-export',
    explanation:
      'A string outside tests (settings, registries, `import_string`) names something that now lives in a submodule. The package re-exports it, so the string still resolves to the same object; modsplit leaves it, since a rewrite would only churn.',
    fix: 'nothing to do; point the string at the submodule if you prefer the new path',
    example: 'TEAMHUB_WEBHOOK_SECRET_FACTORY = "app.models.generate_webhook_secret"',
  },
  {
    code: 'MS461',
    severity: 'warning',
    title: 'Celery task name changes',
    explanation:
      'A Celery task without an explicit `name=` is named after its module and function (`app.models.sync`). After the split it is registered as `app.models.<file>.sync`: queued messages, beat schedules, routes and `send_task` calls that use the old name no longer find it.',
    fix: 'give the task its old name explicitly: `@shared_task(name="app.models.sync")`',
    example: '@shared_task\ndef sync_repositories(): ...',
  },
  {
    code: 'MS462',
    severity: 'warning',
    title: 'Code compares `__module__` with the module name',
    explanation:
      'Moved classes and functions report the submodule as their `__module__` (`app.models.github`), so a registry or check keyed on `__module__ == "app.models"` stops matching them.',
    fix: 'compare with `startswith("app.models")`, or key the registry on something other than the module name',
    example: 'if cls.__module__ == "app.models": REGISTRY.append(cls)',
  },
  {
    code: 'MS463',
    severity: 'warning',
    title: 'Tool configuration keyed by the module path',
    explanation:
      'A configuration file names the module by path or dotted name (mypy sections, ruff per-file-ignores, coverage omit). After the split the file is a package of submodules, which the entry no longer matches.',
    fix: 'extend the entry to the package: `app/models/*.py` for paths, `app.models.*` for mypy modules',
    example: '[mypy-app.models]\nignore_errors = True',
  },
  {
    code: 'MS464',
    severity: 'warning',
    title: 'Stale stub file next to the module',
    explanation:
      'A `.pyi` stub describes the module being split. Type checkers keep reading it for the package, so it hides the new submodules and goes stale.',
    fix: 'move the stub to `<package>/__init__.pyi` and add stubs for the submodules, or delete it',
    example: 'app/models.py + app/models.pyi',
  },
  {
    code: 'MS465',
    severity: 'info',
    title: 'Migration names the module',
    explanation:
      'An existing migration imports or names something from the module (`default=app.models.generate_secret`). Migrations are history and are never edited; they keep working because the package re-exports every name they use.',
    fix: 'nothing to do; keep the re-exports while these migrations exist',
    example: "('secret', models.CharField(default=app.models.generate_secret))",
  },
  {
    code: 'MS470',
    severity: 'info',
    title: 'Module-object import left as is',
    explanation:
      'The file imports the module object (`import app.models as m`, `from app import models`) and reads names from it. That keeps working after the split because the package re-exports them, so `--rewrite-imports` leaves it.',
    fix: 'nothing to do; import from the submodules directly if you prefer',
    example: 'from apps.integrations import models as integration_models',
  },
  {
    code: 'MS471',
    severity: 'info',
    title: 'Star import left as is',
    explanation:
      '`from app.models import *` keeps receiving what it received before from the package, so `--rewrite-imports` leaves it.',
    fix: 'nothing to do; replace the star import with explicit imports if you want them to point at submodules',
    example: 'from app.models import *',
  },
];
