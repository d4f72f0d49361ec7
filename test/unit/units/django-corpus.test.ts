// Real-world corpus: every Django module over 600 lines is read from bytes and analyzed. Checks the partition
// property and that each unit's module-level binds and deletes agree with Python's own `ast` (one batched run).
// Not checked here: uses and their classification (scope analysis has its own symtable oracle tests).

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeModule } from '../../../src/analyze/analyze-module.js';
import { collectTextPieces } from '../../../src/analyze/units/unit-layout.js';
import type { ModuleAnalysis } from '../../../src/model/units.js';
import { readSourceFile } from '../../../src/read/source-file.js';
import { djangoSourceDir, runPython } from '../../helpers/python.js';

interface PythonStatement {
  readonly line: number;
  readonly endLine: number;
  readonly binds: readonly string[];
  readonly deletes: readonly string[];
}

/** Module-level names each top-level statement binds and deletes, by CPython's `ast` (scopes handled by hand). */
const astScript = `
import ast, json, sys

COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)

class Binds(ast.NodeVisitor):
    def __init__(self):
        self.binds, self.deletes, self.in_comprehension = [], [], 0
    def add(self, name, where):
        if name not in where:
            where.append(name)
    def visit_Name(self, node):
        if self.in_comprehension:
            return
        if isinstance(node.ctx, ast.Store):
            self.add(node.id, self.binds)
        elif isinstance(node.ctx, ast.Del):
            self.add(node.id, self.deletes)
    def visit_NamedExpr(self, node):
        # A walrus binds in the nearest enclosing non-comprehension scope: here, the module.
        self.add(node.target.id, self.binds)
        self.visit(node.value)
    def visit_args(self, args):
        for d in args.defaults + [d for d in args.kw_defaults if d is not None]:
            self.visit(d)
    def visit_FunctionDef(self, node):
        self.add(node.name, self.binds)
        for d in node.decorator_list:
            self.visit(d)
        self.visit_args(node.args)
        for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs + [node.args.vararg, node.args.kwarg]:
            if a is not None and a.annotation is not None:
                self.visit(a.annotation)
        if node.returns is not None:
            self.visit(node.returns)
    visit_AsyncFunctionDef = visit_FunctionDef
    def visit_Lambda(self, node):
        self.visit_args(node.args)
    def visit_ClassDef(self, node):
        self.add(node.name, self.binds)
        for d in node.decorator_list + node.bases + [k.value for k in node.keywords]:
            self.visit(d)
    def visit_comprehension_scope(self, node):
        # The first iterable is evaluated in the enclosing scope; targets are local to the comprehension.
        self.visit(node.generators[0].iter)
        self.in_comprehension += 1
        for sub in ast.walk(node):
            if isinstance(sub, ast.NamedExpr):
                self.in_comprehension -= 1
                self.add(sub.target.id, self.binds)
                self.in_comprehension += 1
        self.in_comprehension -= 1
    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = visit_comprehension_scope
    def visit_Import(self, node):
        for a in node.names:
            self.add(a.asname or a.name.split('.')[0], self.binds)
    def visit_ImportFrom(self, node):
        for a in node.names:
            if a.name != '*':
                self.add(a.asname or a.name, self.binds)
    def visit_ExceptHandler(self, node):
        # "except E as e" binds e and deletes it when the handler ends.
        if node.name:
            self.add(node.name, self.binds)
            self.add(node.name, self.deletes)
        self.generic_visit(node)
    def visit_MatchAs(self, node):
        if node.name:
            self.add(node.name, self.binds)
        self.generic_visit(node)
    def visit_MatchStar(self, node):
        if node.name:
            self.add(node.name, self.binds)
    def visit_MatchMapping(self, node):
        if node.rest:
            self.add(node.rest, self.binds)
        self.generic_visit(node)

out = {}
for path in json.load(sys.stdin):
    with open(path, 'rb') as f:
        tree = ast.parse(f.read(), path)
    rows = []
    for stmt in tree.body:
        v = Binds()
        v.visit(stmt)
        first = min([stmt.lineno] + [d.lineno for d in getattr(stmt, 'decorator_list', [])])
        rows.append({'line': first, 'endLine': stmt.end_lineno, 'binds': v.binds, 'deletes': v.deletes})
    out[path] = rows
print(json.dumps(out))
`;

function collectLargeModules(dir: string, minLines: number): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.py')) continue;
    const path = join(entry.parentPath, entry.name);
    const text = readFileSync(path, 'utf8');
    if (text.split('\n').length > minLines) out.push(path);
  }
  return out.sort();
}

describe('Django modules over 600 lines', () => {
  const analyses = new Map<string, ModuleAnalysis>();
  let paths: string[] = [];
  let python: Record<string, PythonStatement[]> = {};

  beforeAll(async () => {
    const root = djangoSourceDir();
    paths = collectLargeModules(root, 600);
    python = JSON.parse(runPython(astScript, JSON.stringify(paths)));
    for (const path of paths) {
      const read = await readSourceFile(path, relative(root, path));
      if (!read.ok) throw new Error(`${path}: ${read.diagnostic.message}`);
      const { analysis, diagnostics } = await analyzeModule(read.source);
      if (!analysis) throw new Error(`${path}: ${diagnostics.map((d) => d.message).join('; ')}`);
      analyses.set(path, analysis);
    }
  });

  it('finds a real corpus', () => {
    expect(paths.length).toBeGreaterThan(40);
    expect(analyses.size).toBe(paths.length);
  });

  it('partitions every module exactly (prologue, units, gaps, epilogue)', () => {
    for (const [path, analysis] of analyses) {
      const { text } = analysis.source;
      const pieces = collectTextPieces(text, analysis.units);
      expect(pieces.map((p) => text.slice(p.range.start, p.range.end)).join(''), path).toBe(text);
      for (const piece of pieces) {
        if (piece.kind === 'gap')
          expect(text.slice(piece.range.start, piece.range.end), path).toMatch(/^\s*$/);
      }
      for (const unit of analysis.units) {
        expect(
          unit.range.start <= unit.statementRange.start && unit.statementRange.end <= unit.range.end,
        ).toBe(true);
      }
    }
  });

  it('binds and deletes what Python binds and deletes, statement by statement', () => {
    let statements = 0;
    const mismatches: string[] = [];
    for (const [path, analysis] of analyses) {
      const rows = python[path] ?? [];
      statements += rows.length;
      for (const unit of analysis.units) {
        const inside = rows.filter((r) => r.line >= unit.line && r.endLine <= unit.endLine);
        const expectedBinds = [...new Set(inside.flatMap((r) => r.binds))].sort();
        const expectedDeletes = [...new Set(inside.flatMap((r) => r.deletes))].sort();
        const binds = [...unit.binds].sort();
        const deletes = [...unit.deletes].sort();
        if (inside.length === 0 || JSON.stringify(binds) !== JSON.stringify(expectedBinds)) {
          mismatches.push(`${path}:${unit.line} binds ${binds} but Python says ${expectedBinds}`);
        }
        if (JSON.stringify(deletes) !== JSON.stringify(expectedDeletes)) {
          mismatches.push(`${path}:${unit.line} deletes ${deletes} but Python says ${expectedDeletes}`);
        }
      }
      // Every Python statement falls in exactly one unit.
      const covered = rows.filter((r) =>
        analysis.units.some((u) => r.line >= u.line && r.endLine <= u.endLine),
      );
      expect(covered.length, path).toBe(rows.length);
    }
    expect(mismatches).toEqual([]);
    expect(statements).toBeGreaterThan(2000);
  });
});
