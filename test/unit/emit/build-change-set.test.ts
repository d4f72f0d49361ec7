// buildChangeSet as a value: deterministic, paths relative to the root, BOM and newline style carried, offsets
// right after non-ASCII text and in sources larger than 32 KiB.

import { describe, expect, it } from 'vitest';
import { analyzeModule } from '../../../src/analyze/analyze-module.js';
import { buildChangeSet } from '../../../src/emit/build-change-set.js';
import type { ChangeSet } from '../../../src/model/changes.js';
import type { ModuleLocation, ProjectUsage } from '../../../src/model/project.js';
import { resolvePlan } from '../../../src/plan/resolve-plan.js';
import { sourceFromText } from '../../../src/read/source-file.js';

const location: ModuleLocation = {
  root: '/project',
  modulePath: 'app/models.py',
  importRoot: '',
  dotted: 'app.models',
  parentPackage: 'app',
  isPackageInit: false,
};
const usage: ProjectUsage = {
  importers: [],
  dottedStrings: [],
  attributeSites: [],
  filesScanned: 0,
  candidates: 0,
};

async function split(text: string, files: Record<string, string[]>): Promise<ChangeSet> {
  const { analysis } = await analyzeModule(sourceFromText('app/models.py', text));
  if (!analysis) throw new Error('no analysis');
  const { resolved, diagnostics } = resolvePlan(analysis, location, usage, { files });
  if (!resolved) throw new Error(JSON.stringify(diagnostics));
  return buildChangeSet({ analysis, location, usage, resolved });
}

function textOf(changes: ChangeSet, path: string): string | undefined {
  for (const c of changes.changes) {
    if (c.kind === 'create' && c.path === path) return c.text;
    if (c.kind === 'rename' && c.to === path) return c.text;
  }
  return undefined;
}

describe('buildChangeSet', () => {
  it('renames the module to the largest new file and creates the rest, paths relative to the root', async () => {
    const changes = await split('def a():\n    return 1\n\n\ndef b():\n    return [a(), a(), a()]\n', {
      'small.py': ['a'],
      'large.py': ['b'],
    });
    expect(changes.root).toBe('/project');
    expect(
      changes.changes.map((c) =>
        c.kind === 'rename' ? `rename ${c.from} -> ${c.to}` : `${c.kind} ${'path' in c ? c.path : ''}`,
      ),
    ).toEqual([
      'create app/models/__init__.py',
      'create app/models/small.py',
      'rename app/models.py -> app/models/large.py',
    ]);
  });

  it('is deterministic: the same input gives the same change set, byte for byte', async () => {
    const text = 'import os\n\nX = os.sep\n\n\nclass A:\n    x = X\n\n\nclass B(A):\n    pass\n';
    const first = await split(text, { 'a.py': ['A'], 'b.py': ['B'] });
    const second = await split(text, { 'a.py': ['A'], 'b.py': ['B'] });
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('carries the BOM and CRLF, and slices right after non-ASCII text in a source over 32 KiB', async () => {
    const filler = Array.from({ length: 1100 }, (_, i) => `# ligne ${i}: café, naïve, 😀 ✓\r\n`).join('');
    const text = `\ufeff"""Modèle 😀."""\r\n${filler}\r\nclass Équipe:\r\n    nom = "é😀"\r\n\r\n\r\nclass Joueur(Équipe):\r\n    pass\r\n`;
    expect(text.length).toBeGreaterThan(32 * 1024);
    const changes = await split(text, { 'equipe.py': ['Équipe'], 'joueur.py': ['Joueur'] });
    expect(changes.changes.every((c) => c.kind === 'delete' || c.kind === 'edit' || c.bom === true)).toBe(
      true,
    );
    expect(textOf(changes, 'app/models/joueur.py')).toBe(
      'from .equipe import Équipe\r\n\r\n\r\nclass Joueur(Équipe):\r\n    pass\r\n',
    );
    const equipe = textOf(changes, 'app/models/equipe.py') ?? '';
    expect(equipe.endsWith('class Équipe:\r\n    nom = "é😀"\r\n')).toBe(true);
    expect(equipe.startsWith(filler.split('\r\n')[0] ?? 'x')).toBe(true);
    expect(textOf(changes, 'app/models/__init__.py')).toBe(
      '"""Modèle 😀."""\r\n\r\nfrom .equipe import Équipe as Équipe\r\nfrom .joueur import Joueur as Joueur\r\n',
    );
  });

  it('refuses (MS401) when the package folder exists, changing nothing', async () => {
    const { analysis } = await analyzeModule(sourceFromText('app/models.py', 'def a():\n    return 1\n'));
    if (!analysis) throw new Error('no analysis');
    const { resolved } = resolvePlan(analysis, location, usage, { files: { 'first.py': ['a'] } });
    if (!resolved) throw new Error('not resolved');
    const changes = await buildChangeSet({
      analysis,
      location,
      usage,
      resolved,
      options: { pathExists: (p) => p === 'app/models' },
    });
    expect(changes.changes).toEqual([]);
    expect(changes.diagnostics.map((d) => d.code)).toEqual(['MS401']);
  });
});
