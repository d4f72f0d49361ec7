// verifyChangeSetStatically on hand-written change sets (a correct split and one defect each), and on trivial
// splits of Django's largest modules, where it must stay silent. Pure: nothing is written or run.

import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeSet, FileChange } from '../../../src/model/changes.js';
import type { Diagnostic } from '../../../src/model/diagnostics.js';
import { parsePython } from '../../../src/read/parse-python.js';
import { sourceFromText } from '../../../src/read/source-file.js';
import { verifyChangeSetStatically } from '../../../src/verify/index.js';
import { djangoSourceDir, largestDjangoModules } from '../../helpers/python.js';

const original = `"""Shop models."""
from decimal import Decimal

RATE = Decimal("1.5")


def helper():
    return 1


class Invoice:
    def total(self):
        return Decimal(3) * RATE + helper()


def _normalize(s):
    return s.strip()
`;

const files = {
  'shop/models/__init__.py': `"""Shop models."""
from .base import RATE, _normalize, helper
from .billing import Invoice
`,
  'shop/models/base.py': `from decimal import Decimal

RATE = Decimal("1.5")


def helper():
    return 1


def _normalize(s):
    return s.strip()
`,
  'shop/models/billing.py': `from decimal import Decimal

from .base import RATE, helper


class Invoice:
    def total(self):
        return Decimal(3) * RATE + helper()
`,
} as const;

function changeSet(overrides: Readonly<Record<string, string | null>> = {}): ChangeSet {
  const texts: Record<string, string> = { ...files };
  for (const [path, text] of Object.entries(overrides)) {
    if (text === null) delete texts[path];
    else texts[path] = text;
  }
  const changes: FileChange[] = [
    { kind: 'delete', path: 'shop/models.py' },
    ...Object.entries(texts).map(([path, text]) => ({ kind: 'create' as const, path, text })),
  ];
  return { description: 'split shop/models.py', root: '/project', changes, diagnostics: [] };
}

const context = { packageDir: 'shop/models', packageDotted: 'shop.models' };
const source = sourceFromText('shop/models.py', original);

function summary(diagnostics: readonly Diagnostic[]): string[] {
  const at = (d: Diagnostic) =>
    d.location ? `${d.location.path}:${d.location.line}:${d.location.column}` : '-';
  return diagnostics.map((d) => `${d.code} ${at(d)}`);
}

describe('verifyChangeSetStatically', () => {
  it('accepts a correct split', async () => {
    expect(await verifyChangeSetStatically(changeSet(), source, context)).toEqual([]);
  });

  it('reports a file that does not parse', async () => {
    const broken = files['shop/models/billing.py'].replace('def total(self):', 'def total(self:');
    const result = await verifyChangeSetStatically(
      changeSet({ 'shop/models/billing.py': broken }),
      source,
      context,
    );
    // The class is no longer the original's text either, so it is also missing from the new files.
    expect(result.map((d) => d.code)).toEqual(['MS601', 'MS602']);
    expect(result[0]?.location?.path).toBe('shop/models/billing.py');
    expect(result[0]?.location?.line).toBe(7);
  });

  it('reports a statement that landed in no file, at its line in the original', async () => {
    const base = files['shop/models/base.py'].replace('\n\ndef _normalize(s):\n    return s.strip()\n', '');
    const init = files['shop/models/__init__.py'].replace('RATE, _normalize, helper', 'RATE, helper');
    const result = await verifyChangeSetStatically(
      changeSet({ 'shop/models/base.py': base, 'shop/models/__init__.py': init }),
      source,
      context,
    );
    expect(summary(result)).toEqual(['MS602 shop/models.py:16:1']);
    expect(result[0]?.message).toContain('def _normalize(s):');
  });

  it('reports a definition copied into two files, wherever the copy is', async () => {
    const copy = `from decimal import Decimal

from .base import RATE


def helper():
    return 1


class Invoice:
    def total(self):
        return Decimal(3) * RATE + helper()
`;
    const result = await verifyChangeSetStatically(
      changeSet({ 'shop/models/billing.py': copy }),
      source,
      context,
    );
    expect(summary(result)).toEqual(['MS603 shop/models/base.py:6:1']);
    expect(result[0]?.notes).toEqual(['shop/models/base.py: 1×', 'shop/models/billing.py: 1×']);
  });

  it('accepts a deliberate copy of a per-module idiom when the context allows it, and only that one', async () => {
    const loggerLine = 'logger = logging.getLogger(__name__)';
    const head = '"""Shop models."""\nimport logging\nfrom decimal import Decimal\n\n';
    const withLogger = `${head}${loggerLine}\n\n${original.slice(original.indexOf('RATE = '))}`;
    const loggerSlice = { start: head.length, end: head.length + loggerLine.length };
    const addLogger = (text: string) => `import logging\n${text.replace('\n\n', `\n\n${loggerLine}\n`)}`;
    const set = changeSet({
      'shop/models/base.py': addLogger(files['shop/models/base.py']),
      'shop/models/billing.py': addLogger(files['shop/models/billing.py']),
    });
    const source = sourceFromText('shop/models.py', withLogger);
    const strict = await verifyChangeSetStatically(set, source, context);
    expect(summary(strict)).toEqual(['MS603 shop/models/base.py:4:1']);
    expect(strict[0]?.notes).toEqual(['shop/models/base.py: 1×', 'shop/models/billing.py: 1×']);
    const allowed = await verifyChangeSetStatically(set, source, {
      ...context,
      allowedCopies: [loggerSlice],
    });
    expect(allowed).toEqual([]);
  });

  it('reports a cycle between new files with the chain and each import', async () => {
    const base = `from .billing import Invoice\n${files['shop/models/base.py']}`;
    const result = await verifyChangeSetStatically(
      changeSet({ 'shop/models/base.py': base }),
      source,
      context,
    );
    expect(summary(result)).toEqual(['MS604 shop/models/base.py:1:22', 'MS606 shop/models/base.py:1:22']);
    expect(result[0]?.message).toBe(
      'new files import each other at module level: base.py -> billing.py -> base.py',
    );
    expect(result[0]?.notes).toEqual([
      'shop/models/base.py:1: from .billing import Invoice',
      'shop/models/billing.py:3: from .base import RATE, helper',
    ]);
  });

  it('ignores imports under TYPE_CHECKING and inside functions for cycles', async () => {
    const base = files['shop/models/base.py'].replace(
      'def helper():\n    return 1\n',
      'def helper():\n    from .billing import Invoice\n\n    return 1 if Invoice else 0\n',
    );
    const withTyping = `from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from .billing import Invoice\n\n${base}`;
    const result = await verifyChangeSetStatically(
      changeSet({ 'shop/models/base.py': withTyping }),
      source,
      context,
    );
    // Invoice is bound both under TYPE_CHECKING and locally; the import under TYPE_CHECKING is unused by name.
    expect(result.filter((d) => d.code === 'MS604')).toEqual([]);
  });

  it('reports a name used in a function body that the new file neither defines nor imports', async () => {
    const billing = files['shop/models/billing.py'].replace('from decimal import Decimal\n\n', '');
    const result = await verifyChangeSetStatically(
      changeSet({ 'shop/models/billing.py': billing }),
      source,
      context,
    );
    expect(summary(result)).toEqual(['MS605 shop/models/billing.py:6:16']);
    expect(result[0]?.message).toBe(
      '`Decimal` is used in shop/models/billing.py but neither defined nor imported there',
    );
  });

  it('reports an import of a name the sibling file does not define', async () => {
    const billing = files['shop/models/billing.py'].replace(
      'RATE, helper',
      'RATE, helper, Invoice as _unused',
    );
    const result = await verifyChangeSetStatically(
      changeSet({ 'shop/models/billing.py': billing }),
      source,
      context,
    );
    expect(summary(result)).toEqual([
      'MS608 shop/models/billing.py:3:33',
      'MS606 shop/models/billing.py:3:33',
    ]);
  });

  it('reports a new unused import, but not re-exports in __init__.py nor `# noqa` side-effect imports', async () => {
    const billing = files['shop/models/billing.py'].replace(
      'from .base import RATE, helper',
      'from .base import RATE, _normalize, helper\nfrom . import base  # noqa: F401',
    );
    const result = await verifyChangeSetStatically(
      changeSet({ 'shop/models/billing.py': billing }),
      source,
      context,
    );
    expect(summary(result)).toEqual(['MS606 shop/models/billing.py:3:25']);
    expect(result[0]?.severity).toBe('warning');
    expect(result[0]?.message).toContain('`_normalize`');
  });

  it('does not blame the split for what the original already did: unresolved dynamic names, unused imports', async () => {
    const dynamic = `import os\nimport sys\n\nglobals()["LATE"] = 1\n\n\ndef use():\n    return LATE + len(sys.argv)\n`;
    const result = await verifyChangeSetStatically(
      {
        description: 'split',
        root: '/project',
        changes: [
          { kind: 'create', path: 'm/__init__.py', text: 'from .core import use\n' },
          { kind: 'create', path: 'm/core.py', text: dynamic },
        ],
        diagnostics: [],
      },
      sourceFromText('m.py', dynamic),
      { packageDir: 'm' },
    );
    expect(result).toEqual([]);
  });

  it('re-parses edited files when their text is given, and says so when it is not', async () => {
    const importer = 'from shop.models import Invoice\n';
    const edit: FileChange = {
      kind: 'edit',
      path: 'shop/views.py',
      edits: [{ range: { start: 0, end: 4 }, newText: 'frm' }],
    };
    const base = changeSet();
    const withEdit = { ...base, changes: [...base.changes, edit] };
    const given = await verifyChangeSetStatically(withEdit, source, {
      ...context,
      fileTexts: { 'shop/views.py': importer },
    });
    expect(summary(given)).toEqual(['MS601 shop/views.py:1:1']);
    const missing = await verifyChangeSetStatically(withEdit, source, context);
    expect(missing.map((d) => [d.code, d.severity])).toEqual([['MS607', 'info']]);
  });

  it('keeps offsets right after non-ASCII text', async () => {
    const text = `# Größe: ${'é'.repeat(20)}\nfrom decimal import Decimal\n\n\ndef price():\n    return Decimal("1") + ünits()\n\n\ndef ünits():\n    return 1\n`;
    const moved = `def price():\n    return Decimal("1") + ünits()\n`;
    const result = await verifyChangeSetStatically(
      {
        description: 'split',
        root: '/project',
        changes: [
          {
            kind: 'create',
            path: 'p/__init__.py',
            text: '# Größe\nfrom .a import price\nfrom .b import ünits\n',
          },
          { kind: 'create', path: 'p/a.py', text: `# é\nfrom .b import ünits\n\n\n${moved}` },
          { kind: 'create', path: 'p/b.py', text: 'def ünits():\n    return 1\n' },
        ],
        diagnostics: [],
      },
      sourceFromText('p.py', text),
      { packageDir: 'p' },
    );
    expect(summary(result)).toEqual(['MS605 p/a.py:6:12']);
  });
});

describe('verifyChangeSetStatically on Django modules', () => {
  it('is silent when every statement moves verbatim into one file that keeps the imports', async () => {
    const modules = largestDjangoModules(8);
    for (const path of modules) {
      const text = readFileSync(path, 'utf8');
      const tree = await parsePython(text);
      const imports: string[] = [];
      const body: string[] = [];
      try {
        for (const node of tree.rootNode.namedChildren) {
          if (!node || node.type === 'comment') continue;
          const isImport = ['import_statement', 'import_from_statement', 'future_import_statement'].includes(
            node.type,
          );
          // One level deeper now: `from . import Field` in the module becomes `from .. import Field`.
          if (isImport) imports.push(node.text.replace(/^from \./, 'from ..'));
          else body.push(node.text);
        }
      } finally {
        tree.delete();
      }
      const module = relative(djangoSourceDir(), path);
      const result = await verifyChangeSetStatically(
        {
          description: module,
          root: '/project',
          changes: [
            { kind: 'create', path: 'pkg/__init__.py', text: 'from .core import *  # noqa\n' },
            {
              kind: 'create',
              path: 'pkg/core.py',
              text: `${imports.join('\n')}\n\n${body.join('\n\n\n')}\n`,
            },
          ],
          diagnostics: [],
        },
        sourceFromText(module, text),
        { packageDir: 'pkg' },
      );
      expect({ module, diagnostics: summary(result) }).toEqual({ module, diagnostics: [] });
    }
    expect(modules.length).toBe(8);
  });
});
