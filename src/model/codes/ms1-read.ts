// Diagnostic codes MS1xx: the read stage.

import type { DiagnosticDoc } from './entry.js';

export const readCodes: readonly DiagnosticDoc[] = [
  {
    code: 'MS101',
    severity: 'error',
    title: 'The module cannot be decoded',
    explanation:
      'modsplit decodes a module the way Python does: UTF-8 unless a PEP 263 coding cookie on line 1 or 2 names ' +
      'another encoding, with an optional UTF-8 BOM. Bytes that do not decode, an encoding name that is not known, ' +
      'a BOM next to a non-UTF-8 cookie, or a NUL byte make the file unimportable, so modsplit stops before reading ' +
      'anything else. The location is the first bad byte.',
    fix: 'Re-save the file as UTF-8, or declare its real encoding with `# -*- coding: latin-1 -*-` on line 1 or 2.',
    example: "# a file saved as latin-1 without a cookie:\nname = 'Caf\\xe9'  # byte 0xe9 is not UTF-8",
  },
  {
    code: 'MS102',
    severity: 'error',
    title: 'Syntax error in the module',
    explanation:
      'The module does not parse, so its top-level statements cannot be found reliably. modsplit reports the first ' +
      'place where the parser gave up (an unexpected token or a missing one) and stops.',
    fix: "Fix the syntax error (`python -m py_compile path/to/module.py` shows Python's own message) and run again.",
    example: 'def total(items:\n    return sum(items)',
  },
];
