// Python as the oracle for splits (test/oracles/split_oracle.py): import the original and the split package in real
// Python and check global-name resolution per code object, re-export identity, reachable names and `import *`.
// Batches many packages per interpreter; it does not run function bodies.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { collectExportedNames } from '../../src/plan/exported-names.js';
import type { SplitFacts } from '../../src/plan/split-facts.js';
import { collectSplitFacts } from '../../src/plan/split-facts.js';
import type { SplitRun } from './fixture-tree.js';
import { pythonPath, repoRoot } from './python.js';

export interface CollectJob {
  readonly kind: 'collect';
  /** sys.path entry holding the original. */
  readonly root: string;
  readonly module: string;
  /** Configure Django settings and call django.setup() before importing. */
  readonly django?: boolean;
}

export interface CheckJob {
  readonly kind: 'check';
  readonly root: string;
  readonly package: string;
  /** Submodule stem → absolute path of its file. */
  readonly files: Readonly<Record<string, string>>;
  /** Re-exported name → stem of the submodule defining it. */
  readonly reexports: Readonly<Record<string, string>>;
  /** Names that must stay reachable as `package.name`. */
  readonly required: readonly string[];
  /** When given, `from package import *` must give exactly these names. */
  readonly star: readonly string[] | null;
  /** Names the original module already loaded without binding them (CollectResult.unresolved). */
  readonly knownUnresolved?: readonly string[];
  readonly django?: boolean;
}

export interface CollectResult {
  readonly dir?: string[];
  readonly star?: string[];
  readonly unresolved?: string[];
  readonly error?: string;
}

export interface CheckResult {
  readonly problems?: string[];
  readonly dir?: string[];
  readonly star?: string[];
  readonly error?: string;
}

const SCRIPT = join(repoRoot, 'test/oracles/split_oracle.py');

/** Run jobs in one interpreter (results in job order). */
export function runSplitOracle<J extends CollectJob | CheckJob>(
  jobs: readonly J[],
): (J extends CollectJob ? CollectResult : CheckResult)[] {
  const result = spawnSync(pythonPath(), [SCRIPT], {
    input: JSON.stringify(jobs),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', DJANGO_SETTINGS_MODULE: '' },
  });
  if (result.status !== 0) throw new Error(`split oracle failed (${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** What the oracle must check for one split: the names `__init__.py` must keep, and where each is defined. */
export function describeSplit(run: SplitRun): {
  facts: SplitFacts;
  required: string[];
  reexports: Record<string, string>;
  files: Record<string, string>;
  starImported: boolean;
} {
  const { analysis, usage } = run;
  if (!usage) throw new Error('describeSplit needs a resolved run');
  const resolved = run.resolved;
  const location = run.location;
  if (!analysis || !resolved || !location) throw new Error('describeSplit needs a resolved run');
  const facts = collectSplitFacts(analysis);
  const exports = collectExportedNames(facts, usage);
  const fileOfGroup = new Map(resolved.placements.filter((p) => !p.copied).map((p) => [p.group, p.file]));
  const reexports: Record<string, string> = {};
  for (const name of exports.names) {
    const group = facts.groupOfName.get(name);
    const file = group === undefined ? undefined : fileOfGroup.get(group);
    if (file && resolved.fileOrder.includes(file)) reexports[name] = file.replace(/\.py$/, '');
  }
  const dir = location.isPackageInit
    ? location.modulePath.split('/').slice(0, -1).join('/')
    : location.modulePath.replace(/\.py$/, '');
  const files: Record<string, string> = {};
  for (const file of resolved.fileOrder) files[file.replace(/\.py$/, '')] = join(run.root, dir, file);
  return { facts, required: [...exports.names], reexports, files, starImported: exports.starImported };
}
