// The Python oracle on hand-built split packages (one correct, several broken in one way each), with the venv's
// real interpreter. Asserts exactly the expected diagnostics and their file:line, cross-checked by running Python.

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/model/diagnostics.js';
import { collectReachableNames, verifyWithPython } from '../../../src/verify/index.js';
import { writeProjectTree } from '../../helpers/project-tree.js';
import { pythonPath, runPython } from '../../helpers/python.js';

const original = `from decimal import Decimal

RATE = Decimal("1.5")


def helper():
    return 1


class Invoice:
    def total(self):
        return Decimal(3) * RATE + helper()


def _normalize(s):
    return s.strip()
`;

const base = `from decimal import Decimal

RATE = Decimal("1.5")


def helper():
    return 1


def _normalize(s):
    return s.strip()
`;

const billing = `from decimal import Decimal

from .base import RATE, helper


class Invoice:
    def total(self):
        return Decimal(3) * RATE + helper()
`;

const init = `from .base import RATE, _normalize, helper
from .billing import Invoice
`;

/** The correct split, with `overrides` applied (a path mapped to null is left out). */
function splitProject(overrides: Readonly<Record<string, string | null>> = {}): string {
  const files: Record<string, string> = {
    'shop/__init__.py': '',
    'shop/models/__init__.py': init,
    'shop/models/base.py': base,
    'shop/models/billing.py': billing,
  };
  for (const [path, text] of Object.entries(overrides)) {
    if (text === null) delete files[path];
    else files[path] = text;
  }
  const root = writeProjectTree(files);
  roots.push(root);
  return root;
}

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const python = pythonPath();
const names = ['Invoice', 'RATE', 'helper', '_normalize'];

function summary(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.location?.path}:${d.location?.line}`);
}

describe('verifyWithPython', () => {
  it('finds nothing wrong in a correct split, after checking every code object of every file', async () => {
    const before = writeProjectTree({ 'shop/__init__.py': '', 'shop/models.py': original });
    roots.push(before);
    const reachable = await collectReachableNames(before, 'shop.models', { python });
    expect(reachable.diagnostics).toEqual([]);
    expect(reachable.names).toEqual(expect.arrayContaining([...names, 'Decimal']));
    expect(reachable.starNames).toEqual(['Decimal', 'Invoice', 'RATE', 'helper']);

    const root = splitProject();
    const result = await verifyWithPython(root, 'shop.models', { python, original: { names } });
    expect(result.diagnostics).toEqual([]);
    expect(result.modules).toEqual(['shop.models', 'shop.models.base', 'shop.models.billing']);
    // Module code, helper, _normalize, Invoice's class body and total, and the two other module bodies.
    expect(result.codeObjects).toBe(7);
    expect(result.pythonVersion).toMatch(/^3\.\d+/);
  });

  it('reports a missing import used only inside a method body, at the line that raises NameError', async () => {
    const root = splitProject({
      'shop/models/billing.py': billing.replace('from decimal import Decimal\n\n', ''),
    });
    const result = await verifyWithPython(root, 'shop.models', { python, original: { names } });
    expect(summary(result.diagnostics)).toEqual(['MS612 shop/models/billing.py:6']);
    expect(result.diagnostics[0]?.message).toContain("'Decimal'");
    expect(result.diagnostics[0]?.message).toContain('Invoice.total');
    // Importing works; calling the method fails at exactly that line.
    const line = runPython(
      [
        'import sys, traceback',
        'sys.path.insert(0, ".")',
        'import shop.models as m',
        'try:',
        '    m.Invoice().total()',
        'except NameError as e:',
        '    print(traceback.extract_tb(e.__traceback__)[-1].lineno)',
      ].join('\n'),
      '',
      root,
    );
    expect(Number(line.trim())).toBe(result.diagnostics[0]?.location?.line);
  });

  it('reports a re-export that is a different object (a definition copied into __init__.py)', async () => {
    const copied = `${init}\n\ndef helper():\n    return 1\n`;
    const root = splitProject({ 'shop/models/__init__.py': copied });
    const result = await verifyWithPython(root, 'shop.models', { python, original: { names } });
    expect(summary(result.diagnostics)).toEqual([
      'MS613 shop/models/__init__.py:1',
      'MS618 shop/models/__init__.py:5',
      'MS618 shop/models/base.py:6',
    ]);
    // Python agrees: two objects.
    const same = runPython(
      'import sys; sys.path.insert(0, "."); import shop.models as m; print(m.helper is m.base.helper)',
      '',
      root,
    );
    expect(same.trim()).toBe('False');
  });

  it('checks declared re-exports against the file they should come from', async () => {
    const root = splitProject();
    const result = await verifyWithPython(root, 'shop.models', {
      python,
      original: { names, reExports: { Invoice: 'billing', helper: 'billing' } },
    });
    // billing.py imports helper from base, so shop.models.billing.helper is base's: the same object. Only a name
    // billing.py lacks is a problem.
    expect(summary(result.diagnostics)).toEqual([]);
    const wrong = await verifyWithPython(root, 'shop.models', {
      python,
      original: { names, reExports: { _normalize: 'billing' } },
    });
    expect(summary(wrong.diagnostics)).toEqual(['MS613 shop/models/__init__.py:1']);
    expect(wrong.diagnostics[0]?.message).toBe('shop.models.billing has no _normalize to re-export');
  });

  it('reports a name that was reachable before and is gone after', async () => {
    const root = splitProject({
      'shop/models/__init__.py': init.replace('RATE, _normalize, helper', 'RATE, helper'),
    });
    const result = await verifyWithPython(root, 'shop.models', { python, original: { names } });
    expect(summary(result.diagnostics)).toEqual(['MS614 shop/models/__init__.py:1']);
    expect(result.diagnostics[0]?.message).toContain('shop.models._normalize');
  });

  it('compares the star-import set: names lost are errors, names gained (the submodules) are warnings', async () => {
    const root = splitProject();
    const result = await verifyWithPython(root, 'shop.models', {
      python,
      original: { starNames: ['Decimal', 'Invoice', 'RATE', 'helper'] },
    });
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      ['MS615', 'error', 'from shop.models import * no longer provides Decimal'],
      ['MS616', 'warning', 'from shop.models import * now also provides base, billing'],
    ]);
  });

  it('reports an import cycle between new files as a failed import located in the package', async () => {
    const root = splitProject({
      'shop/models/base.py': `from .billing import Invoice\n${base}`,
    });
    const result = await verifyWithPython(root, 'shop.models', { python, original: { names } });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['MS611']);
    const [failure] = result.diagnostics;
    expect(failure?.message).toContain('partially initialized module');
    expect(failure?.location?.path).toMatch(/^shop\/models\/(base|billing)\.py$/);
    expect(failure?.notes?.[0]).toContain('Traceback');
  });

  it('warns about a submodule that __init__.py does not import (its side effects would not run)', async () => {
    const root = splitProject({ 'shop/models/signals.py': 'REGISTRY = []\nREGISTRY.append("x")\n' });
    const result = await verifyWithPython(root, 'shop.models', { python, original: { names } });
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.location?.path])).toEqual([
      ['MS617', 'warning', 'shop/models/__init__.py'],
    ]);
    expect(result.modules).toContain('shop.models.signals');
  });

  it('finds names loaded in nested functions, comprehensions and class bodies, not locals or class attributes', async () => {
    const nested = `LIMIT = 3


class Report:
    size = 2
    rows = [n for n in range(size)]

    def lines(self):
        def inner():
            return [fmt(n) for n in range(LIMIT)]
        return inner()
`;
    const root = splitProject({
      'shop/models/report.py': nested,
      'shop/models/__init__.py': `${init}from . import report\n`,
    });
    const result = await verifyWithPython(root, 'shop.models', { python, original: { names } });
    expect(summary(result.diagnostics)).toEqual(['MS612 shop/models/report.py:10']);
    expect(result.diagnostics[0]?.message).toContain("'fmt'");
  });

  it('survives code that prints a lot at import time, and reports a hang or a hard exit as MS619', async () => {
    const chatty = splitProject({ 'shop/models/base.py': `print("x" * 20_000_000)\n${base}` });
    const quiet = await verifyWithPython(chatty, 'shop.models', { python, original: { names } });
    expect(quiet.diagnostics).toEqual([]);

    const hanging = splitProject({ 'shop/models/base.py': `import time\ntime.sleep(60)\n${base}` });
    const started = Date.now();
    const hung = await verifyWithPython(hanging, 'shop.models', { python, timeoutMs: 1500 });
    expect(hung.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['MS619', `the Python check (${python}) timed out after 1500 ms`],
    ]);
    expect(Date.now() - started).toBeLessThan(20_000);

    const exiting = splitProject({
      'shop/models/base.py': `import os, sys\nsys.stderr.write("bye\\n")\nos._exit(3)\n`,
    });
    const exited = await verifyWithPython(exiting, 'shop.models', { python });
    expect(exited.diagnostics.map((d) => [d.code, d.message, d.notes])).toEqual([
      ['MS619', `the Python check (${python}) wrote no result`, ['bye']],
    ]);
  });

  it('never stays silent without Python: a loud MS610 warning', async () => {
    const root = splitProject();
    const result = await verifyWithPython(root, 'shop.models', { python: join(root, 'no-such-python') });
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['MS610', 'warning']]);
    expect(result.diagnostics[0]?.message).toContain('did NOT run');
  });
});
