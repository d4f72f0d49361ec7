// Diagnostic codes MS6xx: the verify stage (static checks of the change set, the Python oracle, the user's commands).

import type { DiagnosticDoc } from './entry.js';

export const verifyCodes: readonly DiagnosticDoc[] = [
  {
    code: 'MS601',
    severity: 'error',
    title: 'A new or edited file does not parse',
    explanation:
      'After applying the change set, a Python file contains a syntax error (an ERROR or MISSING node). ' +
      'Writing it would break every import of the package, so the split is not safe.',
    fix: 'Report this as a modsplit bug with the module that was split; the generated text is wrong.',
    example: 'pkg/github.py:12:5 (unexpected indent)',
  },
  {
    code: 'MS602',
    severity: 'error',
    title: 'A statement of the original module is missing from the new files',
    explanation:
      'Every top-level statement except imports, `__all__` and the module docstring must reappear verbatim in ' +
      'exactly one new file. This one appears in none, so code would be lost.',
    fix: 'Check the plan for a name that was dropped, and report it if the plan was complete.',
    example: 'def _choices():  # in models.py, found in no file of models/',
  },
  {
    code: 'MS603',
    severity: 'error',
    title: 'A statement of the original module was copied into several files',
    explanation:
      'A definition that exists twice is two objects: `isinstance`, registries and Django’s model registry break. ' +
      'Each top-level statement must land in exactly one file.',
    fix: 'Move the statement to one file and import it from the others (or from the lowest common file).',
    example: 'def helper(): ...  # in both github.py and slack.py',
  },
  {
    code: 'MS604',
    severity: 'error',
    title: 'The new files import each other in a cycle',
    explanation:
      'Every dependency between new files is a module-level `from .b import g`, executed at import time. ' +
      'A cycle (`a.py` imports `b.py`, which imports `a.py`) raises ImportError on a partially initialized module.',
    fix: 'Put the files of the cycle together, or move the shared names to a file both import.',
    example: 'a.py: from .b import g\nb.py: from .a import f',
  },
  {
    code: 'MS605',
    severity: 'error',
    title: 'A name used in a new file is not bound there',
    explanation:
      'The name is used in the file but neither defined, imported nor a builtin. Function bodies only fail when ' +
      'called, so importing the package does not reveal it. (Static and scope-insensitive: a name bound anywhere ' +
      'in the file counts as bound; the Python check is exact.)',
    fix: 'Add the missing import to the file (the original module imported or defined the name).',
    example: 'def total(self): return Decimal(0)  # Decimal not imported in billing.py',
  },
  {
    code: 'MS606',
    severity: 'warning',
    title: 'An import in a new file is unused',
    explanation:
      'The file imports a name it never uses. Linters (ruff/pyflakes F401) will flag it, and it may hide a ' +
      'dependency that was computed wrongly. Re-exports in `__init__.py` and `# noqa` lines are exempt.',
    fix: 'Remove the import, or mark a deliberate side-effect import with `# noqa: F401`.',
    example: 'from decimal import Decimal  # in a file that never uses Decimal',
  },
  {
    code: 'MS607',
    severity: 'info',
    title: 'An edited file could not be re-parsed',
    explanation: 'The change set edits a file whose current text was not given to the static check.',
    fix: 'Pass the file’s text in `context.fileTexts` to have it re-parsed.',
  },
  {
    code: 'MS608',
    severity: 'error',
    title: 'A new file imports a name its sibling does not define',
    explanation:
      '`from .b import g` in a new file, but the new `b.py` binds no `g` at module level: importing the package ' +
      'raises ImportError.',
    fix: 'Import the name from the file that defines it, or move its definition to that file.',
    example: 'from .base import Invoice  # Invoice went to billing.py',
  },
  {
    code: 'MS610',
    severity: 'warning',
    title: 'No Python interpreter found: the Python checks did not run',
    explanation:
      'modsplit imports the new package with the project’s Python to check every name each function loads, ' +
      're-exports and reachable names. Without an interpreter none of that was checked.',
    fix: 'Pass `--python path/to/python`, create `.venv/` in the project, or put `python3` on PATH.',
    example: 'modsplit split app/models.py --python .venv/bin/python',
  },
  {
    code: 'MS611',
    severity: 'error',
    title: 'Importing the new package failed',
    explanation:
      'Python raised an exception while importing the package (or while `django.setup()` imported it). ' +
      'Every program that imports the module would fail the same way.',
    fix: 'Read the exception and the location; a missing import or an import cycle between new files is typical.',
    example: "ImportError: cannot import name 'f' from partially initialized module 'pkg.a'",
  },
  {
    code: 'MS612',
    severity: 'error',
    title: 'Code in a new file loads a global name that does not exist there',
    explanation:
      'A function, method or class body loads a global (LOAD_GLOBAL/LOAD_NAME) that is neither in the module’s ' +
      'globals nor a builtin. It raises NameError when that code runs, which importing alone does not show.',
    fix: 'Import the name in that file from the file that now defines it.',
    example: 'def total(): return Decimal(0)  # NameError: name "Decimal" is not defined',
  },
  {
    code: 'MS613',
    severity: 'error',
    title: 'A re-exported name is a different object from the one in its file',
    explanation:
      '`pkg.n` must be the very object `pkg.<file>.n`. When `__init__.py` rebinds the name (a copied definition), ' +
      'patches, registries and `isinstance` see two objects.',
    fix: 'Keep one definition and re-export it: `from .file import n`.',
    example: 'from .a import helper\ndef helper(): ...  # in __init__.py',
  },
  {
    code: 'MS614',
    severity: 'error',
    title: 'A name reachable on the module before is missing after the split',
    explanation:
      'Code elsewhere may use `module.name` or `from module import name`; after the split the package does not ' +
      'have it, so those imports fail.',
    fix: 'Re-export the name from `__init__.py`.',
    example: 'from app.models import _normalize  # ImportError after the split',
  },
  {
    code: 'MS615',
    severity: 'error',
    title: '`from module import *` no longer provides a name it provided before',
    explanation: 'A star-importer of the module received this name before the split and no longer does.',
    fix: 'Keep the name in `__all__` (or public and re-exported) in `__init__.py`.',
  },
  {
    code: 'MS616',
    severity: 'warning',
    title: '`from module import *` now provides extra names',
    explanation:
      'Without `__all__`, a star import takes every public name of the package, now including submodule names ' +
      'and whatever `__init__.py` imports. These can shadow names in star-importers.',
    fix: 'Define `__all__` only if the original had one; otherwise check the star-importers for shadowing.',
  },
  {
    code: 'MS617',
    severity: 'warning',
    title: 'A new submodule is not imported by `__init__.py`',
    explanation:
      '`import pkg` must run every side effect of the original module (signal receivers, registrations, Django ' +
      'models). A submodule that `__init__.py` does not import runs none of them on `import pkg`.',
    fix: 'Import the submodule from `__init__.py`.',
  },
  {
    code: 'MS618',
    severity: 'error',
    title: 'A function or class is defined in two files',
    explanation:
      'Two files define a function or class of the same name: two objects where the original had one. ' +
      'Registries, caches, `isinstance` and Django’s model registry break.',
    fix: 'Keep the definition in one file and import it in the other.',
  },
  {
    code: 'MS619',
    severity: 'error',
    title: 'The Python check could not run',
    explanation:
      'The embedded Python check crashed, timed out or produced no result, so nothing was verified by Python.',
    fix: 'Run the interpreter by hand on the project (`python -c "import pkg"`) and report the output.',
  },
  {
    code: 'MS620',
    severity: 'error',
    title: 'A test that passed before the split fails (or is gone) after it',
    explanation:
      'The project’s own test command was run before and after the split, and this test passed before but ' +
      'failed, errored or was not run after. Tests failing both times are not counted.',
    fix: 'Read the test output; roll back the split, or fix the code and run the tests again.',
    example: 'app.tests.InvoiceTests.test_total: passed -> failed (python manage.py test -v 2)',
  },
  {
    code: 'MS621',
    severity: 'error',
    title: 'A verification command that succeeded before the split fails after it',
    explanation:
      'A command (`manage.py check`, `makemigrations --check`, the tests) exited with 0 before the split and ' +
      'with another code (or timed out) after it.',
    fix:
      'Read the command output; for `makemigrations --check`, a moved Field subclass or default callable may ' +
      'have changed its path.',
    example: 'python manage.py makemigrations --check --dry-run: exit 0 -> exit 1',
  },
];
