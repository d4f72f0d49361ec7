// The `__all__` a new submodule gets when an import it holds is there only for other files (a guarded
// `try: from x import y as Database` kept apart so the package binds it first): pyflakes and ruff (F401) honour
// `__all__`, so they stop calling it unused and an autofix cannot delete it. Other submodules get none.

import type { ResolvedPlan } from '../model/plan.js';
import type { ExportedNames } from '../plan/exported-names.js';
import { collectRuntimeNames } from '../plan/exported-names.js';
import { INIT_FILE } from '../plan/resolve-plan.js';
import type { SplitFacts } from '../plan/split-facts.js';
import type { SyntaxNode } from '../read/parse-python.js';
import { type EmitContext, lineWidth } from './emit-context.js';
import { collectFileNeeds, type FileNeeds } from './file-needs.js';

/**
 * file → names other new files (and `__init__.py`, which re-exports) import from it, at module level or under
 * `if TYPE_CHECKING:`. `needs` are the submodules' own needs; `__init__.py`'s are derived as renderInit derives them.
 *
 * @example
 * // cursors.py: `from .environment import Database`; __init__.py: `from .environment import Database`
 * // -> Map { "environment.py" => Set { "Database" } }
 */
export function collectNamesImportedFrom(
  facts: SplitFacts,
  resolved: ResolvedPlan,
  exports: ExportedNames,
  needs: readonly FileNeeds[],
): Map<string, Set<string>> {
  const kept = resolved.placements.filter((p) => p.file === INIT_FILE && !p.copied).map((p) => p.group);
  const init = collectFileNeeds(facts, resolved, INIT_FILE, kept, exports.names);
  const out = new Map<string, Set<string>>();
  for (const need of [...needs, init]) {
    for (const map of [need.siblings, need.typeChecking]) {
      for (const [file, names] of map) {
        if (file === need.file) continue;
        const set = out.get(file) ?? new Set<string>();
        for (const name of names) set.add(name);
        out.set(file, set);
      }
    }
  }
  return out;
}

/**
 * The names a generated `__all__` of the submodule holding `units` lists, or [] when it needs none. It needs one
 * when one of its units binds a name by an import (plain, from-import, or inside a try/except or if fallback) that
 * other files import from it, that no code of the file reads, and whose last binding in the file is that import:
 * what pyflakes and ruff call an unused import (`try: import x as N / except ImportError: N = None` ends on an
 * assignment, which neither reports). Then every public name its units leave bound is listed, in source order, so
 * `from .sub import *` keeps giving what the file defines; the imports copied into it (`os`,
 * `ImproperlyConfigured`) are not its definitions and are left out, as are except-clause targets, deleted names
 * and names bound only under `if TYPE_CHECKING:`.
 *
 * @example
 * // environment.py holds `try: from x import oracledb as Database / except ImportError as e: raise ...` and
 * // `def _setup_environment(): ...`; cursors.py imports Database from it and nothing in it reads Database
 * // -> ["Database"]
 */
export function collectSubmoduleAll(
  ctx: EmitContext,
  units: readonly number[],
  importedByOthers: ReadonlySet<string>,
): string[] {
  const { facts } = ctx;
  const own = units.map((u) => ctx.unit(u));
  // Reads pyflakes and ruff count: a reference in this file's text (not one through a called function, nor a lazy
  // string reference).
  const read = new Set(
    own.flatMap((u) =>
      u.uses.filter((d) => d.via === undefined && d.when !== 'string-ref').map((d) => d.name),
    ),
  );
  const needed = own.some((u) =>
    u.imports.some(
      (b) =>
        b.name !== '*' &&
        importedByOthers.has(b.name) &&
        !read.has(b.name) &&
        isLastBindingAnImport(ctx, units, b.name),
    ),
  );
  if (!needed) return [];
  const here = new Set(units);
  return collectRuntimeNames(facts).filter(
    (name) => !name.startsWith('_') && (facts.analysis.bindings[name] ?? []).some((u) => here.has(u)),
  );
}

/** Whether the textually last module-level binding of `name` among `units` is an import (not `name = None`). */
function isLastBindingAnImport(ctx: EmitContext, units: readonly number[], name: string): boolean {
  let lastImport = -1;
  let lastOther = -1;
  for (const index of units) {
    const unit = ctx.unit(index);
    if (!unit.binds.includes(name)) continue;
    for (const b of unit.imports) if (b.name === name) lastImport = Math.max(lastImport, b.range.start);
    for (const statement of ctx.statementsOf(index)) {
      for (const at of findOtherBindings(statement, name)) lastOther = Math.max(lastOther, at);
    }
  }
  return lastImport > lastOther;
}

/**
 * Offsets where a module-level statement binds `name` other than by an import: assignment, augmented assignment,
 * `for` and `with ... as` targets, `def`/`class` names, walrus. Nested function and class scopes are not entered;
 * except-clause targets (deleted after the handler) are not bindings here.
 */
function findOtherBindings(node: SyntaxNode, name: string): number[] {
  const found: number[] = [];
  const targets = (target: SyntaxNode | null) => {
    if (!target || target.type === 'attribute' || target.type === 'subscript') return;
    if (target.type === 'identifier') {
      if (target.text === name) found.push(target.startIndex);
      return;
    }
    for (const child of target.namedChildren) if (child) targets(child);
  };
  const visit = (n: SyntaxNode) => {
    switch (n.type) {
      case 'import_statement':
      case 'import_from_statement':
      case 'lambda':
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        return;
      case 'function_definition':
      case 'class_definition':
        targets(n.childForFieldName('name'));
        return;
      case 'assignment':
        if (n.childForFieldName('right')) targets(n.childForFieldName('left'));
        break;
      case 'augmented_assignment':
      case 'for_statement':
        targets(n.childForFieldName('left'));
        break;
      case 'named_expression':
        targets(n.childForFieldName('name'));
        break;
      case 'as_pattern_target':
        if (n.parent?.parent?.type !== 'except_clause' && n.parent?.parent?.type !== 'except_group_clause')
          targets(n);
        return;
    }
    for (const child of n.namedChildren) if (child) visit(child);
  };
  visit(node);
  return found;
}

/**
 * `__all__ = ["A", "B"]` in the module's quote style, on one line when it fits the line length, else one name a
 * line with a trailing comma (as ruff's formatter writes it).
 */
export function renderSubmoduleAll(ctx: EmitContext, names: readonly string[]): string {
  const q = ctx.facts.analysis.source.quote;
  const quoted = names.map((n) => `${q}${n}${q}`);
  const one = `__all__ = [${quoted.join(', ')}]`;
  if (lineWidth(one) <= ctx.lineLength) return one + ctx.nl;
  return `__all__ = [${ctx.nl}${quoted.map((n) => `${ctx.indent}${n},${ctx.nl}`).join('')}]${ctx.nl}`;
}
