// The import graph between the new files of a package (`from .b import g` in a.py is the edge a -> b), and its
// cycles. Only imports executed at import time count: not those in def/class bodies or under `if TYPE_CHECKING:`.

import { collectImportBindings } from '../analyze/units/import-bindings.js';
import type { ImportBinding } from '../model/units.js';
import type { SyntaxNode } from '../read/parse-python.js';

export interface SiblingImport {
  /** File stem imported from (`b` for `from .b import g`, `__init__` for the package itself). */
  readonly target: string;
  /** The name taken from that file (`g`), absent when the import binds the file's module itself (`from . import b`). */
  readonly name?: string;
  /** Offset of the import clause in the importing file. */
  readonly offset: number;
  /** The statement's text on one line, for notes (`from .b import g`). */
  readonly statement: string;
}

function isTypeCheckingBlock(statement: SyntaxNode): boolean {
  if (statement.type !== 'if_statement') return false;
  const condition = statement.childForFieldName('condition')?.text ?? '';
  return /^(typing\.)?TYPE_CHECKING$/.test(condition);
}

interface Target {
  readonly stem: string;
  readonly name?: string;
}

/** The sibling file (or `__init__`) that one import binding reads, or null when it is outside the package. */
function targetOf(
  binding: ImportBinding,
  stems: ReadonlySet<string>,
  packageDotted: string | undefined,
): Target | null {
  const { module, imported } = binding;
  const fromPackage = (name: string | null): Target =>
    name === null ? { stem: '__init__' } : stems.has(name) ? { stem: name } : { stem: '__init__', name };
  const inside = (rest: string): Target => {
    const parts = rest.split('.');
    // `from .b import g` takes g from b.py; `from .b.c import g` reads a deeper module: only the edge counts.
    return parts.length === 1 && imported !== null
      ? { stem: rest, name: imported }
      : { stem: parts[0] as string };
  };
  if (binding.level === 1) {
    const rest = module.slice(1);
    return rest === '' ? fromPackage(imported) : inside(rest);
  }
  if (binding.level > 1 || !packageDotted) return null;
  if (module === packageDotted) return fromPackage(imported);
  if (module.startsWith(`${packageDotted}.`)) {
    const rest = module.slice(packageDotted.length + 1);
    return imported === null ? { stem: rest.split('.')[0] as string } : inside(rest);
  }
  return null;
}

/**
 * Module-level imports of the package's own files in one parsed file. `stems` are the package's file stems
 * (without `.py`, including `__init__`); `packageDotted`, when known, also recognizes absolute imports.
 */
export function collectSiblingImports(
  root: SyntaxNode,
  stems: ReadonlySet<string>,
  packageDotted: string | undefined,
): SiblingImport[] {
  const out: SiblingImport[] = [];
  for (const statement of root.namedChildren) {
    if (!statement || statement.type === 'comment' || isTypeCheckingBlock(statement)) continue;
    for (const binding of collectImportBindings(statement)) {
      if (binding.module === '__future__') continue;
      const target = targetOf(binding, stems, packageDotted);
      if (target === null) continue;
      const line = root.text.slice(statement.startIndex, statement.endIndex).replace(/\s+/g, ' ');
      out.push({
        target: target.stem,
        ...(target.name !== undefined && target.name !== '*' ? { name: target.name } : {}),
        offset: binding.range.start,
        statement: line,
      });
    }
  }
  return out;
}

/** One cycle per strongly connected component (Tarjan), as the list of nodes starting at its smallest member. */
export function findImportCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const nodes = [...edges.keys()].sort();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const connect = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!edges.has(next)) continue;
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      for (;;) {
        const member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
        if (member === node) break;
      }
      if (component.length > 1) components.push(component);
    }
  };
  for (const node of nodes) if (!index.has(node)) connect(node);
  return components.map((component) => cycleThrough(component, edges));
}

/** A simple cycle inside one strongly connected component, found by breadth-first search back to its start. */
function cycleThrough(component: readonly string[], edges: ReadonlyMap<string, readonly string[]>): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0] as string;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    for (const next of [...(edges.get(node) ?? [])].sort()) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0] as string) as string);
        return path;
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start];
}
