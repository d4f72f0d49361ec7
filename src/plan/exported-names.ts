// Which names the package's `__init__.py` must keep binding: everything an importer could reach on the module
// before the split (SPLIT-SEMANTICS §2). Read-only; says nothing about where the names are defined.

import type { ProjectUsage } from '../model/project.js';
import type { SplitFacts } from './split-facts.js';

export interface ExportedNames {
  /** Names `__init__.py` must bind, in source order of their first binding. */
  readonly names: readonly string[];
  /** name → why it is exported, one line ("public definition", "imported by app/views.py:3", ...). */
  readonly reasons: ReadonlyMap<string, string>;
  /** Some file does `from m import *`. */
  readonly starImported: boolean;
  /** What `from m import *` gave before: `__all__` when the module had one, else every public bound name. */
  readonly starNames: readonly string[];
  /** Names importers reach that the module binds nowhere (they may come from its own star import). */
  readonly unboundReached: readonly string[];
}

/**
 * Public definitions, `__all__`, names other files import from the module (absolute, relative, in functions,
 * under TYPE_CHECKING), `module.name` attribute uses and dotted strings (`"m.helper"`); with star importers and
 * no `__all__`, every public name the module binds, imported ones included.
 */
export function collectExportedNames(facts: SplitFacts, usage: ProjectUsage): ExportedNames {
  const { analysis } = facts;
  const bound = new Set(Object.keys(analysis.bindings).filter((n) => n !== '*'));
  const reasons = new Map<string, string>();
  const unbound = new Set<string>();
  const add = (name: string, reason: string) => {
    if (!bound.has(name)) {
      unbound.add(name);
      return;
    }
    if (!reasons.has(name)) reasons.set(name, reason);
  };
  const runtime = new Set(collectRuntimeNames(facts));
  for (const id of facts.sourceOrder) {
    const group = facts.groups[id];
    if (!group || group.role === 'import' || group.role === 'side-effect-import' || group.role === 'main')
      continue;
    for (const name of group.names)
      if (!name.startsWith('_') && runtime.has(name)) add(name, 'public definition');
  }
  for (const name of analysis.dunderAll ?? []) add(name, 'listed in __all__');
  const starImported = usage.importers.some((s) => s.form === 'star-import');
  for (const site of usage.importers) {
    if (site.form === 'star-import') continue;
    for (const name of site.names) add(name, `imported by ${site.file}:${site.line}`);
  }
  for (const site of usage.attributeSites)
    add(site.name, `used as ${site.alias}.${site.name} in ${site.file}:${site.line}`);
  for (const site of usage.dottedStrings) {
    const head = site.attributePath.split('.')[0] ?? '';
    if (head !== '') add(head, `named by the string "${site.value}" in ${site.file}:${site.line}`);
  }
  const publicBound = [...runtime].filter((n) => !n.startsWith('_'));
  const starNames = analysis.dunderAll ? [...analysis.dunderAll] : publicBound;
  if (starImported && !analysis.dunderAll) {
    for (const name of publicBound) add(name, 'received by `from m import *`');
  }
  const order = new Map<string, number>();
  for (const [name, units] of Object.entries(analysis.bindings)) order.set(name, units[0] ?? 0);
  const names = [...reasons.keys()].sort(
    (a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
  );
  return {
    names,
    reasons,
    starImported,
    starNames: [...starNames].sort(),
    unboundReached: [...unbound].sort(),
  };
}

/**
 * Names bound in the module's namespace once it is imported: not those bound only under `if TYPE_CHECKING:` or
 * in the `__main__` block, nor those deleted (`del _tmp`) after their last binding. Source order.
 */
export function collectRuntimeNames(facts: SplitFacts): string[] {
  const { analysis } = facts;
  const out: string[] = [];
  for (const [name, units] of Object.entries(analysis.bindings)) {
    if (name === '*') continue;
    const live = units.filter((u) => {
      const unit = analysis.units[u];
      return unit && !unit.flags.includes('type-checking') && !unit.flags.includes('main-block');
    });
    if (
      live.length === 0 ||
      live.every((u) => isOnlyExceptTarget(analysis.source.text, analysis.units[u], name))
    )
      continue;
    const lastBinding = live[live.length - 1] as number;
    const deleted = analysis.units.some((u) => u.index > lastBinding && u.deletes.includes(name));
    if (!deleted) out.push(name);
  }
  const first = (n: string) => analysis.bindings[n]?.[0] ?? 0;
  return out.sort((a, b) => first(a) - first(b));
}

/** `except E as e:` binds `e` only until the handler ends (Python deletes it); nothing else here binds it. */
function isOnlyExceptTarget(
  text: string,
  unit: SplitFacts['analysis']['units'][number] | undefined,
  name: string,
): boolean {
  if (unit?.nodeType !== 'try_statement') return false;
  const body = text.slice(unit.statementRange.start, unit.statementRange.end);
  const escaped = name.replace(/[$]/g, '\\$&');
  const asTarget = new RegExp(`\\bexcept\\b[^:\\n]*\\bas\\s+${escaped}\\s*:`);
  const otherBinding = new RegExp(
    `(^|[^.\\w])${escaped}\\s*(=[^=]|:=)|\\b(def|class|import)\\s+${escaped}\\b|\\bas\\s+${escaped}\\b(?!\\s*:)`,
    'm',
  );
  return asTarget.test(body) && !otherBinding.test(body.replace(asTarget, ''));
}
