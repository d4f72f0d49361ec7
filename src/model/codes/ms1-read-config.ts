// Diagnostic codes MS150-MS159: reading the project's modsplit configuration.

import type { DiagnosticDoc } from './entry.js';

export const readConfigCodes: readonly DiagnosticDoc[] = [
  {
    code: 'MS150',
    severity: 'error',
    title: 'Configuration file is not valid TOML',
    explanation:
      'modsplit reads `[tool.modsplit]` from pyproject.toml (or modsplit.toml). The file could not be parsed, so ' +
      'modsplit stops instead of guessing your settings.',
    fix: "Fix the TOML syntax at the reported line (`python -c \"import tomllib; tomllib.load(open('pyproject.toml', 'rb'))\"` shows the same error).",
    example: '[tool.modsplit]\nverify = ["python manage.py check"',
  },
  {
    code: 'MS151',
    severity: 'error',
    title: 'Unknown configuration key',
    explanation:
      'A key in `[tool.modsplit]` is not one modsplit knows. A misspelled key would otherwise be silently ignored, ' +
      'so it is an error. Known keys: verify, rewrite-imports, reexport-style, import-roots, exclude, python, max-lines.',
    fix: 'Rename the key to the suggested one, or remove it.',
    example: '[tool.modsplit]\nverfy = ["python manage.py check"]   # did you mean `verify`?',
  },
  {
    code: 'MS152',
    severity: 'error',
    title: 'Configuration value has the wrong type',
    explanation:
      'A `[tool.modsplit]` key has a value of the wrong type (for example a string where a list is expected).',
    fix: 'Change the value to the type the message names.',
    example: '[tool.modsplit]\nverify = "python manage.py check"   # must be a list of strings',
  },
];
