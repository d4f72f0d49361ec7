// Diagnostic codes MS150-MS169: the project's modsplit configuration and the module named on the command line.

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
  {
    code: 'MS153',
    severity: 'warning',
    title: 'Line-length setting is not usable',
    explanation:
      "Generated import lines wrap at the project's line length: ruff's `line-length` (or a shorter " +
      '`lint.pycodestyle.max-line-length`) from .ruff.toml, ruff.toml or `[tool.ruff]`, else `[tool.black] ' +
      'line-length`, else `max-line-length` in the `[flake8]` section of setup.cfg, tox.ini or .flake8, else 88. ' +
      'This setting is not a whole number from 1 to 320 (or its file is not valid TOML), so modsplit skipped it ' +
      'and used the next one.',
    fix: 'Set the value to a whole number (ruff and black reject anything else too).',
    example: '[tool.ruff]\nline-length = "120"   # a string: use line-length = 120',
  },
  {
    code: 'MS160',
    severity: 'error',
    title: 'The module is already a package',
    explanation:
      'The path names a module that has already been split: `models/__init__.py` exists where `models.py` was ' +
      'expected. Splitting again would overwrite the package, so modsplit stops without writing anything.',
    fix: "Run `modsplit check` to compare the package with its plan, or split one of the package's files instead.",
    example: 'modsplit split apps/integrations/models.py   # apps/integrations/models/__init__.py exists',
  },
  {
    code: 'MS161',
    severity: 'error',
    title: 'The module file does not exist',
    explanation: 'The path given is not an existing Python file, so there is nothing to read.',
    fix: 'Pass the path of an existing .py file (for a package, its __init__.py).',
    example: 'modsplit analyze apps/integrations/modles.py',
  },
  {
    code: 'MS162',
    severity: 'error',
    title: 'Two plans given',
    explanation:
      '`--plan` and `--into` both describe the split; modsplit will not guess which one you meant.',
    fix: 'Pass either `--plan plan.toml` or one or more `--into file.py=Name,Name`.',
    example: 'modsplit split app/models.py --plan plan.toml --into github.py=GitHubIntegration',
  },
  {
    code: 'MS163',
    severity: 'error',
    title: 'The plan file cannot be read',
    explanation: 'The file given with `--plan` does not exist or is not readable.',
    fix: 'Pass the path of an existing plan (write one with `modsplit plan <module.py> -o plan.toml`).',
    example: 'modsplit split app/models.py --plan missing.toml',
  },
  {
    code: 'MS164',
    severity: 'error',
    title: 'The plan is for another module',
    explanation:
      'The plan file says `module = "..."` and it is not the module being split. Applying a plan to the wrong module ' +
      'would place names that do not exist, so modsplit stops.',
    fix: 'Split the module the plan names, or change its `module` line.',
    example:
      '# plan.toml\nmodule = "apps/billing/models.py"\n\n$ modsplit split apps/integrations/models.py --plan plan.toml',
  },
  {
    code: 'MS165',
    severity: 'info',
    title: 'No plan given: using the proposed plan',
    explanation:
      '`split` without `--plan` or `--into` uses the grouping `modsplit plan` proposes. It is complete and acyclic, ' +
      'but it is a proposal: review it first when the result matters.',
    fix: 'Write the plan with `modsplit plan <module.py> -o plan.toml`, edit it, and pass `--plan plan.toml`.',
    example: 'modsplit split apps/integrations/models.py --dry-run',
  },
  {
    code: 'MS166',
    severity: 'warning',
    title: 'The module could not be imported before the split',
    explanation:
      'modsplit imports the module before splitting it, to know what was reachable on it, and imports the package ' +
      'afterwards to prove the same names are there. The first import failed (often the wrong interpreter: one ' +
      "without the project's dependencies), so the import check after the split is skipped. The static checks " +
      'still ran.',
    fix: "Pass `--python .venv/bin/python` (or set `python` in [tool.modsplit]) so modsplit uses the project's interpreter.",
    example: 'modsplit split app/models.py --python .venv/bin/python',
  },
];
