// Trimming and rebasing import statements on their text. Python's ast is the oracle for what a trimmed statement
// binds; random statements of every layout (one line, parentheses with comments, backslashes, blocks).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  rebaseRelativeImportEdits,
  redundantAliasEdits,
  trimImportUnitEdits,
} from '../../../src/emit/import-statements.js';
import { applyEdits } from '../../../src/model/text.js';
import { type SyntaxNode, withParsedPython } from '../../../src/read/parse-python.js';
import { runPython } from '../../helpers/python.js';

interface Clause {
  readonly name: string;
  readonly alias?: string;
  readonly comment?: string;
}

const ident = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'Model', 'CONST', '_p', 'über');
const clauses = fc.uniqueArray(
  fc.record({
    name: ident,
    alias: fc.option(fc.constantFrom('x1', 'y2', 'z3'), { nil: undefined }),
    comment: fc.option(fc.constantFrom('# why', '# noqa: F401'), { nil: undefined }),
  }),
  { minLength: 1, maxLength: 5, selector: (c) => c.alias ?? c.name },
);

function clauseText(c: Clause): string {
  return c.alias ? `${c.name} as ${c.alias}` : c.name;
}

/** A from-import in one of four layouts. */
function renderFrom(module: string, list: readonly Clause[], layout: number, nl: string): string {
  if (layout === 0) return `from ${module} import ${list.map(clauseText).join(', ')}${nl}`;
  if (layout === 1) return `from ${module} import (${list.map(clauseText).join(', ')})${nl}`;
  if (layout === 2) {
    const lines = list.map((c) => `    ${clauseText(c)},${c.comment ? `  ${c.comment}` : ''}${nl}`);
    return `from ${module} import (${nl}${lines.join('')})${nl}`;
  }
  return `from ${module} import ${list.map(clauseText).join(`, \\${nl}    `)}${nl}`;
}

const units = fc.record({
  module: fc.constantFrom('m', '.m', '..pkg.m', '.'),
  list: clauses,
  second: clauses,
  layout: fc.nat(3),
  shape: fc.constantFrom('from', 'import', 'block', 'two'),
  crlf: fc.boolean(),
  keepMask: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
});

type UnitShape = typeof units extends fc.Arbitrary<infer T> ? T : never;

function renderUnit(u: UnitShape): {
  text: string;
  bound: string[];
} {
  const nl = u.crlf ? '\r\n' : '\n';
  const first = renderFrom(u.module, u.list, u.layout, nl);
  const bound = u.list.map((c) => c.alias ?? c.name);
  if (u.shape === 'from') return { text: first, bound };
  if (u.shape === 'import') {
    const text = `import ${u.list.map((c) => (c.alias ? `os.${c.name} as ${c.alias}` : `os.${c.name}`)).join(', ')}${nl}`;
    return { text, bound: [...new Set(u.list.map((c) => c.alias ?? 'os'))] };
  }
  const second = renderFrom('n', u.second, 0, nl);
  const secondBound = u.second.map((c) => c.alias ?? c.name);
  if (u.shape === 'two') {
    return { text: `${first.trimEnd()}; ${second}`, bound: [...bound, ...secondBound] };
  }
  const indent = (s: string) =>
    s
      .split(/(?<=\n)/)
      .map((l) => (l.trim() === '' ? l : `    ${l}`))
      .join('');
  return {
    text: `if TYPE_CHECKING:${nl}${indent(first)}${indent(second)}else:${nl}    pass${nl}`,
    bound: [...bound, ...secondBound],
  };
}

async function trim(text: string, keep: Set<string>): Promise<string | null> {
  return withParsedPython(text, (root) => {
    const statements = root.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
    const edits = trimImportUnitEdits(text, statements, (n) => keep.has(n));
    return edits === null ? null : applyEdits(text, edits);
  });
}

const BOUND_NAMES = `
import ast, json, sys
out = []
for text in json.load(sys.stdin):
    try:
        tree = ast.parse(text)
    except SyntaxError as e:
        out.append({"error": str(e)})
        continue
    names = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for a in node.names:
                names.append(a.asname or a.name.split(".")[0])
    out.append({"names": sorted(set(names))})
json.dump(out, sys.stdout)
`;

describe('trimImportUnitEdits', () => {
  it('keeps exactly the used names in any layout, drops the rest, and the result parses (Python ast)', async () => {
    const samples = fc.sample(units, { numRuns: 300, seed: 42 });
    const cases: { text: string; trimmed: string | null; kept: string[] }[] = [];
    for (const u of samples) {
      const { text, bound } = renderUnit(u);
      const kept = bound.filter((_, i) => u.keepMask[i % u.keepMask.length]);
      cases.push({ text, trimmed: await trim(text, new Set(kept)), kept: [...new Set(kept)].sort() });
    }
    const results = JSON.parse(
      runPython(BOUND_NAMES, JSON.stringify(cases.filter((c) => c.trimmed !== null).map((c) => c.trimmed))),
    ) as { names?: string[]; error?: string }[];
    let i = 0;
    for (const c of cases) {
      if (c.trimmed === null) {
        expect(c.kept, c.text).toEqual([]);
        continue;
      }
      const result = results[i++];
      expect(result, `${c.text}\n->\n${c.trimmed}`).toEqual({ names: c.kept });
    }
    expect(i).toBeGreaterThan(200);
  });

  it('keeps the comment of a kept clause and drops the comment of a dropped one', async () => {
    const text = 'from x import (\n    a,  # about a\n    b,  # about b\n    c,\n)\n';
    expect(await trim(text, new Set(['a', 'c']))).toBe('from x import (\n    a,  # about a\n    c,\n)\n');
    expect(await trim(text, new Set(['a']))).toBe('from x import (\n    a,  # about a\n)\n');
    expect(await trim(text, new Set(['b']))).toBe('from x import (\n    b,  # about b\n)\n');
  });

  it('puts `pass` in a branch left empty and keeps a fallback assignment only with its name', async () => {
    const text =
      'try:\n    import ujson as json\n    import yaml\nexcept ImportError:\n    import json\n    yaml = None\n';
    expect(await trim(text, new Set(['json']))).toBe(
      'try:\n    import ujson as json\nexcept ImportError:\n    import json\n',
    );
    expect(await trim(text, new Set(['yaml']))).toBe(
      'try:\n    import yaml\nexcept ImportError:\n    yaml = None\n',
    );
    const block = 'if TYPE_CHECKING:\n    from a import X\nelse:\n    from b import Y\n';
    expect(await trim(block, new Set(['X']))).toBe(
      'if TYPE_CHECKING:\n    from a import X\nelse:\n    pass\n',
    );
    expect(await trim(block, new Set(['Z']))).toBeNull();
  });
});

describe('rebaseRelativeImportEdits and redundantAliasEdits', () => {
  it('adds one dot to every relative import, nested ones included, and none to absolute ones', async () => {
    const text =
      'from .a import x\nfrom . import y\nimport z\n\ndef f():\n    from ..b import w\n    from c import v\n';
    const out = await withParsedPython(text, (root) =>
      applyEdits(
        text,
        rebaseRelativeImportEdits(
          root.namedChildren.filter((c) => c !== null),
          1,
          { start: 0, end: text.length },
        ),
      ),
    );
    expect(out).toBe(
      'from ..a import x\nfrom .. import y\nimport z\n\ndef f():\n    from ...b import w\n    from c import v\n',
    );
  });

  it('writes `X as X` for plain re-exported names only', async () => {
    const text = 'from m import a, b as c, d\nimport os.path, json\n';
    const out = await withParsedPython(text, (root) =>
      applyEdits(
        text,
        redundantAliasEdits(
          root.namedChildren.filter((c) => c !== null),
          new Set(['a', 'c', 'os', 'json']),
        ),
      ),
    );
    expect(out).toBe('from m import a as a, b as c, d\nimport os.path, json as json\n');
  });
});
