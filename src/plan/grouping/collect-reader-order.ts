// Import-order constraints from the project: a module this one imports at module level (often at the bottom, like
// `from .utils import dsn` in django/db/backends/oracle/base.py) that imports names back from it. The same rule
// as resolvePlan's MS322; it needs the project's importers and does not look at files itself.

import type { ModuleLocation, ProjectUsage } from '../../model/project.js';
import type { ModuleAnalysis } from '../../model/units.js';
import { collectModuleReaders, importTargets } from '../resolve-plan.js';
import { collectSplitFacts, needsImport } from '../split-facts.js';
import type { GroupingModel } from './collect-items.js';

/**
 * `user`'s file imports `target` at module level, and `target` imports `name` (bound by `home`) from the package:
 * `home` must live in another file, imported before `user`'s (resolvePlan refuses one file with MS322).
 */
export interface ReaderOrderEdge {
  readonly user: number;
  readonly home: number;
  /** Dotted module the user's file imports. */
  readonly target: string;
  /** The name `target` imports from the package. */
  readonly name: string;
  /** One line: why `home` must come first, in another file. */
  readonly reason: string;
}

/** Where the module is and who imports it: what proposePlan needs to foresee resolvePlan's import-order rule. */
export interface ProposalProject {
  readonly location: ModuleLocation;
  readonly usage: ProjectUsage;
}

/**
 * The reader-order edges between grouping items, one per (user, home).
 *
 * @example
 * // base.py: try: import oracledb as Database ... from .utils import dsn ... class DatabaseWrapper: ... dsn(...)
 * // utils.py: from .base import Database
 * // -> { user: DatabaseWrapper, home: Database, target: 'django.db.backends.oracle.utils', name: 'Database' }
 */
export function collectReaderOrder(
  analysis: ModuleAnalysis,
  model: GroupingModel,
  project: ProposalProject,
): ReaderOrderEdge[] {
  const { location, usage } = project;
  const readers = collectModuleReaders(location, usage);
  if (readers.size === 0) return [];
  const facts = collectSplitFacts(analysis);
  const itemOfGroup = new Map(model.items.filter((i) => !i.dunder).map((i) => [i.group, i.id]));
  const out: ReaderOrderEdge[] = [];
  const seen = new Set<string>();
  for (const group of facts.groups) {
    const user = group ? itemOfGroup.get(group.id) : undefined;
    if (!group || user === undefined) continue;
    for (const use of group.uses) {
      if (!needsImport(use)) continue;
      const source = facts.groups[use.target];
      if (source?.role !== 'import' && source?.role !== 'side-effect-import') continue;
      for (const unitIndex of source.units) {
        for (const binding of analysis.units[unitIndex]?.imports ?? []) {
          if (binding.name !== use.name) continue;
          for (const target of importTargets(binding, location)) {
            const reader = readers.get(target);
            // Packages that contain the module are imported before it: they never run again.
            if (!reader || `${location.dotted}.`.startsWith(`${target}.`)) continue;
            for (const name of reader.names) {
              const homeGroup = facts.groupOfName.get(name);
              const home = homeGroup === undefined ? undefined : itemOfGroup.get(homeGroup);
              if (home === undefined || homeGroup === undefined) continue;
              // An import above the definition only ever worked with that module imported first.
              if (unitIndex < (facts.groups[homeGroup]?.firstUnit ?? 0)) continue;
              const key = `${user}:${home}`;
              if (seen.has(key)) continue;
              seen.add(key);
              const line = analysis.units[unitIndex]?.line ?? 0;
              out.push({
                user,
                home,
                target,
                name,
                reason: `\`${target}\` (imported at line ${line}) imports \`${name}\` from the package (${reader.file}:${reader.line})`,
              });
            }
          }
        }
      }
    }
  }
  return out;
}
