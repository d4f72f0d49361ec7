// ResolvedPlan -> ChangeSet: `pkg/mod.py` becomes `pkg/mod/__init__.py` plus one file per plan entry (the largest
// one renamed from `pkg/mod.py` so git history follows); a package's `__init__.py` is rewritten in place with
// sibling submodules. Pure apart from parsing; writes nothing (the write stage applies the ChangeSet).

import type { ChangeSet, FileChange } from '../model/changes.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { ResolvedPlan } from '../model/plan.js';
import type { ModuleLocation, ProjectUsage } from '../model/project.js';
import type { ModuleAnalysis } from '../model/units.js';
import { collectExportedNames } from '../plan/exported-names.js';
import { INIT_FILE, MAIN_FILE } from '../plan/resolve-plan.js';
import { collectSplitFacts } from '../plan/split-facts.js';
import { withParsedPython } from '../read/parse-python.js';
import { EmitContext } from './emit-context.js';
import { collectFileNeeds, collectImportSources } from './file-needs.js';
import { type ReexportStyle, renderInit } from './render-init.js';
import { renderSubmodule } from './render-submodule.js';
import { collectNamesImportedFrom } from './submodule-all.js';

export interface BuildChangeSetOptions {
  /** `auto` (default): `X as X`, or plain names when an `__all__` lists them (kept, or generated for star
   *  importers); `alias`: never generate `__all__`; `all`: generate `__all__` when the module had none. */
  readonly reexportStyle?: ReexportStyle;
  /** Rename the module to its largest new file (`git mv`, history follows) instead of deleting it. Default true. */
  readonly renameLargest?: boolean;
  /** Whether a path relative to the root exists; a split never overwrites (MS401). */
  readonly pathExists?: (path: string) => boolean;
  /** Longest generated import line before it is wrapped in parentheses. Default 88. */
  readonly lineLength?: number;
}

export interface BuildChangeSetInput {
  readonly analysis: ModuleAnalysis;
  readonly location: ModuleLocation;
  readonly usage: ProjectUsage;
  readonly resolved: ResolvedPlan;
  readonly options?: BuildChangeSetOptions;
}

/**
 * Build the change set of a resolved split. Same input, same output, byte for byte.
 *
 * @example
 * const changes = await buildChangeSet({ analysis, location, usage, resolved });
 * // changes.changes: [{ kind: 'create', path: 'shop/models/__init__.py', text }, { kind: 'rename', from:
 * //   'shop/models.py', to: 'shop/models/orders.py', text }, { kind: 'create', path: 'shop/models/customers.py', text }]
 */
export async function buildChangeSet(input: BuildChangeSetInput): Promise<ChangeSet> {
  const { analysis, location, usage, resolved } = input;
  const options = input.options ?? {};
  const source = analysis.source;
  const packageDir = location.isPackageInit
    ? location.modulePath.split('/').slice(0, -1).join('/')
    : location.modulePath.replace(/\.py$/, '');
  const pathOf = (file: string) => (packageDir === '' ? file : `${packageDir}/${file}`);
  const description = `split ${location.modulePath} into ${packageDir || '.'}/ (${resolved.fileOrder.length} submodules)`;
  const refuse = (diagnostics: Diagnostic[]): ChangeSet => ({
    description,
    root: location.root,
    changes: [],
    diagnostics,
  });

  const exists = options.pathExists ?? (() => false);
  const files = [
    ...resolved.fileOrder,
    ...(resolved.placements.some((p) => p.file === MAIN_FILE) ? [MAIN_FILE] : []),
  ];
  const clashes = location.isPackageInit
    ? files.map(pathOf).filter(exists)
    : exists(packageDir)
      ? [packageDir]
      : [];
  if (clashes.length > 0) {
    return refuse(
      clashes.map((path) => ({
        code: 'MS401',
        severity: 'error' as const,
        message: `\`${path}\` already exists, and a split never overwrites files`,
        location: { path: location.modulePath, line: 1, column: 1 },
        help: location.isPackageInit
          ? `rename the file in the plan (e.g. ${path.split('/').pop()?.replace(/\.py$/, '_split.py')}) or move the existing one away`
          : `move \`${path}\` away first; if it is an earlier split, remove \`${location.modulePath}\` instead`,
      })),
    );
  }

  const facts = collectSplitFacts(analysis);
  const exports = collectExportedNames(facts, usage);
  const importSources = collectImportSources(facts, resolved);
  const depth = location.isPackageInit ? 0 : 1;
  return withParsedPython(source.text, (root) => {
    const ctx = new EmitContext(facts, location, root, depth, options.lineLength ?? 88);
    const texts = new Map<string, string>();
    const needsOf = files.map((file) => {
      const groups = resolved.placements.filter((p) => p.file === file && !p.copied).map((p) => p.group);
      const units = groups.flatMap((g) => facts.groups[g]?.units ?? []).sort((a, b) => a - b);
      return { file, units, needs: collectFileNeeds(facts, resolved, file, groups) };
    });
    const importedFrom = collectNamesImportedFrom(
      facts,
      resolved,
      exports,
      needsOf.map((f) => f.needs),
    );
    for (const { file, units, needs } of needsOf) {
      const others = importedFrom.get(file) ?? new Set<string>();
      texts.set(file, renderSubmodule(ctx, file, needs, units, importSources, others));
    }
    const init = renderInit(ctx, {
      resolved,
      exports,
      importSources,
      style: options.reexportStyle ?? 'auto',
    });
    const diagnostics: Diagnostic[] = [...ctx.diagnostics, ...init.diagnostics];
    if (init.generatedAll.length > 0 && facts.hasStarImport) {
      diagnostics.push({
        code: 'MS406',
        severity: 'warning',
        message:
          'the generated `__all__` cannot list the names the module received from its own star import, so `from package import *` no longer passes them on',
        location: { path: location.modulePath, line: 1, column: 1 },
        help: 'add an explicit `__all__` to the module before splitting',
      });
    }
    if (diagnostics.some((d) => d.severity === 'error')) return refuse(diagnostics);
    // How the new files are written: the source's BOM, and its encoding (the renderers put its cookie in them).
    const bom = {
      ...(source.hasBom ? { bom: true } : {}),
      ...(source.encoding !== 'utf-8' ? { encoding: source.encoding } : {}),
    };
    const changes: FileChange[] = [];
    if (location.isPackageInit) {
      changes.push({
        kind: 'edit',
        path: location.modulePath,
        edits: [{ range: { start: 0, end: source.text.length }, newText: init.text }],
      });
    } else {
      changes.push({ kind: 'create', path: pathOf(INIT_FILE), text: init.text, ...bom });
    }
    const largest =
      location.isPackageInit || options.renameLargest === false
        ? undefined
        : [...resolved.fileOrder].sort(
            (a, b) => (texts.get(b)?.length ?? 0) - (texts.get(a)?.length ?? 0),
          )[0];
    for (const file of files) {
      const text = texts.get(file) as string;
      if (file === largest)
        changes.push({ kind: 'rename', from: location.modulePath, to: pathOf(file), text, ...bom });
      else changes.push({ kind: 'create', path: pathOf(file), text, ...bom });
    }
    if (!location.isPackageInit && largest === undefined)
      changes.push({ kind: 'delete', path: location.modulePath });
    return { description, root: location.root, changes, diagnostics };
  });
}
