// Diagnostic codes MS1xx of the read stage that concern the project around the module: where it sits, which files
// belong to the project. Kept apart from ms1-read.ts (the module file itself) so two owners never edit one file.

import type { DiagnosticDoc } from './entry.js';

export const readProjectCodes: readonly DiagnosticDoc[] = [
  {
    code: 'MS103',
    severity: 'error',
    title: 'The module is outside the project root',
    explanation:
      'modsplit finds the files that import the module by scanning the project root. A module outside that root ' +
      'has no dotted name relative to it, so its importers cannot be found and the split cannot be checked.',
    fix: 'Pass a project root that contains the module (--root), or run modsplit on a module inside the project.',
    example: 'modsplit split ../other-project/app/models.py --root .',
  },
  {
    code: 'MS121',
    severity: 'warning',
    title: 'A configured import root does not exist',
    explanation:
      'An `importRoots` entry names a folder that is not in the project. It is ignored; the import root is found ' +
      'by walking up from the module while folders are packages (`__init__.py`).',
    fix: 'Correct or remove the entry; import roots are folders relative to the project root, such as `src`.',
    example: 'importRoots = ["scr"]  # typo for "src"',
  },
  {
    code: 'MS122',
    severity: 'error',
    title: 'The module is not a Python file',
    explanation:
      'The module to split must be an existing `.py` file (a package is given by its `__init__.py`). Without it ' +
      'there is no dotted name and nothing to scan for.',
    fix: 'Pass the path of an existing `.py` file, for example `app/models.py` or `app/models/__init__.py`.',
    example: 'modsplit split app/models',
  },
  {
    code: 'MS123',
    severity: 'warning',
    title: 'A project file could not be read',
    explanation:
      'While looking for the files that import the module, a file listed in the project could not be read. Any ' +
      'import of the module in it is missed, so rewriting importers may be incomplete.',
    fix: 'Check the file permissions, or exclude the file from the scan if it is not part of the project.',
    example: 'chmod 000 app/views.py',
  },
  {
    code: 'MS124',
    severity: 'warning',
    title: 'The module has no valid dotted name',
    explanation:
      'The path from the import root to the module contains a folder or file name that is not a Python ' +
      'identifier (such as `my-app`), so no import statement can name the module and none will be found.',
    fix: 'Configure the import root (importRoots) so the path below it consists of identifiers, or rename the folder.',
    example: 'my-app/models.py where my-app/ has an __init__.py',
  },
];
