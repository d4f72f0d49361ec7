// MS315, MS318 and MS319 through the CLI on the split fixtures that raise them (test/fixtures/split/<case>/input):
// the exit code, the rendered diagnostic, what is (not) written, and for MS318 that Python sees the stale snapshot
// the warning describes. The fixtures' byte-exact trees are checked by split-fixtures.test.ts, not here.

import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runPython } from '../../helpers/python.js';
import { copyProject, runCli } from '../../helpers/run-cli.js';
import { snapshotTree } from '../../helpers/tree-snapshot.js';

const fixture = (name: string) => `test/fixtures/split/${name}/input`;

describe('MS315: the module is already split', () => {
  it('refuses to split a package __init__.py that only re-exports its submodules: exit 2, tree untouched', () => {
    const root = copyProject(fixture('refuse-already-split-package'), { git: true });
    const before = snapshotTree(root);
    const run = runCli(
      ['split', 'shop/models/__init__.py', '--into', 'orders.py=Invoice', '--into', 'people.py=Customer'],
      root,
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'error[MS315]: `shop/models/__init__.py` is already split: `Invoice`, `Customer` are re-exported from its submodules',
    );
    expect(run.stderr).toContain('= help: split one of its submodules instead');
    expect(run.stderr).not.toMatch(/error\[MS3(02|13)\]/);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('reports an imported name as MS313 instead when the plan has other errors too', () => {
    const root = copyProject(fixture('refuse-already-split-package'), { git: true });
    const before = snapshotTree(root);
    const run = runCli(['split', 'shop/models/__init__.py', '--into', 'orders.py=Invoice,Nope'], root);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('error[MS302]: `Nope` is not defined');
    expect(run.stderr).toContain('error[MS313]: `Invoice` is imported by `shop/models/__init__.py`');
    expect(run.stderr).not.toContain('MS315');
    expect(snapshotTree(root)).toEqual(before);
  });
});

describe('MS319: a planned file lists no names', () => {
  it('warns at the plan line, skips that file and writes the others (exit 0)', () => {
    const root = copyProject(fixture('empty-planned-file-skipped'), { git: true });
    copyFileSync(
      join(repoRoot, 'test/fixtures/split/empty-planned-file-skipped/plan.toml'),
      join(root, 'plan.toml'),
    );
    const run = runCli(['split', 'shop/models.py', '--plan', 'plan.toml'], root);
    expect(run.stderr).toContain('warning[MS319]: `github.py` lists no names, so it is not created');
    expect(run.stderr).toContain(' --> plan.toml:5:1');
    expect(run.status).toBe(0);
    expect(readdirSync(join(root, 'shop/models')).sort()).toEqual([
      '__init__.py',
      'billing.py',
      'customers.py',
    ]);
  });

  it('is only a warning: --into with an empty list is reported the same way and does not block a dry run', () => {
    const root = copyProject(fixture('empty-planned-file-skipped'), { git: true });
    const before = snapshotTree(root);
    const run = runCli(
      ['split', 'shop/models.py', '--into', 'github.py=', '--into', 'billing.py=Invoice', '--dry-run'],
      root,
    );
    expect(run.stderr).toContain('warning[MS319]: `github.py` lists no names');
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain('shop/models/github.py');
    expect(snapshotTree(root)).toEqual(before);
  });
});

describe('MS318: a rebound global is re-exported as a snapshot', () => {
  it('warns, splits, and Python shows the re-export keeps the old value while the submodule sees the new one', () => {
    const root = copyProject(fixture('rebound-global-reexport-warned'), { git: true });
    // Before the split `shop.settings.SETTINGS` is live.
    const probe = [
      'import shop.settings as s',
      's.configure({"currency": "USD"})',
      'print(s.SETTINGS, s.currency())',
    ].join('\n');
    expect(runPython(probe, '', root)).toBe("{'currency': 'USD'} USD\n");

    const run = runCli(
      ['split', 'shop/settings.py', '--into', 'config.py=configure', '--into', 'billing.py=Invoice'],
      root,
    );
    expect(run.stderr).toContain(
      'warning[MS318]: `SETTINGS` is rebound by `global SETTINGS` (shop/settings.py:4) and re-exported: `shop.settings.SETTINGS` will keep the value it had at import',
    );
    expect(run.stderr).toContain(' --> shop/settings.py:4:1');
    expect(run.stderr).toContain('= help: read it as `shop.settings.config.SETTINGS`');
    expect(run.status).toBe(0);
    expect(existsSync(join(root, 'shop/settings/config.py'))).toBe(true);

    // After it, exactly what the warning says: the package attribute is a snapshot, the submodule's is live.
    const after = [probe, 'import shop.settings.config as c', 'print(c.SETTINGS)'].join('\n');
    expect(runPython(after, '', root)).toBe("{} USD\n{'currency': 'USD'}\n");
  });

  it('does not warn when the rebound global is private to the module (nothing re-exports it)', () => {
    const root = copyProject(fixture('global-rebind-kept-together'), { git: true });
    const run = runCli(
      ['split', 'svc/cache.py', '--into', 'store.py=reset', '--into', 'api.py=lookup', '--dry-run'],
      root,
    );
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain('MS318');
  });
});
