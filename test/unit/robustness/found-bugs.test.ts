// Minimal reproductions of bugs the robustness corpus found, each with the real module text that showed it.
// Each test builds a split through the library pipeline and checks the emitted text or the refusal; no Python.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attemptSplit, collectWrittenTexts } from './split-pipeline.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'modsplit-bugs-'));
  temps.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('emit: names a decorator needs at import time', () => {
  // django/template/defaultfilters.py: `@stringfilter` runs `stringfilter`'s body (which uses `wraps` and `unwrap`)
  // at import time. Those names belong to the file defining `stringfilter`, not to every file using the decorator:
  // importing them there only adds unused imports (pyflakes F401).
  it('imports them only in the decorator’s own file', async () => {
    const root = project({
      'lib/__init__.py': '',
      'lib/filters.py': [
        'from functools import wraps',
        '',
        '',
        'def stringfilter(func):',
        '    @wraps(func)',
        '    def inner(value):',
        '        return func(str(value))',
        '',
        '    return inner',
        '',
        '',
        '@stringfilter',
        'def lower(value):',
        '    return value.lower()',
        '',
      ].join('\n'),
    });
    const attempt = await attemptSplit({
      root,
      modulePath: 'lib/filters.py',
      projectFiles: [],
      plan: () => ({ files: { 'common.py': ['stringfilter'], 'text.py': ['lower'] } }),
    });
    expect(attempt.refusal).toEqual([]);
    const texts = collectWrittenTexts(attempt.changeSet as NonNullable<typeof attempt.changeSet>);
    expect(texts.get('lib/filters/common.py')).toContain('from functools import wraps');
    expect(texts.get('lib/filters/text.py')).toBe(
      'from .common import stringfilter\n\n\n@stringfilter\ndef lower(value):\n    return value.lower()\n',
    );
  });
});
