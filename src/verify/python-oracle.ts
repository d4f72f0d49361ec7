// Run the embedded Python oracle on a written package and turn its JSON into MS61x diagnostics.
// It only reads the project (Python runs with bytecode writing off); it does not run the project's tests.

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Diagnostic, Severity } from '../model/diagnostics.js';
import { findDjangoSettings, findPython } from './find-python.js';
import { ORACLE_SCRIPT } from './oracle-script.js';

/** What was reachable on the original module, to compare with the package (see `collectReachableNames`). */
export interface OriginalNames {
  /** Every `m.n` that must still resolve on the package. */
  readonly names?: readonly string[];
  /** What `from m import *` gave before; `undefined` skips the star-import comparison. */
  readonly starNames?: readonly string[];
  /** Re-exports `__init__.py` must provide, name → file stem (`{"GitHubClient": "github"}`), checked with `is`. */
  readonly reExports?: Readonly<Record<string, string>>;
  /** Global names the original's own code loaded without a binding (`ReachableNames.unresolved`): not the split's
   *  fault, so not reported again. */
  readonly knownUnresolved?: readonly string[];
}

export interface PythonRunOptions {
  /** Interpreter path or command; default: `.venv/bin/python` in the project, then `python3` on PATH. */
  readonly python?: string;
  /** `DJANGO_SETTINGS_MODULE`; default: from `manage.py` (or pytest-django config), else the environment's;
   *  `null` disables Django. */
  readonly djangoSettings?: string | null;
  /** Milliseconds before the interpreter is killed (default 120 000). */
  readonly timeoutMs?: number;
  /** Extra environment variables. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface PythonVerifyOptions extends PythonRunOptions {
  readonly original?: OriginalNames;
  /** Submodule stems to check (`["github", "slack"]`); default: every `.py` file directly in the package. */
  readonly files?: readonly string[];
}

export interface PythonVerifyResult {
  readonly diagnostics: readonly Diagnostic[];
  /** Interpreter used, and its version (`3.11.7`), when one ran. */
  readonly python?: string;
  readonly pythonVersion?: string;
  /** Django version when `django.setup()` ran. */
  readonly djangoVersion?: string;
  /** Dotted names of the modules whose code objects were checked. */
  readonly modules: readonly string[];
  /** Number of code objects walked. */
  readonly codeObjects: number;
  readonly durationMs: number;
}

interface OracleProblem {
  readonly kind: string;
  readonly message: string;
  readonly path?: string;
  readonly line?: number;
  readonly column?: number;
  readonly name?: string;
  readonly traceback?: string;
}

interface OracleOutput {
  readonly python: string;
  readonly executable: string;
  readonly problems: readonly OracleProblem[];
  readonly modules: readonly string[];
  readonly codeObjects: number;
  readonly django?: string;
  readonly names?: readonly string[];
  readonly starNames?: readonly string[];
  readonly unresolved?: readonly string[];
  readonly fatal?: string;
}

const problemCodes: Readonly<Record<string, [string, Severity, string]>> = {
  'import-failed': ['MS611', 'error', 'fix the exception at this location, then run the check again'],
  'unresolved-name': ['MS612', 'error', 'import the name in this file from the file that now defines it'],
  'reexport-differs': [
    'MS613',
    'error',
    'keep one definition and re-export it with `from .file import name`',
  ],
  'name-missing': ['MS614', 'error', 're-export the name from __init__.py'],
  'star-missing': ['MS615', 'error', 'keep the name in the package’s star-import set (`__all__` or public)'],
  'star-extra': ['MS616', 'warning', 'check the modules that star-import the package for shadowed names'],
  'not-imported': ['MS617', 'warning', 'import the submodule from __init__.py'],
  'duplicate-definition': ['MS618', 'error', 'keep the definition in one file and import it in the others'],
};

function toDiagnostic(problem: OracleProblem): Diagnostic {
  const [code, severity, help] = problemCodes[problem.kind] ?? ['MS619', 'error', 'report this as a bug'];
  const notes = problem.traceback ? [problem.traceback.trimEnd()] : undefined;
  return {
    code,
    severity,
    message: problem.message,
    ...(problem.path
      ? { location: { path: problem.path, line: problem.line ?? 1, column: problem.column ?? 1 } }
      : {}),
    ...(notes ? { notes } : {}),
    help,
  };
}

function couldNotRun(message: string, notes?: readonly string[]): Diagnostic {
  return {
    code: 'MS619',
    severity: 'error',
    message,
    ...(notes ? { notes } : {}),
    help: 'run the interpreter by hand on the project and report the output',
  };
}

/** Run the interpreter, ignoring stdout (the project's code may print anything), keeping stderr's tail. */
function runInterpreter(
  python: string,
  args: readonly string[],
  cwd: string,
  options: { readonly timeoutMs: number; readonly env: NodeJS.ProcessEnv },
): Promise<{ readonly timedOut: boolean; readonly stderr: string }> {
  return new Promise((done) => {
    let stderr = '';
    let timedOut = false;
    const child = spawn(python, args, { cwd, env: options.env, stdio: ['ignore', 'ignore', 'pipe'] });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-64 * 1024);
    });
    const finish = (extra = '') => {
      clearTimeout(timer);
      done({ timedOut, stderr: stderr + extra });
    };
    child.on('error', (error) => finish(`\n${error.message}`));
    child.on('close', () => finish());
  });
}

type RunOutcome =
  | { readonly ok: true; readonly output: OracleOutput; readonly python: string; readonly durationMs: number }
  | {
      readonly ok: false;
      readonly diagnostic: Diagnostic;
      readonly python?: string;
      readonly durationMs: number;
    };

async function runOracle(
  root: string,
  config: Record<string, unknown>,
  options: PythonRunOptions,
): Promise<RunOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const found = findPython(root, options.python);
  if ('code' in found) return { ok: false, diagnostic: found, durationMs: elapsed() };
  const djangoSettings =
    options.djangoSettings === undefined
      ? (findDjangoSettings(root) ?? process.env.DJANGO_SETTINGS_MODULE ?? null)
      : options.djangoSettings;
  const dir = await mkdtemp(join(tmpdir(), 'modsplit-oracle-'));
  const resultPath = join(dir, 'result.json');
  try {
    const fullConfig = { ...config, root: resolve(root), resultPath, djangoSettings };
    const run = await runInterpreter(found.path, ['-c', ORACLE_SCRIPT, JSON.stringify(fullConfig)], root, {
      timeoutMs: options.timeoutMs ?? 120_000,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...options.env },
    });
    let text: string;
    try {
      text = await readFile(resultPath, 'utf8');
    } catch {
      const why = run.timedOut ? `timed out after ${options.timeoutMs ?? 120_000} ms` : 'wrote no result';
      const notes = [run.stderr.slice(-4000).trimEnd()].filter((n) => n.length > 0);
      return {
        ok: false,
        diagnostic: couldNotRun(`the Python check (${found.path}) ${why}`, notes),
        python: found.path,
        durationMs: elapsed(),
      };
    }
    const output = JSON.parse(text) as OracleOutput;
    if (output.fatal) {
      return {
        ok: false,
        diagnostic: couldNotRun(`the Python check crashed (${found.path})`, [output.fatal.trimEnd()]),
        python: found.path,
        durationMs: elapsed(),
      };
    }
    return { ok: true, output, python: found.path, durationMs: elapsed() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Import the split package `packageDotted` (with `root` on `sys.path`, after `django.setup()` when the project
 * names its settings) in a subprocess and check, for every new file: each global name its code objects load
 * (`LOAD_GLOBAL`/`LOAD_NAME`, recursively through nested functions, classes and comprehensions) resolves in its
 * globals or builtins; each `from .file import n` in `__init__.py` is the very object `pkg.file.n`; no function or
 * class is defined in two files; every submodule is imported by `__init__.py`; the original's names (and star-import
 * set) are still reachable.
 *
 * ```python
 * # billing.py, after a split that forgot `from decimal import Decimal`:
 * def total(self): return Decimal(0)   # -> MS612 at billing.py:1, although `import pkg` succeeds
 * ```
 */
export async function verifyWithPython(
  root: string,
  packageDotted: string,
  options: PythonVerifyOptions = {},
): Promise<PythonVerifyResult> {
  const outcome = await runOracle(
    root,
    {
      mode: 'verify',
      package: packageDotted,
      files: options.files ?? null,
      names: options.original?.names ?? null,
      starNames: options.original?.starNames ?? null,
      reExports: options.original?.reExports ?? null,
      knownUnresolved: options.original?.knownUnresolved ?? null,
    },
    options,
  );
  if (!outcome.ok) {
    return {
      diagnostics: [outcome.diagnostic],
      ...(outcome.python ? { python: outcome.python } : {}),
      modules: [],
      codeObjects: 0,
      durationMs: outcome.durationMs,
    };
  }
  const { output } = outcome;
  return {
    diagnostics: output.problems.map(toDiagnostic),
    python: outcome.python,
    pythonVersion: output.python,
    ...(output.django ? { djangoVersion: output.django } : {}),
    modules: output.modules,
    codeObjects: output.codeObjects,
    durationMs: outcome.durationMs,
  };
}

export interface ReachableNames {
  /** `dir(module)`, sorted; empty when the import failed. */
  readonly names: readonly string[];
  /** What `from module import *` binds, sorted. */
  readonly starNames: readonly string[];
  /** Global names the module's code loads that resolve nowhere (dead branches, Python 2 leftovers), sorted. */
  readonly unresolved: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Import `moduleDotted` as it is now (before the split) and list what is reachable on it and which global names its
 * code cannot resolve, to pass as `options.original` (`names`, `starNames`, `knownUnresolved`) of
 * `verifyWithPython` after the split.
 */
export async function collectReachableNames(
  root: string,
  moduleDotted: string,
  options: PythonRunOptions = {},
): Promise<ReachableNames> {
  const outcome = await runOracle(root, { mode: 'collect', package: moduleDotted }, options);
  if (!outcome.ok) return { names: [], starNames: [], unresolved: [], diagnostics: [outcome.diagnostic] };
  return {
    names: outcome.output.names ?? [],
    starNames: outcome.output.starNames ?? [],
    unresolved: outcome.output.unresolved ?? [],
    diagnostics: outcome.output.problems.map(toDiagnostic),
  };
}
