// Checks the new files' names: importable Python identifiers, not reserved by Windows or by modsplit, distinct on
// case-insensitive file systems, and not clashing with a name the package exposes or the module imports.
// Returns MS304-MS307 diagnostics; it does not look at the disk (an existing target is MS401, at emit).

import type { Diagnostic, DiagnosticLocation } from '../model/diagnostics.js';
import type { PlanOrigin } from '../model/plan.js';
import { isPythonIdentifier, PYTHON_KEYWORDS } from '../model/python-names.js';

const WINDOWS_RESERVED = new Set([
  'con',
  'prn',
  'aux',
  'nul',
  ...Array.from({ length: 9 }, (_, i) => `com${i + 1}`),
  ...Array.from({ length: 9 }, (_, i) => `lpt${i + 1}`),
]);

export interface FileNameContext {
  /** Names `__init__.py` will bind (re-exports and kept names): `pkg.<stem>` would be ambiguous. */
  readonly exposed: ReadonlySet<string>;
  /** Names the module binds by importing (`import jira`, `from x import slack`). */
  readonly imported: ReadonlySet<string>;
  /** Stem of the module being split (`models`), for suggestions like `slack_models.py`. */
  readonly moduleStem: string;
  readonly origin?: PlanOrigin;
  /** Where to point when the plan has no origin (the module itself). */
  readonly fallbackPath: string;
}

/** Python identifier that is not a keyword (`class.py` cannot be imported with `from . import class`). */
export function isModuleIdentifier(stem: string): boolean {
  return isPythonIdentifier(stem);
}

function locate(file: string, context: FileNameContext): DiagnosticLocation {
  const line = context.origin?.fileLines[file];
  return { path: context.origin?.path ?? context.fallbackPath, line: line ?? 1, column: 1 };
}

/** A file name that clashes with nothing known (`slack_models.py`, `slacks.py`, `_slack.py`). */
export function suggestFileName(stem: string, taken: (stem: string) => boolean, moduleStem: string): string {
  const candidates = [`${stem}_${moduleStem}`, `${stem}s`, `${stem}_module`, `_${stem}`];
  for (const c of candidates) if (!taken(c)) return `${c}.py`;
  for (let i = 2; ; i++) if (!taken(`${stem}_${i}`)) return `${stem}_${i}.py`;
}

/**
 * Problems with the file names a plan uses. `__init__.py` is allowed (names kept in the package itself);
 * `__main__.py` is reserved for the module's `if __name__ == "__main__":` block.
 *
 * @example
 * findFileNameProblems(['github.py', 'GitHub.py', 'aux.py'], context) // MS306 for GitHub.py, MS305 for aux.py
 */
export function findFileNameProblems(files: readonly string[], context: FileNameContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seenLower = new Map<string, string>();
  const stems = new Set(files.map((f) => f.replace(/\.py$/, '')));
  const taken = (stem: string) =>
    stems.has(stem) || context.exposed.has(stem) || context.imported.has(stem) || WINDOWS_RESERVED.has(stem);
  for (const file of files) {
    const location = locate(file, context);
    if (file === '__init__.py') continue;
    if (/[/\\]/.test(file)) {
      out.push({
        code: 'MS304',
        severity: 'error',
        message: `\`${file}\` is a path; a plan names files inside the new package, without folders`,
        location,
        help: `name the file only, e.g. \`${file.split(/[/\\]/).pop()}\``,
      });
      continue;
    }
    if (!file.endsWith('.py')) {
      out.push({
        code: 'MS304',
        severity: 'error',
        message: `\`${file}\` is not a Python file name (it must end with \`.py\`)`,
        location,
        help: `rename it to \`${file.replace(/\.[^.]*$/, '')}.py\``,
      });
      continue;
    }
    const stem = file.slice(0, -3);
    if (!isModuleIdentifier(stem)) {
      const fixed = stem.replace(/[^\p{ID_Continue}]+/gu, '_').replace(/^(?=\d)/, '_');
      out.push({
        code: 'MS304',
        severity: 'error',
        message: `\`${file}\` cannot be imported: \`${stem}\` is not a Python identifier${PYTHON_KEYWORDS.has(stem) ? ' (it is a keyword)' : ''}`,
        location,
        help: `rename it to \`${isModuleIdentifier(fixed) ? fixed : `${fixed}_`}.py\``,
      });
      continue;
    }
    if (file === '__main__.py') {
      out.push({
        code: 'MS305',
        severity: 'error',
        message:
          '`__main__.py` is reserved: modsplit writes it for the module\'s `if __name__ == "__main__":` block',
        location,
        help: 'put these names in another file',
      });
      continue;
    }
    if (WINDOWS_RESERVED.has(stem.toLowerCase())) {
      out.push({
        code: 'MS305',
        severity: 'error',
        message: `\`${file}\` is a reserved device name on Windows and cannot be created there`,
        location,
        help: `rename it, e.g. to \`${suggestFileName(stem, taken, context.moduleStem)}\``,
      });
      continue;
    }
    const lower = file.toLowerCase();
    const earlier = seenLower.get(lower);
    if (earlier !== undefined) {
      out.push({
        code: 'MS306',
        severity: 'error',
        message: `\`${file}\` and \`${earlier}\` are the same file on case-insensitive file systems (macOS, Windows)`,
        location,
        help: `merge them or rename one, e.g. to \`${suggestFileName(stem.toLowerCase(), taken, context.moduleStem)}\``,
      });
      continue;
    }
    seenLower.set(lower, file);
    const clashExposed = context.exposed.has(stem);
    const clashImported = context.imported.has(stem);
    if (clashExposed || clashImported) {
      const what = clashImported
        ? `the module imports \`${stem}\`, so \`package.${stem}\` would mean the import or the submodule depending on import order`
        : `the package re-exports a name \`${stem}\`, so \`package.${stem}\` would mean the name or the submodule depending on import order`;
      out.push({
        code: 'MS307',
        severity: 'error',
        message: `file \`${file}\` collides with a name: ${what}`,
        location,
        help: `rename the file, e.g. to \`${suggestFileName(stem, taken, context.moduleStem)}\``,
      });
    }
  }
  return out;
}
