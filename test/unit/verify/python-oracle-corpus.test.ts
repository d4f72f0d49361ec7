// The Python oracle on Django's largest modules moved into a package (relative imports made absolute): silent on
// the verbatim move, and exact when one call-time-only import is dropped. Does not split the modules further.

import { readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectStatementFacts } from '../../../src/analyze/dependencies/index.js';
import { collectImportBindings } from '../../../src/analyze/units/import-bindings.js';
import { withParsedPython } from '../../../src/read/parse-python.js';
import { collectReachableNames, verifyWithPython } from '../../../src/verify/index.js';
import { writeProjectTree } from '../../helpers/project-tree.js';
import { djangoSourceDir, largestDjangoModules, pythonPath } from '../../helpers/python.js';

const python = pythonPath();
const settings = `SECRET_KEY = "x"
INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
                  "django.contrib.sessions", "django.contrib.messages"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
USE_TZ = True
`;

/** The module's text with relative imports made absolute, so it can live in another package. */
function absoluteImports(text: string, dotted: string): string {
  const parent = dotted.split('.').slice(0, -1);
  return text.replace(
    /^(\s*)from (\.+)([\w.]*) import/gm,
    (_match, indent: string, dots: string, rest: string) => {
      const base = parent.slice(0, parent.length - (dots.length - 1));
      return `${indent}from ${[...base, ...(rest ? [rest] : [])].join('.')} import`;
    },
  );
}

/** A top-level `from x import Name` binding one name that only function bodies use: its line range. */
async function findCallTimeOnlyImport(
  text: string,
): Promise<{ name: string; start: number; end: number } | null> {
  return withParsedPython(text, (root) => {
    const facts = collectStatementFacts(root);
    const importTime = new Set(
      facts.flatMap((f) => f.uses.filter((u) => u.when !== 'call-time').map((u) => u.name)),
    );
    const callTime = new Set(
      facts.flatMap((f) => f.uses.filter((u) => u.when === 'call-time').map((u) => u.name)),
    );
    for (const statement of root.namedChildren) {
      if (statement?.type !== 'import_from_statement') continue;
      const bindings = collectImportBindings(statement);
      const name = bindings[0]?.name;
      if (bindings.length !== 1 || !name || importTime.has(name) || !callTime.has(name)) continue;
      return { name, start: statement.startIndex, end: statement.endIndex };
    }
    return null;
  });
}

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('verifyWithPython on Django modules', () => {
  it('is silent on a verbatim move and finds exactly the uses of a dropped call-time import', async () => {
    let codeObjects = 0;
    let checkedDrops = 0;
    for (const path of largestDjangoModules(4)) {
      const dotted = relative(join(djangoSourceDir(), '..'), path).replace(/\.py$/, '').split('/').join('.');
      const text = absoluteImports(readFileSync(path, 'utf8'), dotted);
      const root = writeProjectTree({
        'corpus_settings.py': settings,
        'corpus/__init__.py': 'from .core import *  # noqa\n',
        'corpus/core.py': text,
      });
      roots.push(root);
      const options = { python, djangoSettings: 'corpus_settings' };
      const before = await collectReachableNames(root, dotted, options);
      expect(before.diagnostics).toEqual([]);
      const original = { names: before.starNames, knownUnresolved: before.unresolved };
      const moved = await verifyWithPython(root, 'corpus', { ...options, original });
      expect({ dotted, diagnostics: moved.diagnostics }).toEqual({ dotted, diagnostics: [] });
      codeObjects += moved.codeObjects;

      const dropped = await findCallTimeOnlyImport(text);
      if (!dropped) continue;
      const broken = text.slice(0, dropped.start) + text.slice(dropped.end);
      const brokenRoot = writeProjectTree({
        'corpus_settings.py': settings,
        'corpus/__init__.py': 'from .core import *  # noqa\n',
        'corpus/core.py': broken,
      });
      roots.push(brokenRoot);
      const result = await verifyWithPython(brokenRoot, 'corpus', { ...options, original });
      const lines = broken.split('\n');
      const unresolved = result.diagnostics.filter((d) => d.code === 'MS612');
      expect(unresolved.length).toBeGreaterThan(0);
      for (const diagnostic of unresolved) {
        expect(diagnostic.location?.path).toBe('corpus/core.py');
        expect(diagnostic.message).toContain(`'${dropped.name}'`);
        expect(lines[(diagnostic.location?.line ?? 0) - 1]).toMatch(new RegExp(`\\b${dropped.name}\\b`));
      }
      // Without `__all__` the module also handed the imported name to star-importers and attribute readers.
      const others = result.diagnostics.filter((d) => d.code !== 'MS612').map((d) => [d.code, d.message]);
      const lost = before.starNames.includes(dropped.name)
        ? [['MS614', `corpus.${dropped.name} resolved before the split and does not now`]]
        : [];
      expect(others).toEqual(lost);
      checkedDrops++;
    }
    // Django's four largest modules hold hundreds of code objects; all were walked.
    expect(codeObjects).toBeGreaterThan(400);
    expect(checkedDrops).toBeGreaterThan(0);
  });
});
