// Which argument of a patching call the importer scan takes as a patch target: the first positional argument or
// the target keyword (`target=`, `in_dict=`), and the attribute of `patch.object`-like calls by position or keyword.
// It checks the collector's classification only; the rewrite and its Python oracle are in the consistency fixtures.

import { describe, expect, it } from 'vitest';
import { collectFileUsage } from '../../../src/analyze/importers/index.js';
import { withParsedPython } from '../../../src/read/parse-python.js';

const target = { dotted: 'app.models', parts: ['app', 'models'], importRoot: '' };
const file = { path: 'tests/test_x.py', importRoot: '' };

function scan(text: string) {
  return withParsedPython(text, (root) => collectFileUsage(root, text, file, target));
}

/** `[line, context]` of every dotted string of `lines`. */
async function contexts(lines: readonly string[]): Promise<[number, string][]> {
  const usage = await scan(`${lines.join('\n')}\n`);
  return usage.dottedStrings.map((s) => [s.line, s.context]);
}

describe('patch targets by keyword and through pytest fixtures', () => {
  it('takes the target keyword of each patching call, and only that keyword', async () => {
    expect(
      await contexts([
        'mock.patch(target="app.models.a")',
        'patch.dict(in_dict="app.models.REGISTRY", values={})',
        'mock.patch.multiple(target="app.models", a=DEFAULT)',
        'mocker.patch(target="app.models.b")',
        'monkeypatch.setattr(target="app.models.c", name=1)',
        'monkeypatch.delattr(target="app.models.d")',
        'mock.patch("x.y", new="app.models.e")',
        'patch.dict(target="app.models.f")',
        'mock.patch(spec="app.models.g")',
        'self.client.get("/x", data="app.models.h")',
      ]),
    ).toEqual([
      [1, 'patch-target'],
      [2, 'patch-target'],
      [3, 'patch-target'],
      [4, 'patch-target'],
      [5, 'patch-target'],
      [6, 'patch-target'],
      [7, 'other'],
      [8, 'other'],
      [9, 'other'],
      [10, 'other'],
    ]);
  });

  it("takes monkeypatch.setattr's string as a dotted target only in its two-argument form", async () => {
    expect(
      await contexts([
        'monkeypatch.setattr("app.models.a", 1)',
        'monkeypatch.setattr("app.models.b", name=1)',
        'monkeypatch.setattr("app.models.c", "attr", 1)',
        'monkeypatch.setattr("app.models.d", "attr", value=1)',
        'self.monkeypatch.setattr("app.models.e", 1)',
      ]),
    ).toEqual([
      [1, 'patch-target'],
      [2, 'patch-target'],
      [3, 'other'],
      [4, 'other'],
      [5, 'patch-target'],
    ]);
  });

  it('finds the patched attribute of a module alias by position or keyword', async () => {
    const text = [
      'from app import models',
      'mock.patch.object(target=models, attribute="a")',
      'mock.patch.object(models, attribute="b")',
      'monkeypatch.setattr(models, name="c", value=1)',
      'monkeypatch.setattr(target=models, name="d", value=1)',
      'mocker.spy(models, "e")',
      'mocker.spy(obj=models, name="f")',
      'mock.patch.object(other, attribute="g")',
      'mock.patch.object(new=models, attribute="h")',
      'mocker.stub(models, "i")',
      '',
    ].join('\n');
    const usage = await scan(text);
    const sites = usage.attributeSites.filter((s) => s.context === 'patch-object');
    expect(sites.map((s) => [s.line, s.name])).toEqual([
      [2, 'a'],
      [3, 'b'],
      [4, 'c'],
      [5, 'd'],
      [6, 'e'],
      [7, 'f'],
    ]);
    for (const site of sites) expect(text.slice(site.range.start, site.range.end)).toBe(site.name);
  });
});
