// Diagnostic codes MS380-MS399: a committed plan as a contract (`modsplit check`) and the line budget
// (`modsplit line-budget`, the pre-commit hooks). Catalog entries only; src/cli/commands/check.ts emits them.

import type { DiagnosticDoc } from './entry.js';

export const planCheckCodes: readonly DiagnosticDoc[] = [
  {
    code: 'MS380',
    severity: 'error',
    title: 'A planned name is defined nowhere in the package',
    explanation:
      'The plan puts this name in one of the package files, but no file of the split package defines it any more (it was deleted or renamed). Importers and old migrations that name it break, and the plan no longer describes the package.',
    fix: 'Restore the definition in the file the plan names, or remove the name from the plan and commit both.',
    example:
      '# modsplit-plan.toml: "github.py" = ["GitHubIntegration", "TrackedRepository"]\n# github.py no longer defines TrackedRepository',
  },
  {
    code: 'MS381',
    severity: 'error',
    title: 'A planned name is defined in another file than the plan says',
    explanation:
      'The plan is a contract about which file holds which name. This name is defined in a different file of the package (moved, or copied: two definitions are two objects, which breaks `isinstance` checks and registries).',
    fix: 'Move the definition back to the file the plan names, or change the plan (and commit both together).',
    example:
      '# plan: "github.py" = ["GitHubIntegration"]\n# jira.py:\nclass GitHubIntegration(models.Model): ...',
  },
  {
    code: 'MS382',
    severity: 'error',
    title: 'A planned public name is not re-exported by __init__.py',
    explanation:
      "Every public name of the plan must stay importable from the package (`from app.models import X`), because importers and migrations name the package, not the submodule. The package's `__init__.py` no longer imports it.",
    fix: 'Add the import back to `__init__.py`: `from .github import GitHubIntegration as GitHubIntegration`.',
    example: '# __init__.py lost the line\nfrom .github import GitHubIntegration as GitHubIntegration',
  },
  {
    code: 'MS383',
    severity: 'warning',
    title: 'A public class or function is not in the plan',
    explanation:
      "A public top-level class or function was added to a package file, the plan does not mention it, and nothing planned in that file uses it or is used by it, so it may sit in the wrong domain file. Private helpers, constants and names tied to a planned name of their file (a model's QuerySet, a receiver) are not reported.",
    fix: 'Add the name to the plan under the file it belongs to (or move it there), and commit the plan with the code.',
    example: '# jira.py (plan: "jira.py" = ["JiraIssue"])\nclass LinearIntegration(models.Model): ...',
  },
  {
    code: 'MS384',
    severity: 'error',
    title: "The package's files import each other",
    explanation:
      'Every sibling import is executed at module level, so a cycle of them (`a.py: from .b import g` and `b.py: from .a import f`) fails with ImportError depending on which file is imported first. modsplit only writes acyclic packages; a later edit closed this cycle.',
    fix: 'Break the cycle: move the shared name to the lower file, refer to models by string (`ForeignKey("Invoice")`), or import inside the function.',
    example: '# github.py\nfrom .jira import JiraProject\n# jira.py\nfrom .github import GitHubIntegration',
  },
  {
    code: 'MS385',
    severity: 'error',
    title: 'No plan to check against',
    explanation:
      '`modsplit check` compares a split package with its committed plan. No plan was given and none was found: it looks for `[tool.modsplit] plan = "..."`, then `modsplit-plan.toml` and `plan.toml` at the project root.',
    fix: 'Pass `--plan path/to/plan.toml`, set `plan = "..."` under `[tool.modsplit]` in pyproject.toml, or commit the plan as `modsplit-plan.toml`.',
    example: 'modsplit check apps/integrations/models/ --plan modsplit-plan.toml',
  },
  {
    code: 'MS386',
    severity: 'error',
    title: 'Not a split package',
    explanation:
      'The path given to `modsplit check` is neither a package folder with an `__init__.py` nor a Python module, so there is nothing to compare with the plan.',
    fix: 'Pass the package folder (`apps/integrations/models/`), its `__init__.py`, or the module path the plan names.',
    example: 'modsplit check apps/integrations/modles/',
  },
  {
    code: 'MS387',
    severity: 'error',
    title: 'The plan is for another module',
    explanation:
      "The plan's `module` names a different module than the package being checked, so its names cannot be compared.",
    fix: 'Check the package the plan names, or pass the plan that belongs to this package.',
    example: '# plan: module = "apps/billing/models.py"\nmodsplit check apps/integrations/models/',
  },
  {
    code: 'MS388',
    severity: 'error',
    title: 'A module is over the line budget',
    explanation:
      'The file has more lines than the budget (`--max-lines`, or `max-lines` under `[tool.modsplit]`; 1000 by default). Large modules are where import cycles, merge conflicts and slow reviews collect; the budget catches growth early.',
    fix: 'Split it: run `modsplit plan <file>`, edit the plan, then `modsplit split <file> --plan plan.toml`. Or raise the budget.',
    example: 'modsplit line-budget apps/integrations/models.py --max-lines 800',
  },
  {
    code: 'MS389',
    severity: 'error',
    title: 'A file given to the line budget cannot be read',
    explanation: 'The file does not exist, is a folder, or cannot be read, so its lines cannot be counted.',
    fix: 'Pass existing Python files (pre-commit passes the staged ones).',
    example: 'modsplit line-budget apps/missing.py',
  },
  {
    code: 'MS390',
    severity: 'info',
    title: 'The module is not split yet',
    explanation:
      'The plan names a module that is still one file, so there is no package to compare yet; `modsplit check` only applies the line budget to it.',
    fix: 'Split it with `modsplit split <module> --plan <plan>`, or leave it until it outgrows the budget.',
    example: 'modsplit check apps/integrations/models.py --max-lines 800',
  },
];
