// MS406 through the CLI (test/fixtures/diagnostics/star-import-without-all): the warning on a dry run, and a real
// run proving it true (verification finds the star-imported name gone, MS615, and rolls back). It does not check
// the generated `__all__` byte for byte (the split fixtures do that for star-importers).

import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPython } from '../../helpers/python.js';
import { copyProject, runCli } from '../../helpers/run-cli.js';
import { snapshotTree } from '../../helpers/tree-snapshot.js';

const FIXTURE = 'test/fixtures/diagnostics/star-import-without-all/input';
const SPLIT = ['split', 'shop/models.py', '--into', 'billing.py=Invoice', '--into', 'customers.py=Customer'];
const WARNING =
  'warning[MS406]: the generated `__all__` cannot list the names the module received from its own star import';

describe('MS406: a generated __all__ cannot list star-imported names', () => {
  it('warns on a dry run (exit 0), pointing at the star import, and shows the __all__ it would write', () => {
    const root = copyProject(FIXTURE, { git: true });
    const before = snapshotTree(root);
    const run = runCli([...SPLIT, '--dry-run', '--diff'], root);
    expect(run.stderr).toContain(WARNING);
    expect(run.stderr).toContain(' --> shop/models.py:1:1\n  |\n1 | from shop.constants import *');
    expect(run.stdout).toContain('+__all__ = [\n+    "Customer",\n+    "Invoice",\n+]');
    expect(run.status).toBe(0);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('is right: the real split loses CURRENCY for the star-importer, so verification rolls it back (exit 1)', () => {
    const root = copyProject(FIXTURE, { git: true });
    expect(runPython('import shop.views as v; print(v.LABELS)', '', root)).toBe(
      "['Customer', 'Invoice in EUR']\n",
    );
    const before = snapshotTree(root);
    const run = runCli(SPLIT, root);
    expect(run.stderr).toContain(WARNING);
    expect(run.stderr).toContain('error[MS615]: from shop.models import * no longer provides CURRENCY');
    expect(run.stderr).toContain('rolled back');
    expect(run.status).toBe(1);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('does not warn once the module has an explicit __all__ (the fix it suggests), and then the split passes', () => {
    const root = copyProject(FIXTURE);
    appendFileSync(join(root, 'shop/models.py'), '\n\n__all__ = ["CURRENCY", "Customer", "Invoice"]\n');
    const run = runCli(SPLIT, root);
    expect(run.stderr).not.toContain('MS406');
    expect(run.stderr).not.toContain('MS615');
    expect(run.status).toBe(0);
    expect(runPython('import shop.views as v; print(v.LABELS)', '', root)).toBe(
      "['Customer', 'Invoice in EUR']\n",
    );
  });
});
