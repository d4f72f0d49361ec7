// Diagnostic codes MS4xx: the emit stage (rendering the new files).

import type { DiagnosticDoc } from './entry.js';

export const emitCodes: readonly DiagnosticDoc[] = [
  {
    code: 'MS401',
    severity: 'error',
    title: 'A file the split would create already exists',
    explanation:
      'Splitting `pkg/mod.py` creates the folder `pkg/mod/`; splitting `pkg/__init__.py` creates files next to ' +
      'it. modsplit never overwrites, so an existing folder or file stops the split.',
    fix: 'Move the existing folder or file away, or choose other file names in the plan.',
    example: 'shop/models.py and shop/models/ both exist',
  },
  {
    code: 'MS402',
    severity: 'error',
    title: '`__file__`, `__package__` or `__spec__` would change meaning',
    explanation:
      'In a submodule these describe the submodule: `__file__` names another file one folder deeper, ' +
      '`__package__` names the new package. modsplit rewrites the folder forms it knows ' +
      '(`Path(__file__).parent`, `os.path.dirname(__file__)`) and refuses other uses rather than let them ' +
      'silently point elsewhere.',
    fix: 'Make the path or package explicit (or use a known folder form), then split again.',
    example: 'importlib.resources.files(__package__)',
  },
  {
    code: 'MS403',
    severity: 'warning',
    title: 'A `__file__` folder expression was rewritten',
    explanation:
      'Moved code sits one folder deeper, so `Path(__file__).parent` becomes `Path(__file__).parent.parent` ' +
      'and `os.path.dirname(__file__)` is wrapped in one more `dirname`, to keep pointing at the same folder.',
    fix: 'Check that the rewritten expression points where it did.',
    example: 'TEMPLATES = Path(__file__).resolve().parent / "templates"',
  },
  {
    code: 'MS404',
    severity: 'info',
    title: 'A module logger becomes a child logger',
    explanation:
      '`logging.getLogger(__name__)` in `app.models.github` is a child of `app.models`: handlers, levels and ' +
      '`assertLogs("app.models")` still see its records.',
    fix: 'Nothing to do unless configuration names the exact logger.',
    example: 'logger = logging.getLogger(__name__)',
  },
  {
    code: 'MS405',
    severity: 'warning',
    title: '`__name__` changes in moved code',
    explanation: 'Moved code that reads `__name__` now gets the submodule name (`app.models.github`).',
    fix: 'Check what reads the value; write the old dotted name as a string if it must stay.',
    example: 'registry.register(__name__, handler)',
  },
  {
    code: 'MS406',
    severity: 'warning',
    title: 'A generated __all__ cannot list star-imported names',
    explanation:
      'Some file star-imports the module, which had no `__all__`, so modsplit writes one listing what ' +
      '`import *` gave before. Names the module itself received from `from x import *` cannot be listed.',
    fix: 'Give the module an explicit `__all__` before splitting.',
    example: 'from .constants import *',
  },
  {
    code: 'MS408',
    severity: 'info',
    title: 'Submodule imports in __init__.py are fenced from import sorters',
    explanation:
      'isort and ruff sort the imports of `__init__.py` by module name. Usually that is harmless: every new file ' +
      'imports what it needs itself. When the order matters (a file reads names back from the half-built ' +
      'package, or registrations would run in another order), sorting would break the package, so modsplit ' +
      'writes the block in dependency order between `# isort: off` and `# isort: on`, which both tools honour.',
    fix: 'Nothing to do; keep the markers, or plan the files so that their order does not matter.',
    example:
      '# isort: off\nfrom .registry import HOOKS as HOOKS\nfrom .handlers import handle as handle\n# isort: on',
  },
];
