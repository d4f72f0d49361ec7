// Diagnostic codes MS350-MS359: proposing a plan (`modsplit plan`, src/plan/propose-plan.ts).

import type { DiagnosticDoc } from './entry.js';

export const proposeCodes: readonly DiagnosticDoc[] = [
  {
    code: 'MS350',
    severity: 'warning',
    title: 'Nothing to split',
    explanation:
      'The module defines fewer than two names (or groups of statements that must move together) outside its imports, so no split can be proposed.',
    fix: 'Split a module that defines several classes, functions or constants.',
    example: 'import os\n\nSEP = os.sep',
  },
  {
    code: 'MS351',
    severity: 'error',
    title: 'Invalid number of files',
    explanation:
      'The number of files asked for is not a whole number of at least 1, so modsplit proposes nothing.',
    fix: 'Pass a positive whole number (`modsplit plan --files 4`), or leave it out to choose from the module size.',
    example: 'modsplit plan app/models.py --files 0',
  },
  {
    code: 'MS352',
    severity: 'warning',
    title: 'Fewer files than asked for',
    explanation:
      'Names that would import each other across files must share a file (every cross-file dependency is a module-level import, and a cycle of them fails). After merging those, fewer groups remain than the number of files asked for, so the plan has fewer files.',
    fix: 'Ask for fewer files, or break the cycles first: refer to models by string (`ForeignKey("Invoice")`), or import inside the function.',
    example:
      'def parse(t): return render(t)\ndef render(t): return parse(t)  # `modsplit plan --files 2` gives one file',
  },
  {
    code: 'MS353',
    severity: 'info',
    title: 'Names kept together to avoid an import cycle',
    explanation:
      'These names use each other (at import time, in function bodies or in evaluated annotations), or rebind and read a module global, so putting them in different files would make the files import each other. The proposal keeps them in one file.',
    fix: 'Nothing to do; to separate them, break the cycle in the code first (string model references, function-level imports).',
    example:
      'class Invoice(Model):\n    def lines(self): return LineItem.objects.filter(invoice=self)\nclass LineItem(Model):\n    invoice = ForeignKey(Invoice)',
  },
  {
    code: 'MS354',
    severity: 'info',
    title: 'Proposal adjusted so that the split is accepted',
    explanation:
      'The grouping would have been refused by the checks `split` runs on every plan, so the proposal was adjusted: a name that a module imported at module level (often at the bottom of the file) imports back from the package is kept out of the files that use that module, in a file imported before them (otherwise MS322); or files the checks refuse apart (an import cycle, a rebound global, reflective code, the order of `__init__.py`) became one file. The reason of each moved name says which.',
    fix: 'Nothing to do; to keep those names elsewhere, move the import in the other module into the function that uses it, or break the cycle first.',
    example:
      '# base.py\ntry:\n    import oracledb as Database\nexcept ImportError: ...\nfrom .utils import dsn  # utils.py does `from .base import Database`\nclass DatabaseWrapper: ...  # uses dsn: Database goes to another file',
  },
  {
    code: 'MS355',
    severity: 'warning',
    title: 'Proposed plan still refused',
    explanation:
      'The proposal was checked with the checks `split` runs and adjusted, but one refusal remains that no regrouping fixes (for example a name a late-imported module reads back, used by code that must share its file). `split` without a plan would stop with that refusal.',
    fix: 'Do what the refusal says (often: move the import in the other module into the function that uses it), then propose again; or edit the plan by hand.',
    example:
      'class Driver:\n    def param(self): return Param(self)\nfrom .helpers import stamp  # helpers.py: from .engine import Driver\nclass Param:\n    base = Driver\n    def __init__(self, v): self.v = stamp(v)',
  },
];
