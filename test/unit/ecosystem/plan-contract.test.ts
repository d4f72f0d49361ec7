// collectPlanDrift on small packages written to disk: each broken contract gives its code at its location, and real
// Python confirms the breakage is real (the import fails). Does not run the CLI (check-cli.test.ts does).

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeModule } from '../../../src/analyze/analyze-module.js';
import { collectPlanDrift, findSiblingTarget, type PackageFile } from '../../../src/cli/commands/check.js';
import type { ImportBinding } from '../../../src/model/units.js';
import { readPlanFile } from '../../../src/plan/plan-file.js';
import { sourceFromText } from '../../../src/read/source-file.js';
import { pythonPath } from '../../helpers/python.js';

const PLAN = [
  'module = "shop/models.py"',
  '',
  '[files]',
  '"orders.py" = ["Order", "LineItem"]',
  '"customers.py" = ["Customer"]',
  '',
].join('\n');

const GOOD: Record<string, string> = {
  '__init__.py': [
    'from .customers import Customer as Customer',
    'from .orders import LineItem as LineItem, Order as Order, order_total as order_total',
    '',
  ].join('\n'),
  'customers.py': ['class Customer:', '    pass', ''].join('\n'),
  'orders.py': [
    'from .customers import Customer',
    '',
    '',
    'def order_total(order):',
    '    return sum(i.price for i in order.items)',
    '',
    '',
    'class Order:',
    '    customer = Customer',
    '    def total(self):',
    '        return order_total(self)',
    '',
    '',
    'class LineItem:',
    '    order = Order',
    '',
  ].join('\n'),
};

async function analyzePackage(files: Record<string, string>): Promise<PackageFile[]> {
  const out: PackageFile[] = [];
  for (const [name, text] of Object.entries(files).sort()) {
    const path = `shop/models/${name}`;
    const { analysis } = await analyzeModule(sourceFromText(path, text));
    if (!analysis) throw new Error(`cannot analyze ${path}`);
    out.push({ stem: name.replace(/\.py$/, ''), path, analysis });
  }
  return out;
}

async function drift(files: Record<string, string>, planText = PLAN) {
  const { plan } = readPlanFile(planText, 'modsplit-plan.toml');
  if (!plan) throw new Error('bad plan');
  return collectPlanDrift({
    plan,
    planPath: 'modsplit-plan.toml',
    packageDotted: 'shop.models',
    files: await analyzePackage(files),
  });
}

/** Write the package under a temp root and run `script` with the root on sys.path; returns exit status and stderr. */
function runPythonOn(
  files: Record<string, string>,
  script: string,
): { status: number | null; stderr: string } {
  const root = mkdtempSync(join(tmpdir(), 'modsplit-contract-'));
  mkdirSync(join(root, 'shop', 'models'), { recursive: true });
  writeFileSync(join(root, 'shop', '__init__.py'), '');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'shop', 'models', name), text);
  const run = spawnSync(pythonPath(), ['-c', script], { cwd: root, encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr };
}

describe('collectPlanDrift', () => {
  it('finds nothing in a package that matches its plan, and Python imports every planned name', async () => {
    expect(await drift(GOOD)).toEqual([]);
    const run = runPythonOn(GOOD, 'from shop.models import Order, LineItem, Customer');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('MS381: a planned class moved to another file, located at its definition with the plan line as a note', async () => {
    const moved = {
      ...GOOD,
      'customers.py': `${GOOD['customers.py']}\n\nclass LineItem:\n    pass\n`,
      'orders.py': (GOOD['orders.py'] as string).replace('\n\nclass LineItem:\n    order = Order\n', ''),
      '__init__.py': (GOOD['__init__.py'] as string)
        .replace('LineItem as LineItem, ', '')
        .replace('Customer as Customer', 'Customer as Customer, LineItem as LineItem'),
    };
    const found = await drift(moved);
    expect(found.map((d) => d.code)).toEqual(['MS381']);
    expect(found[0]?.location).toEqual({ path: 'shop/models/customers.py', line: 5, column: 1 });
    expect(found[0]?.notes?.[0]).toBe('modsplit-plan.toml:4: the plan lists `LineItem` under "orders.py"');
  });

  it('MS381 for a copy: the planned file still defines it and a second file does too', async () => {
    const copied = { ...GOOD, 'customers.py': `${GOOD['customers.py']}\n\nclass Order:\n    pass\n` };
    const found = await drift(copied);
    expect(found.map((d) => [d.code, d.location?.path])).toEqual([['MS381', 'shop/models/customers.py']]);
    expect(found[0]?.help).toBe('remove the second definition from customers.py');
  });

  it('MS380: a planned name no file defines, located at its line in the plan', async () => {
    const deleted = {
      ...GOOD,
      'customers.py': 'class Client:\n    pass\n',
      'orders.py': (GOOD['orders.py'] as string).replace(
        'from .customers import Customer',
        'Customer = None',
      ),
      '__init__.py': (GOOD['__init__.py'] as string).replace(
        'from .customers import Customer as Customer',
        'from .customers import Client as Client',
      ),
    };
    const found = await drift(deleted);
    // `Customer = None` in orders.py is a definition: the planned name now lives in the wrong file, __init__.py
    // does not re-export it, and the new class Client is in no plan.
    expect(found.map((d) => d.code)).toEqual(['MS381', 'MS382', 'MS383']);
    const gone = await drift({
      ...GOOD,
      'customers.py': 'CUSTOMER_LIMIT = 3\n',
      'orders.py': (GOOD['orders.py'] as string)
        .replace('from .customers import Customer', '')
        .replace('    customer = Customer\n', ''),
      '__init__.py': (GOOD['__init__.py'] as string).replace(
        'from .customers import Customer as Customer\n',
        '',
      ),
    });
    expect(gone.map((d) => [d.code, d.location])).toEqual([
      ['MS380', { path: 'modsplit-plan.toml', line: 5, column: 1 }],
    ]);
  });

  it('MS380 notes a planned file that does not exist', async () => {
    const found = await drift(GOOD, `${PLAN}"billing.py" = ["Invoice"]\n`);
    expect(found.map((d) => [d.code, d.notes])).toEqual([
      ['MS380', ['billing.py does not exist in the package']],
    ]);
  });

  it('MS382: a planned public name __init__.py no longer imports; Python agrees the import fails', async () => {
    const lost = {
      ...GOOD,
      '__init__.py': (GOOD['__init__.py'] as string).replace('LineItem as LineItem, ', ''),
    };
    const found = await drift(lost);
    expect(found.map((d) => [d.code, d.location])).toEqual([
      ['MS382', { path: 'shop/models/__init__.py', line: 2, column: 1 }],
    ]);
    expect(found[0]?.help).toBe('add `from .orders import LineItem as LineItem` to __init__.py');
    const run = runPythonOn(lost, 'from shop.models import LineItem');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("ImportError: cannot import name 'LineItem' from 'shop.models'");
  });

  it('accepts re-exports written as star imports and as absolute imports', async () => {
    const star = { ...GOOD, '__init__.py': 'from .customers import *\nfrom shop.models.orders import *\n' };
    expect(await drift(star)).toEqual([]);
    const run = runPythonOn(star, 'from shop.models import Order, LineItem, Customer');
    expect(run.status).toBe(0);
    const hidden = { ...star, 'orders.py': `__all__ = ["Order"]\n${GOOD['orders.py']}` };
    expect((await drift(hidden)).map((d) => d.code)).toEqual(['MS382']);
  });

  it('MS383: warns about a new public class tied to nothing planned in its file, not about helpers', async () => {
    const added = {
      ...GOOD,
      'orders.py': `${GOOD['orders.py']}\n\nclass Refund:\n    pass\n\n\ndef _private():\n    return 1\n\n\nREFUND_DAYS = 30\n`,
    };
    const found = await drift(added);
    expect(found.map((d) => [d.code, d.severity, d.location?.line])).toEqual([['MS383', 'warning', 18]]);
    // Once a planned class uses it, it is tied to its file like order_total is.
    const tied = {
      ...added,
      'orders.py': (added['orders.py'] as string).replace(
        '    order = Order\n',
        '    order = Order\n    refund = Refund\n',
      ),
    };
    expect(await drift(tied)).toEqual([]);
  });

  it('MS384: a cycle of sibling imports, with the chain and each import line; Python fails to import it', async () => {
    const cyclic = {
      ...GOOD,
      'customers.py':
        'from .orders import order_total\n\n\nclass Customer:\n    def spent(self, o):\n        return order_total(o)\n',
    };
    const found = await drift(cyclic);
    expect(found.map((d) => [d.code, d.message])).toEqual([
      [
        'MS384',
        "the package's files import each other at module level: customers.py -> orders.py -> customers.py",
      ],
    ]);
    expect(found[0]?.notes).toEqual([
      'shop/models/customers.py:1: from .orders import order_total',
      'shop/models/orders.py:1: from .customers import Customer',
    ]);
    const run = runPythonOn(cyclic, 'import shop.models');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('ImportError');
  });

  it('MS384 ignores imports under `if TYPE_CHECKING:` and inside functions', async () => {
    const lazy = {
      ...GOOD,
      'customers.py': [
        'from typing import TYPE_CHECKING',
        'if TYPE_CHECKING:',
        '    from .orders import Order',
        '',
        '',
        'class Customer:',
        '    def last(self) -> "Order":',
        '        from .orders import Order',
        '        return Order()',
        '',
      ].join('\n'),
    };
    expect(await drift(lazy)).toEqual([]);
    expect(runPythonOn(lazy, 'from shop.models import Customer; Customer().last()').status).toBe(0);
  });
});

describe('findSiblingTarget', () => {
  const stems = new Set(['__init__', 'github', 'jira']);
  const binding = (module: string, imported: string | null, level: number): ImportBinding => ({
    name: imported ?? module,
    module,
    imported,
    level,
    range: { start: 0, end: 0 },
  });
  it.each([
    [binding('.github', 'GitHubIntegration', 1), 'github'],
    [binding('.', 'jira', 1), 'jira'],
    [binding('.', 'helper', 1), '__init__'],
    [binding('..clients', 'GitHubClient', 2), undefined],
    [binding('apps.models.github', 'X', 0), 'github'],
    [binding('apps.models', 'jira', 0), 'jira'],
    [binding('apps.models', 'X', 0), '__init__'],
    [binding('apps.models.github', null, 0), 'github'],
    [binding('apps.modelsx', 'X', 0), undefined],
    [binding('django.db', 'models', 0), undefined],
  ])('%o -> %s', (b, expected) => {
    expect(findSiblingTarget(b, stems, 'apps.models')).toBe(expected);
  });
});
