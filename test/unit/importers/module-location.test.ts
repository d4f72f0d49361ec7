// locateModule and findProjectRoot on small temp trees: import roots (walk-up, src/ layouts, configured roots),
// package __init__ modules and the diagnostics MS103, MS121, MS122, MS124. Never relies on the working directory.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readProjectCodes } from '../../../src/model/codes/ms1-read-project.js';
import { locateModule } from '../../../src/read/module-location.js';
import { findProjectRoot } from '../../../src/read/project-files.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function tree(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'modsplit-location-'));
  temps.push(root);
  for (const file of files) {
    if (file.endsWith('/')) mkdirSync(join(root, file), { recursive: true });
    else {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), '');
    }
  }
  return root;
}

describe('findProjectRoot', () => {
  it('stops at the nearest folder holding a marker', () => {
    const root = tree(['proj/pyproject.toml', 'proj/src/app/__init__.py', 'proj/src/app/models.py']);
    expect(findProjectRoot(join(root, 'proj/src/app/models.py'))).toBe(join(root, 'proj'));
    const django = tree(['site/manage.py', 'site/.git/', 'site/polls/models.py', 'site/polls/sub/setup.cfg']);
    expect(findProjectRoot(join(django, 'site/polls/models.py'))).toBe(join(django, 'site'));
    const nested = tree(['repo/.git/', 'repo/svc/setup.cfg', 'repo/svc/pkg/models.py']);
    expect(findProjectRoot(join(nested, 'repo/svc/pkg/models.py'))).toBe(join(nested, 'repo/svc'));
  });

  it('falls back to the module folder when no marker is found', () => {
    const root = tree(['a/b/models.py']);
    // tmpdir() and its parents hold none of the markers on a sane machine; the test states that assumption.
    expect(findProjectRoot(join(root, 'a/b/models.py'))).toBe(join(root, 'a/b'));
  });
});

describe('locateModule', () => {
  it('walks up while folders are packages (src layout)', () => {
    const root = tree(['src/shop/__init__.py', 'src/shop/sub/__init__.py', 'src/shop/sub/models.py']);
    const { location, diagnostics } = locateModule(root, join(root, 'src/shop/sub/models.py'));
    expect(diagnostics).toEqual([]);
    expect(location).toEqual({
      root,
      modulePath: 'src/shop/sub/models.py',
      importRoot: 'src',
      dotted: 'shop.sub.models',
      parentPackage: 'shop.sub',
      isPackageInit: false,
    });
  });

  it('names a package by its __init__.py', () => {
    const root = tree(['shop/__init__.py', 'shop/models/__init__.py']);
    const { location } = locateModule(root, join(root, 'shop/models/__init__.py'));
    expect(location).toMatchObject({
      importRoot: '',
      dotted: 'shop.models',
      parentPackage: 'shop',
      isPackageInit: true,
    });
  });

  it('gives a module in a plain folder that folder as its import root', () => {
    const root = tree(['scripts/tool.py']);
    expect(locateModule(root, join(root, 'scripts/tool.py')).location).toMatchObject({
      importRoot: 'scripts',
      dotted: 'tool',
      parentPackage: '',
    });
  });

  it('lets a configured import root that contains the module win', () => {
    const root = tree(['lib/__init__.py', 'lib/pkg/__init__.py', 'lib/pkg/models.py', 'other/']);
    const plain = locateModule(root, join(root, 'lib/pkg/models.py'));
    expect(plain.location?.dotted).toBe('lib.pkg.models');
    const configured = locateModule(root, join(root, 'lib/pkg/models.py'), {
      importRoots: ['./lib/', 'other'],
    });
    expect(configured.location).toMatchObject({ importRoot: 'lib', dotted: 'pkg.models' });
    expect(configured.diagnostics).toEqual([]);
  });

  it('warns about a configured import root that does not exist (MS121)', () => {
    const root = tree(['src/app/__init__.py', 'src/app/models.py']);
    const { location, diagnostics } = locateModule(root, join(root, 'src/app/models.py'), {
      importRoots: ['scr'],
    });
    expect(location?.dotted).toBe('app.models');
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['MS121', 'warning']]);
  });

  it('refuses a module outside the root (MS103) and a missing or non-.py module (MS122)', () => {
    const root = tree(['proj/app/models.py', 'elsewhere/models.py', 'proj/app/data.txt']);
    const outside = locateModule(join(root, 'proj'), join(root, 'elsewhere/models.py'));
    expect(outside.location).toBeUndefined();
    expect(outside.diagnostics.map((d) => d.code)).toEqual(['MS103']);
    for (const path of ['proj/app/missing.py', 'proj/app/data.txt', 'proj/app']) {
      const result = locateModule(join(root, 'proj'), join(root, path));
      expect(result.location).toBeUndefined();
      expect(result.diagnostics.map((d) => d.code)).toEqual(['MS122']);
    }
  });

  it('warns when the dotted name is not made of identifiers (MS124)', () => {
    const root = tree(['my-app/__init__.py', 'my-app/models.py']);
    const { location, diagnostics } = locateModule(root, join(root, 'my-app/models.py'));
    expect(location?.dotted).toBe('my-app.models');
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['MS124', 'warning']]);
  });

  it('documents every code it emits', () => {
    const documented = new Set(readProjectCodes.map((doc) => doc.code));
    for (const code of ['MS103', 'MS121', 'MS122', 'MS123', 'MS124']) expect(documented).toContain(code);
    for (const doc of readProjectCodes) expect(doc.fix).toMatch(/^[A-Z][a-z]+/);
  });
});
