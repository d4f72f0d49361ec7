// The verdict on one written split from the batch oracle's answer: import before and after, names and values,
// re-export identity, unresolved globals, star-import set, and pyflakes messages the split added.
// It runs nothing itself; see test/oracles/robustness_oracle.py for what the oracle measures.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/python.js';

export const ORACLE = join(repoRoot, 'test/oracles/robustness_oracle.py');

export interface ErrorInfo {
  readonly type: string;
  readonly message: string;
  readonly traceback: string;
}

export interface AfterResult {
  readonly label: string;
  readonly ok: boolean;
  readonly error?: ErrorInfo;
  readonly missing?: readonly string[];
  readonly changed?: readonly { name: string; before: unknown; after: unknown }[];
  readonly reexportProblems?: readonly string[];
  readonly reexportsChecked?: number;
  readonly unresolved?: readonly { file: string; name: string; line: number }[];
  readonly starMissing?: readonly string[];
}

export interface PyflakesMessage {
  readonly kind: string;
  readonly args: readonly string[];
  readonly line: number;
  /** The message's source line. */
  readonly text: string;
  /** An unused-import message on a `from .x import X as X` binding (a re-export pyflakes cannot recognize). */
  readonly reexportAlias: boolean;
}

export interface PackageResult {
  readonly before?: {
    readonly ok: boolean;
    readonly error?: ErrorInfo;
    readonly names?: Readonly<Record<string, unknown>>;
    /** Whether the import needed Django settings. */
    readonly settings?: boolean;
    /** Global loads of the original's code that resolve nowhere. */
    readonly unresolved?: readonly string[];
  };
  readonly after?: readonly AfterResult[];
  readonly pyflakes?: Readonly<Record<string, readonly PyflakesMessage[]>>;
  readonly fatal?: unknown;
}

export interface PackageJob {
  readonly kind: 'package';
  readonly purge: readonly string[];
  /** true/false forces Django settings on/off; null lets the oracle configure them when the import asks. */
  readonly settings: boolean | null;
  readonly before: { readonly root: string; readonly module: string };
  readonly after: readonly { readonly label: string; readonly root: string; readonly package: string }[];
  /** Names that must stay reachable (others may go, but any that stays must keep its value); null: all. */
  readonly required?: readonly string[] | null;
  /** Python expressions over the module `m` (calls of its functions) whose values must not change. */
  readonly probes?: readonly string[];
  /** Compare `from m import *` (a contract only with `__all__` or a star importer, SPLIT-SEMANTICS §2). */
  readonly checkStar?: boolean;
  /** Original file first, then the new files. */
  readonly pyflakes?: readonly string[];
}

/**
 * A naive split for the oracle to build and import (`naive_job`): every cross-file use a module-level
 * `from .x import y`, each placement of statements that bind nothing tried as a variant.
 */
export interface NaiveJob {
  readonly kind: 'naive';
  readonly source: string;
  readonly filename: string;
  /** Name -> file stem (`__init__` allowed). */
  readonly assign: Readonly<Record<string, string>>;
  readonly files: readonly string[];
  readonly root: string;
  readonly package: string;
  readonly purge: readonly string[];
  /** Must import first (else the result is `skipped`); gives the expected `probes` values. */
  readonly original: { readonly root: string; readonly module: string };
  /** Python expressions over the module `m` whose values the naive split must reproduce. */
  readonly probes?: readonly string[];
  /** A module (not a package `__init__`) split one folder deeper: relative imports get one more dot. */
  readonly bumpRelative?: boolean;
  /** Variants tried at most (the oracle's default: 64). */
  readonly maxVariants?: number;
}

export interface NaiveResult {
  readonly built?: boolean;
  /** Why nothing was tried: the original does not import. */
  readonly skipped?: string;
  /** Why no naive split could be built. */
  readonly reason?: string;
  /** Per variant: whether it imports (with the same probe values). */
  readonly outcomes?: readonly { ok: boolean; error?: { type: string; message: string } }[];
  readonly fatal?: unknown;
}

/** What the split broke, as readable lines (empty: nothing). The original must have imported. */
export function describeAfterProblems(after: AfterResult): string[] {
  const problems: string[] = [];
  const label = after.label;
  if (!after.ok) problems.push(`${label}: import failed: ${after.error?.type}: ${after.error?.message}`);
  for (const name of after.missing ?? []) problems.push(`${label}: ${name} no longer reachable`);
  for (const change of after.changed ?? []) {
    problems.push(
      `${label}: ${change.name} changed: ${JSON.stringify(change.before)} -> ${JSON.stringify(change.after)}`,
    );
  }
  for (const p of after.reexportProblems ?? []) problems.push(`${label}: ${p}`);
  for (const u of after.unresolved ?? [])
    problems.push(`${label}: ${u.file}.py:${u.line}: ${u.name} unresolved`);
  for (const name of after.starMissing ?? []) problems.push(`${label}: import * lost ${name}`);
  return problems;
}

/**
 * pyflakes messages of the new files that the original did not have (compared as kind + arguments, not lines).
 * Unused-import messages on `X as X` lines of `__init__.py` are left out: pyflakes has no re-export convention.
 * So are messages on lines marked `# noqa` (pyflakes ignores the marker; flake8 and ruff honour it).
 */
export function findNewPyflakesMessages(
  pyflakes: Readonly<Record<string, readonly PyflakesMessage[]>>,
  originalPath: string,
): string[] {
  const key = (m: PyflakesMessage) => `${m.kind}(${m.args.join(', ')})`;
  const budget = new Map<string, number>();
  for (const m of pyflakes[originalPath] ?? []) budget.set(key(m), (budget.get(key(m)) ?? 0) + 1);
  const added: string[] = [];
  for (const [path, messages] of Object.entries(pyflakes)) {
    if (path === originalPath) continue;
    for (const m of messages) {
      if (path.endsWith('__init__.py') && m.reexportAlias) continue;
      if (/#\s*noqa\b/i.test(m.text)) continue;
      const left = budget.get(key(m)) ?? 0;
      if (left > 0) budget.set(key(m), left - 1);
      else added.push(`${path.split('/').slice(-2).join('/')}:${m.line}: ${key(m)}`);
    }
  }
  return added;
}

/** Another project's isort style for ruff: one name per line, no order by type, plain and from-imports mixed. */
export const OTHER_ISORT_STYLE: readonly string[] = [
  'lint.isort.force-single-line = true',
  'lint.isort.order-by-type = false',
  'lint.isort.force-sort-within-sections = true',
];

/**
 * `ruff check --select I --fix` on a folder (the import sorter), with extra `--config` settings if given (another
 * project's isort style); returns ruff's exit status.
 */
export function sortImportsWithRuff(dir: string, settings: readonly string[] = []): number {
  const config = settings.flatMap((setting) => ['--config', setting]);
  try {
    execFileSync(
      join(repoRoot, '.venv/bin/ruff'),
      ['check', '--select', 'I', '--fix', '--quiet', '--no-cache', ...config, dir],
      { stdio: 'pipe' },
    );
    return 0;
  } catch (error) {
    return (error as { status?: number }).status ?? -1;
  }
}
