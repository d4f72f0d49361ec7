// Diagnostic codes MS3xx: the plan stage (reading a plan, completing it, checking it). MS350 and up belong to
// proposePlan (ms3-plan-propose.ts).

import type { DiagnosticDoc } from './entry.js';
import { proposeCodes } from './ms3-plan-propose.js';

export const planCodes: readonly DiagnosticDoc[] = [
  {
    code: 'MS301',
    severity: 'error',
    title: 'The plan makes new files import each other',
    explanation:
      'Every dependency between new files becomes a module-level `from .b import g`, run when the file is ' +
      'imported, even when `g` is only used inside a function. Two files that import each other fail with ' +
      'ImportError (a partially initialized module). modsplit shows the chain of files, the names that cause ' +
      'each step and where they are used.',
    fix: 'Put the names of the cycle in one file, or refer to a model by string (`models.ForeignKey("Invoice")`).',
    example:
      '"orders.py" = ["Order"]  # Order uses LineItem at import time\n"items.py" = ["LineItem"]  # LineItem calls Order.total()',
  },
  {
    code: 'MS302',
    severity: 'error',
    title: 'The plan names something the module does not define',
    explanation:
      'A plan lists names defined at the top level of the module (classes, functions, assignments). A name that ' +
      'is not there is usually a typo; modsplit suggests the nearest defined name.',
    fix: 'Correct the name, or remove it from the plan.',
    example: '"github.py" = ["GitHubIntegraton"]',
  },
  {
    code: 'MS303',
    severity: 'error',
    title: 'A name is planned twice',
    explanation: 'A definition moves to exactly one file; copying it would create two different objects.',
    fix: 'Keep the name in one file only.',
    example: '"github.py" = ["Client"]\n"jira.py" = ["Client"]',
  },
  {
    code: 'MS304',
    severity: 'error',
    title: 'Invalid file name in the plan',
    explanation:
      'New files must be importable: a Python identifier (not a keyword) ending in `.py`, without folders.',
    fix: 'Rename the file, e.g. `git-hub.py` to `git_hub.py`.',
    example: '"git-hub.py" = ["GitHubIntegration"]',
  },
  {
    code: 'MS305',
    severity: 'error',
    title: 'Reserved file name in the plan',
    explanation:
      'Windows cannot create `con.py`, `aux.py`, `nul.py`, `prn.py`, `com1.py`...`lpt9.py`. `__main__.py` is ' +
      'reserved for the module\'s `if __name__ == "__main__":` block, which modsplit moves there itself.',
    fix: 'Choose another file name.',
    example: '"aux.py" = ["helper"]',
  },
  {
    code: 'MS306',
    severity: 'error',
    title: 'Two file names differ only in case',
    explanation:
      'On case-insensitive file systems (macOS, Windows) `GitHub.py` and `github.py` are the same file, so one ' +
      'would overwrite the other.',
    fix: 'Merge the two entries or rename one.',
    example: '"GitHub.py" = ["A"]\n"github.py" = ["B"]',
  },
  {
    code: 'MS307',
    severity: 'error',
    title: 'A file name collides with a name of the package',
    explanation:
      'A submodule becomes an attribute of the package. Next to a re-exported `def slack()`, or a module the ' +
      'original imports as `jira`, `package.slack` would mean the name or the submodule depending on import ' +
      'order, and star-importers would receive the wrong object.',
    fix: 'Rename the file; modsplit suggests a free name such as `slack_models.py`.',
    example: 'def slack(): ...      # in models.py\n"slack.py" = ["SlackIntegration"]',
  },
  {
    code: 'MS308',
    severity: 'error',
    title: 'The plan cannot be read',
    explanation:
      'The plan file is not valid TOML, has no `[files]` table, lists something other than strings, has ' +
      'unknown keys, or an `--into` argument is not of the form `file.py=Name,Name`.',
    fix: 'Write the plan as `module = "app/models.py"` and a `[files]` table of `"file.py" = ["Name", ...]`.',
    example: '[files]\n"github.py" = "GitHubIntegration"  # must be an array',
  },
  {
    code: 'MS309',
    severity: 'error',
    title: 'Names that must move together are planned into different files',
    explanation:
      'Statements that bind the same name move as one group: a redefinition, `handler = retry(handler)` after ' +
      '`def handler`, `A = B = 0`, a conditional or try/except fallback definition. Splitting the group would ' +
      'duplicate or break the definition.',
    fix: 'Put all names of the group in the same file.',
    example:
      'if sys.version_info >= (3, 12):\n    def f(): ...\n    def g(): ...\nelse:\n    def f(): ...\n    def g(): ...',
  },
  {
    code: 'MS310',
    severity: 'error',
    title: 'The module has a __main__ block that may not move',
    explanation:
      '`if __name__ == "__main__":` only runs when the file is executed. After a split it can only live in ' +
      '`__main__.py` (run with `python -m package.module`); this run did not allow that.',
    fix: 'Allow `__main__.py`, or move the block into a separate script before splitting.',
    example: 'if __name__ == "__main__":\n    main()',
  },
  {
    code: 'MS311',
    severity: 'error',
    title: 'A rebound global would be read through a stale import',
    explanation:
      '`from .a import X` copies the binding once. Code that rebinds a module global (`global X; X = ...`, or ' +
      'a name assigned again after other code used it at import time) and the code that reads it must share one ' +
      'namespace, or readers see an old value.',
    fix: 'Put the rebinding code and its readers in the same file.',
    example: '_cache = None\ndef reset():\n    global _cache\n    _cache = {}\ndef get():\n    return _cache',
  },
  {
    code: 'MS312',
    severity: 'error',
    title: 'Reflective code would be separated from what it reflects on',
    explanation:
      '`globals()[name] = ...`, a computed `__all__`, `sys.modules[__name__]`, `exec`/`eval` work on the ' +
      "module's own namespace. In another file they would see a different namespace.",
    fix: 'Keep the reflective code in the same file as the names it uses, or remove the reflection first.',
    example: 'for name in ("a", "b"):\n    globals()[name.upper()] = make(name)',
  },
  {
    code: 'MS313',
    severity: 'error',
    title: 'The plan names something that does not move',
    explanation:
      'Imports are not moved (each new file imports what it uses itself), and module metadata (`__all__`, ' +
      '`__version__`, `__getattr__`) and the `__main__` block stay with the package.',
    fix: 'Remove the name from the plan.',
    example: '"utils.py" = ["timezone"]  # from django.utils import timezone',
  },
  {
    code: 'MS314',
    severity: 'error',
    title: 'The plan is for another module',
    explanation: "The plan's `module` key names a different file than the one being split.",
    fix: 'Correct `module` in the plan, or split the module the plan was written for.',
    example: 'module = "shop/views.py"  # while splitting shop/models.py',
  },
  {
    code: 'MS315',
    severity: 'error',
    title: 'The module is already split',
    explanation:
      "The module is a package's `__init__.py` whose planned names are re-exported from its submodules: it was " +
      'split before, and splitting it again would change nothing.',
    fix: 'Split one of its submodules instead, or move names between submodules by hand.',
    example: '# shop/models/__init__.py\nfrom .orders import Order as Order',
  },
  {
    code: 'MS316',
    severity: 'error',
    title: 'Code kept in __init__.py and the submodules need each other',
    explanation:
      'Submodules import names kept in `__init__.py` with `from . import X`, which only works when `X` is ' +
      'defined before `__init__.py` imports them; kept code that needs a submodule while it runs must come after ' +
      'that import. modsplit places kept code between the submodule imports accordingly. When the kept code needs ' +
      'a submodule that needs it (directly, through a file imported first, or because the submodule calls a kept ' +
      'function at import time that reads names the submodule itself provides), no order works.',
    fix: 'Move the kept code into a submodule, e.g. the one it needs.',
    example:
      '"__init__.py" = ["Base"]  # Base uses Mixin, planned for mixins.py, which also holds a subclass of Base',
  },
  {
    code: 'MS317',
    severity: 'info',
    title: 'An annotation-only import goes under TYPE_CHECKING',
    explanation:
      'A name used only in annotations that Python does not evaluate (`from __future__ import annotations`) ' +
      'would close an import cycle if imported at module level, so it is imported under `if TYPE_CHECKING:`. ' +
      'Type checkers see it; `typing.get_type_hints()` on that code cannot resolve it at runtime.',
    fix: 'Nothing to do unless the code calls `get_type_hints()` (or a library that does, e.g. pydantic); then put both in one file.',
    example: 'def sync(issue: JiraIssue) -> None: ...  # jira.py imports this file',
  },
  {
    code: 'MS318',
    severity: 'warning',
    title: 'A rebound global is re-exported as a snapshot',
    explanation:
      '`package.X` is bound once when `__init__.py` imports it. When code rebinds `X` with `global X`, ' +
      'readers of `package.X` (or `from package import X` after the change) keep the old value; before the ' +
      'split `module.X` was live.',
    fix: 'Read the value from its submodule (`package.sub.X`) or through a function where the current value matters.',
    example: 'def configure():\n    global SETTINGS\n    SETTINGS = load()',
  },
  {
    code: 'MS319',
    severity: 'warning',
    title: 'A planned file lists no names',
    explanation: 'A file with no names would be empty; it is not created.',
    fix: 'List the names for the file or remove the entry.',
    example: '"github.py" = []',
  },
  {
    code: 'MS320',
    severity: 'info',
    title: 'The __main__ block moves to __main__.py',
    explanation:
      '`if __name__ == "__main__":` moves to `__main__.py` of the new package, so `python -m package.module` ' +
      'still runs it. Running the old file path directly is no longer possible.',
    fix: 'Run the module with `python -m package.module`.',
    example: 'if __name__ == "__main__":\n    main()',
  },
  {
    code: 'MS321',
    severity: 'warning',
    title: 'Statements run for their effect change order',
    explanation:
      'A module runs its registrations (`admin.site.register`, `checks.register`, `signal.connect`, first-match ' +
      'handler lists, decorators of this module that add to its state such as `@hook`) in source order. After the ' +
      'split they run in the order `__init__.py` imports the files, which follows the file dependencies. modsplit ' +
      'warns at the first pair whose order changes.',
    fix: 'Check that the order does not matter, or plan the registrations into one file.',
    example:
      'handlers.append(handle_value_error)   # goes to values.py\nhandlers.append(handle_any)           # goes to base.py, imported first',
  },
  {
    code: 'MS322',
    severity: 'error',
    title: 'A new file would import a module that needs it first',
    explanation:
      "Modules often import at their bottom the modules that import names back from them (Django's database " +
      'backends do this). After the split, a new file imports such a module at its top; that module then asks the ' +
      'half-initialized package for a name. modsplit orders the files so the name is bound first; when the name ' +
      'lives in the importing file itself, no order works.',
    fix: "Plan the name into another file, or move the other module's import into the function that uses it.",
    example:
      '# pkg/base.py (bottom): from .creation import Creation\n# pkg/creation.py: from pkg.base import Database',
  },
  ...proposeCodes,
];
