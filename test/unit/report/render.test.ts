import { describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../../src/model/changes.js';
import { renderDiagnostic } from '../../../src/report/render-diagnostic.js';
import { renderChangeSetDiff } from '../../../src/report/render-diff.js';

describe('renderDiagnostic', () => {
  it('shows code, location, a code frame with a caret under the column, notes and help', () => {
    const text = 'import os\n\nclass LineItem(Invoice):\n    pass\n';
    const rendered = renderDiagnostic(
      {
        code: 'MS301',
        severity: 'error',
        message: '`Invoice` and `LineItem` would import each other at module level',
        location: { path: 'shop/models.py', line: 3, column: 7 },
        notes: ['`LineItem` uses `Invoice` in its class body (shop/models.py:3)'],
        help: 'put both in the same file',
      },
      { readText: (p) => (p === 'shop/models.py' ? text : undefined) },
    );
    expect(rendered).toBe(
      [
        'error[MS301]: `Invoice` and `LineItem` would import each other at module level',
        ' --> shop/models.py:3:7',
        '  |',
        '3 | class LineItem(Invoice):',
        '  |       ^',
        '  = note: `LineItem` uses `Invoice` in its class body (shop/models.py:3)',
        '  = help: put both in the same file',
      ].join('\n'),
    );
  });

  it('keeps tabs in the caret line so the caret lines up under tab-indented code', () => {
    const rendered = renderDiagnostic(
      {
        code: 'MS102',
        severity: 'error',
        message: 'syntax error',
        location: { path: 'm.py', line: 1, column: 3 },
      },
      { readText: () => '\tx(:\n' },
    );
    expect(rendered.split('\n')[4]).toBe('  | \t ^');
  });
});

describe('renderChangeSetDiff', () => {
  const changeSet: ChangeSet = {
    description: 'split',
    root: '/project',
    diagnostics: [],
    changes: [
      { kind: 'create', path: 'pkg/m/__init__.py', text: 'from .a import f as f\r\n' },
      { kind: 'rename', from: 'pkg/m.py', to: 'pkg/m/a.py', text: 'def f():\r\n    pass' },
    ],
  };
  const original = 'import os\r\ndef f():\r\n    pass\r\n';

  it('renders new files and renames as unified diffs, with a missing final newline marked', () => {
    const diff = renderChangeSetDiff(changeSet, { readText: () => original });
    expect(diff).toContain(
      '--- /dev/null\n+++ b/pkg/m/__init__.py\n@@ -0,0 +1,1 @@\n+from .a import f as f\r\n',
    );
    expect(diff).toContain('--- a/pkg/m.py\n+++ b/pkg/m/a.py\n');
    expect(diff).toContain('-import os\r\n');
    expect(diff).toContain('\\ No newline at end of file');
  });

  it('makes carriage returns visible only when asked', () => {
    const diff = renderChangeSetDiff(changeSet, { readText: () => original, showCarriageReturns: true });
    expect(diff).toContain('+from .a import f as f␍\n');
    expect(diff).not.toContain('\r');
  });
});
