// Real Python imports every successful split fixture and checks what the split must preserve (split_oracle.py):
// each global a new file's code loads resolves there, re-exports are the same objects, names stay reachable, and
// `import *` gives the same names where an `__all__` or a star-importer makes that a promise.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyChangeSet,
  listFixtureCases,
  runSplit,
  type SplitFixtureArgs,
  type SplitRun,
} from '../../helpers/fixture-tree.js';
import { repoRoot } from '../../helpers/python.js';
import { type CheckJob, describeSplit, runSplitOracle } from '../../helpers/split-oracle.js';

const dir = join(repoRoot, 'test/fixtures/split');
const work = mkdtempSync(join(tmpdir(), 'modsplit-oracle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Prepared {
  readonly name: string;
  readonly run: SplitRun;
  readonly originalRoot: string;
}

async function prepare(name: string, copy = 'a'): Promise<Prepared | undefined> {
  const caseDir = join(dir, name);
  const args = JSON.parse(readFileSync(join(caseDir, 'args.json'), 'utf8')) as SplitFixtureArgs;
  const original = join(work, copy, name, 'original');
  const split = join(work, copy, name, 'split');
  cpSync(join(caseDir, 'input'), original, { recursive: true });
  cpSync(join(caseDir, 'input'), split, { recursive: true });
  const planText = args.planFile ? readFileSync(join(caseDir, args.planFile), 'utf8') : undefined;
  const run = await runSplit(split, args, planText);
  if (!run.changeSet || run.diagnostics.some((d) => d.severity === 'error')) return undefined;
  applyChangeSet(split, run.changeSet);
  return { name, run, originalRoot: original };
}

function checkJobs(prepared: readonly Prepared[]): CheckJob[] {
  const collected = runSplitOracle(
    prepared.map((p) => ({
      kind: 'collect' as const,
      root: join(p.originalRoot, p.run.location?.importRoot ?? ''),
      module: p.run.location?.dotted ?? '',
    })),
  );
  return prepared.map((p, i) => {
    const described = describeSplit(p.run);
    const promisesStar = p.run.analysis?.dunderAll !== null || described.starImported;
    const star = collected[i]?.star;
    if (!star) throw new Error(`collecting ${p.name} failed: ${collected[i]?.error}`);
    return {
      kind: 'check',
      root: join(p.run.root, p.run.location?.importRoot ?? ''),
      package: p.run.location?.dotted ?? '',
      files: described.files,
      reexports: described.reexports,
      required: described.required,
      star: promisesStar ? star : null,
      knownUnresolved: collected[i]?.unresolved ?? [],
    };
  });
}

describe('split oracle on the fixtures', () => {
  it('finds nothing wrong in any successful split fixture', async () => {
    const prepared = (await Promise.all(listFixtureCases(dir).map((name) => prepare(name)))).filter(
      (p): p is Prepared => p !== undefined,
    );
    expect(prepared.length).toBeGreaterThanOrEqual(15);
    const results = runSplitOracle(checkJobs(prepared));
    const problems = results.flatMap((r, i) =>
      (r.error ? [r.error] : (r.problems ?? [])).map((p) => `${prepared[i]?.name}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('reports a moved function whose sibling import is missing, and a re-export that is another object', async () => {
    const p = await prepare('helpers-go-to-lowest-file', 'broken');
    if (!p) throw new Error('fixture did not split');
    const jira = join(p.run.root, 'shop/models/jira.py');
    writeFileSync(
      jira,
      readFileSync(jira, 'utf8').replace(
        'from .github import RETRIES, GitHubClient, _parse\n',
        'from .github import RETRIES, GitHubClient\n',
      ),
    );
    const init = join(p.run.root, 'shop/models/__init__.py');
    writeFileSync(init, `${readFileSync(init, 'utf8')}\n\nclass GitHubClient:\n    pass\n`);
    const [job] = checkJobs([p]);
    const [result] = runSplitOracle([job as CheckJob]);
    expect(result?.problems).toEqual([
      'jira.py:14: JiraIssue.fetch loads `_parse`, unresolved in jira.py',
      '`shop.models.GitHubClient` is not `shop.models.github.GitHubClient`',
    ]);
  });
});
