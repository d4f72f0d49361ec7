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
];
