// The JSON document of `modsplit analyze --format json` (schemaVersion 1, a public contract): units, module-level
// symbols with their in-module dependencies, groups that must move together, and importers. Rendering only.

import type { ModuleLocation, ProjectUsage } from '../model/project.js';
import type { DependencyWhen, ModuleAnalysis, TopLevelUnit, UnitFlag } from '../model/units.js';

export interface ModuleFactsUnit {
  readonly index: number;
  readonly line: number;
  readonly endLine: number;
  /** `docstring`, `import`, `class`, `function`, `assignment`, `expression`, `if`, `try`, `for`, `while`, `with`,
   *  `delete`, `match`, ... (the statement kind; see describeUnitKind). */
  readonly kind: string;
  readonly binds: readonly string[];
  readonly flags: readonly UnitFlag[];
}

export interface ModuleFactsSymbol {
  readonly name: string;
  readonly kind: 'class' | 'function' | 'variable' | 'import';
  /** Line of the first unit binding it. */
  readonly line: number;
  /** Units binding it, ascending. */
  readonly units: readonly number[];
  /** Names bound in this module that it needs (itself excluded), one per (name, when), first occurrence first. */
  readonly dependsOn: readonly ModuleFactsDependency[];
}

export interface ModuleFactsDependency {
  readonly name: string;
  readonly when: DependencyWhen;
  /** For `annotation`: whether Python evaluates it at runtime. */
  readonly evaluated?: boolean;
  /** For transitive import-time needs: the function whose body needs the name. */
  readonly via?: string;
}

export interface ModuleFactsGroup {
  readonly units: readonly number[];
  readonly names: readonly string[];
  readonly reason: string;
}

export interface ModuleFactsImporter {
  readonly file: string;
  readonly line: number;
  readonly names: readonly string[];
  readonly form: string;
}

export interface ModuleFactsJson {
  readonly schemaVersion: 1;
  readonly module: string;
  /** Dotted module name when the project location is known, else null. */
  readonly dotted: string | null;
  readonly units: readonly ModuleFactsUnit[];
  readonly symbols: readonly ModuleFactsSymbol[];
  /** Groups of more than one unit (every other unit moves alone). */
  readonly groups: readonly ModuleFactsGroup[];
  /** The static `__all__`, or null when absent or computed (then `dunderAllComputed` is true). */
  readonly dunderAll: readonly string[] | null;
  readonly dunderAllComputed: boolean;
  readonly futureAnnotations: boolean;
  readonly importers: readonly ModuleFactsImporter[];
}

/**
 * Build the `analyze --format json` document.
 *
 * @example
 * // For `KINDS = [...]` and `class Repo: kind = Field(choices=_choices())` the symbol `Repo` has
 * // dependsOn [{name: '_choices', when: 'import-time'}, {name: 'KINDS', when: 'import-time', via: '_choices'}].
 */
export function describeModuleFacts(
  analysis: ModuleAnalysis,
  location?: ModuleLocation,
  usage?: ProjectUsage,
): ModuleFactsJson {
  const { units } = analysis;
  const symbols: ModuleFactsSymbol[] = [];
  const seen = new Set<string>();
  for (const unit of units) {
    for (const name of unit.binds) {
      if (seen.has(name)) continue;
      seen.add(name);
      symbols.push(describeSymbol(analysis, name));
    }
  }
  const importers = [...(usage?.importers ?? [])]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line))
    .map((site) => ({ file: site.file, line: site.line, names: site.names, form: site.form }));
  return {
    schemaVersion: 1,
    module: location?.modulePath ?? analysis.source.path,
    dotted: location?.dotted ?? null,
    units: units.map((unit) => ({
      index: unit.index,
      line: unit.line,
      endLine: unit.endLine,
      kind: describeUnitKind(unit),
      binds: unit.binds,
      flags: unit.flags,
    })),
    symbols,
    groups: analysis.groups
      .filter((g) => g.units.length > 1)
      .map((g) => ({ units: g.units, names: g.names, reason: g.reason })),
    dunderAll: analysis.dunderAll,
    dunderAllComputed: analysis.dunderAllComputed,
    futureAnnotations: analysis.futureAnnotations,
    importers,
  };
}

/** The document as text: two-space indentation and a final newline. */
export function renderModuleFactsJson(
  analysis: ModuleAnalysis,
  location?: ModuleLocation,
  usage?: ProjectUsage,
): string {
  return `${JSON.stringify(describeModuleFacts(analysis, location, usage), null, 2)}\n`;
}

/** A short statement kind for a unit: what a reader would call it. */
export function describeUnitKind(unit: TopLevelUnit): string {
  if (unit.flags.includes('docstring')) return 'docstring';
  if (unit.flags.includes('import')) return 'import';
  if (unit.definition) return unit.definition.kind;
  if (unit.nodeType === 'expression_statement') return unit.binds.length > 0 ? 'assignment' : 'expression';
  return unit.nodeType.replace(/_statement$/, '').replace(/_/g, '-');
}

function describeSymbol(analysis: ModuleAnalysis, name: string): ModuleFactsSymbol {
  const binders = analysis.bindings[name] ?? [];
  const first = analysis.units[binders[0] as number] as TopLevelUnit;
  const kind = first.imports.some((b) => b.name === name)
    ? 'import'
    : first.definition?.name === name
      ? first.definition.kind
      : 'variable';
  const dependsOn: ModuleFactsDependency[] = [];
  const keys = new Set<string>();
  for (const index of binders) {
    for (const use of analysis.units[index]?.uses ?? []) {
      if (use.name === name || !Object.hasOwn(analysis.bindings, use.name)) continue;
      const key = `${use.name}\u0000${use.when}`;
      if (keys.has(key)) continue;
      keys.add(key);
      dependsOn.push({
        name: use.name,
        when: use.when,
        ...(use.evaluated !== undefined ? { evaluated: use.evaluated } : {}),
        ...(use.via ? { via: use.via } : {}),
      });
    }
  }
  return { name, kind, line: first.line, units: binders, dependsOn };
}
