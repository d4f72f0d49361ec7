// collectFileUsage on single sources: offsets and columns are UTF-16 code units after non-ASCII text, CRLF line
// endings count one line, and a source larger than 32 KiB is handled. Does not touch the file system.

import { describe, expect, it } from 'vitest';
import { collectFileUsage } from '../../../src/analyze/importers/index.js';
import { withParsedPython } from '../../../src/read/parse-python.js';

const target = { dotted: 'app.models', parts: ['app', 'models'], importRoot: '' };
const file = { path: 'tests/test_x.py', importRoot: '' };

function scan(text: string) {
  return withParsedPython(text, (root) => collectFileUsage(root, text, file, target));
}

describe('collectFileUsage', () => {
  it('reports UTF-16 columns and ranges after astral and accented characters', async () => {
    const text =
      'label = "😀é"; patch("app.models.helper")\r\nfrom app import models  # ünïcode\r\nx = "ß"; models.helper\r\n';
    const usage = await scan(text);
    const [patchTarget] = usage.dottedStrings;
    expect(patchTarget).toMatchObject({
      line: 1,
      column: 23, // 'label = "' 9 + 😀 2 + é 1 + '"; patch("' 10 = 22 units before it
      context: 'patch-target',
      attributePath: 'helper',
    });
    expect(text.slice(patchTarget?.range.start, patchTarget?.range.end)).toBe('app.models.helper');
    expect(usage.importers.map((s) => [s.line, s.column, s.form])).toEqual([[2, 1, 'from-package-import']]);
    const [attribute] = usage.attributeSites;
    expect(attribute).toMatchObject({ line: 3, column: 10, alias: 'models', name: 'helper' });
    expect(text.slice(attribute?.range.start, attribute?.range.end)).toBe('models.helper');
  });

  it('handles a source larger than 32 KiB with the sites at its end', async () => {
    const filler = '# filler line with text ünïcode 😀 to pass the 32 KiB mark\n'.repeat(800);
    const text = `${filler}def f():\n    from app.models import helper\n    return "app.models.helper"\n`;
    expect(text.length).toBeGreaterThan(32 * 1024);
    const usage = await scan(text);
    expect(usage.importers.map((s) => [s.line, s.column, s.inFunction, s.names])).toEqual([
      [802, 5, true, ['helper']],
    ]);
    const [site] = usage.dottedStrings;
    expect(site?.line).toBe(803);
    expect(text.slice(site?.range.start, site?.range.end)).toBe('app.models.helper');
  });

  it('ignores occurrences in comments and names that merely contain the module name', async () => {
    const usage = await scan(
      '# from app.models import x\nimport app.models_extra\nfrom app import modelsx\nmodels = 1\n',
    );
    expect(usage).toEqual({ importers: [], dottedStrings: [], attributeSites: [] });
  });
});
