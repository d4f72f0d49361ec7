// ImportBinding for every import form, with clause ranges checked by slicing the source; Python's `ast` confirms
// which local names each statement binds.

import { describe, expect, it } from 'vitest';
import { collectImportBindings } from '../../../src/analyze/units/import-bindings.js';
import { findTopLevelStatements } from '../../../src/analyze/units/unit-layout.js';
import { withParsedPython } from '../../../src/read/parse-python.js';
import { runPython } from '../../helpers/python.js';

async function bindingsOf(text: string) {
  return withParsedPython(text, (root) =>
    findTopLevelStatements(root).flatMap((s) =>
      collectImportBindings(s).map((b) => ({ ...b, clause: text.slice(b.range.start, b.range.end) })),
    ),
  );
}

describe('collectImportBindings', () => {
  it('handles dotted, aliased, relative, parenthesized and star imports', async () => {
    const text = [
      'import a.b.c, x as y',
      'from . import x',
      'from ..a import (b as c,  # comment',
      ' d)',
      'from .  pkg . mod import e',
      'from m import *',
      'from __future__ import annotations',
      '',
    ].join('\n');
    const rows = (await bindingsOf(text)).map(({ name, module, imported, level, clause }) => ({
      name,
      module,
      imported,
      level,
      clause,
    }));
    expect(rows).toEqual([
      { name: 'a', module: 'a.b.c', imported: null, level: 0, clause: 'a.b.c' },
      { name: 'y', module: 'x', imported: null, level: 0, clause: 'x as y' },
      { name: 'x', module: '.', imported: 'x', level: 1, clause: 'x' },
      { name: 'c', module: '..a', imported: 'b', level: 2, clause: 'b as c' },
      { name: 'd', module: '..a', imported: 'd', level: 2, clause: 'd' },
      { name: 'e', module: '.pkg.mod', imported: 'e', level: 1, clause: 'e' },
      { name: '*', module: 'm', imported: '*', level: 0, clause: '*' },
      { name: 'annotations', module: '__future__', imported: 'annotations', level: 0, clause: 'annotations' },
    ]);
  });

  it('finds imports nested in TYPE_CHECKING and try/except blocks, not inside functions or classes', async () => {
    const text = [
      'if TYPE_CHECKING:',
      '    from .models import Invoice',
      'try:',
      '    import ujson as json',
      'except ImportError:',
      '    import json',
      'else:',
      '    pass',
      'def f():',
      '    import inside',
      'class C:',
      '    import also_inside',
      'with suppress(ImportError):',
      '    import optional',
      '',
    ].join('\n');
    const names = (await bindingsOf(text)).map((b) => `${b.name}<${b.module}`);
    expect(names).toEqual(['Invoice<.models', 'json<ujson', 'json<json', 'optional<optional']);
    const script = [
      'import ast, sys, json',
      'out = []',
      'def visit(node):',
      '    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):',
      '        return',
      '    if isinstance(node, ast.Import):',
      '        out.extend(a.asname or a.name.split(".")[0] for a in node.names)',
      '    elif isinstance(node, ast.ImportFrom):',
      '        out.extend(a.asname or a.name for a in node.names)',
      '    for child in ast.iter_child_nodes(node):',
      '        visit(child)',
      'visit(ast.parse(sys.stdin.read()))',
      'print(json.dumps(out))',
    ].join('\n');
    expect(names.map((n) => n.split('<')[0])).toEqual(JSON.parse(runPython(script, text)));
  });
});
