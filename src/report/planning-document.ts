// `modsplit analyze --format md|text`: the planning document a careful engineer writes before splitting a module by
// hand (key files, importers, model relations, shared constants, decisions, import pattern, existing patterns,
// risks), rendered from collectPlanningFacts. It writes nothing: the proposed split is built in memory only.

import type { ModelFacts, ResolvedRelation } from '../analyze/django/index.js';
import type { ImporterSite } from '../model/project.js';
import { INIT_FILE } from '../plan/resolve-plan.js';
import {
  collectPlanningFacts,
  type ImporterGroup,
  type PlanningFacts,
  type PlanningInput,
  type PlanningProjectAccess,
  type Risk,
  type RiskKind,
} from './planning-facts.js';
import { renderDependencyDiagram, renderModelDiagram } from './planning-mermaid.js';

export type { PlanningInput } from './planning-facts.js';

export interface PlanningDocumentOptions {
  readonly format: 'md' | 'text';
  /** How project files are read (tests inject one); default: the disk under `location.root`. */
  readonly access?: PlanningProjectAccess;
}

/**
 * Render the planning document of a module.
 *
 * @example
 * const md = await renderPlanningDocument({ analysis, location, usage, config }, { format: 'md' });
 * // "# Planning the split of `apps/integrations/models.py`\n\n..."
 */
export async function renderPlanningDocument(
  input: PlanningInput,
  options: PlanningDocumentOptions,
): Promise<string> {
  const facts = await collectPlanningFacts(input, ...(options.access ? [options.access] : []));
  return options.format === 'md' ? renderMarkdown(facts) : renderText(facts);
}

const GROUP_TITLES: Readonly<Record<ImporterGroup, string>> = {
  'from-import': 'From-imports',
  'module-import': 'Module imports',
  relative: 'Relative imports',
  'function-level': 'Function-level imports',
  'type-checking': 'TYPE_CHECKING imports',
  star: 'Star imports',
};

const KIND_SHORT = {
  ForeignKey: 'FK',
  OneToOneField: 'O2O',
  ManyToManyField: 'M2M',
  ForeignObject: 'ForeignObject',
} as const;

const RISK_TITLES: Readonly<Record<RiskKind, string>> = {
  'patch-target': 'Patch targets',
  'dotted-string': 'Dotted strings',
  migration: 'Paths serialized in migrations',
  'module-path': '`__file__` / `__name__` / `__package__` uses',
  'global-rebinding': 'Rebound globals',
  registration: 'Registration order (signals, registries, side effects)',
  'task-name': 'Task names',
  'star-import': 'Star imports',
  'module-dunder': 'Module dunders',
  config: 'Configuration that names the module',
  diagnostic: 'Plan and emit diagnostics',
};

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r\n|\r|\n/g, ' ');
const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

function namesOf(names: readonly string[], max = Number.POSITIVE_INFINITY): string {
  const shown = names.slice(0, max).map(code).join(', ');
  return names.length > max ? `${shown}, … (${names.length - max} more)` : shown;
}

function importedNames(site: ImporterSite): string {
  if (site.names.length === 0) return site.moduleAlias ? `module as ${code(site.moduleAlias)}` : 'the module';
  return site.names
    .map((n) => (site.aliases?.[n] ? `${code(n)} as ${code(site.aliases[n])}` : code(n)))
    .join(', ');
}

function renderMarkdown(f: PlanningFacts): string {
  const out: string[] = [];
  const fileOf = (name: string) => f.files.find((p) => p.names.includes(name))?.file ?? INIT_FILE;
  const importingFiles = new Set(f.importers.map((s) => s.file));
  const modelCount = f.models.models.length;

  out.push(`# Planning the split of ${code(f.module)}`, '');
  out.push(
    `${code(f.dotted)} (${plural(f.sourceLines, 'line')}, ${plural(f.models.classes.length, 'class', 'classes')}${modelCount > 0 ? `, ${plural(modelCount, 'Django model')}` : ''}) ` +
      `becomes the package ${code(`${f.packageDir}/`)} with ${plural(f.files.filter((p) => p.file !== INIT_FILE).length, 'submodule')}. ` +
      `${plural(importingFiles.size, 'file')} import it. Written by \`modsplit analyze\` from the proposed plan ` +
      '(`modsplit plan` prints the same plan); nothing was changed on disk.',
    '',
  );

  const sized = f.files.filter((p) => p.file !== INIT_FILE);
  const largest = [...sized].sort((a, b) => b.lines - a.lines)[0];
  const toRewrite = f.risks.filter((r) => r.kind === 'patch-target' && r.rewrite).length;
  const other = f.risks.filter((r) => r.kind !== 'patch-target' && r.kind !== 'diagnostic').length;
  out.push('At a glance:', '');
  if (largest) {
    out.push(
      `- ${plural(sized.length, 'new file')}, the largest ${code(largest.file)} with ${plural(largest.lines, 'line')} (the module had ${f.sourceLines}).`,
    );
  }
  out.push(
    `- ${plural(importingFiles.size, 'importing file')}; ${plural(f.tests.length, 'test file')} refer to it; ${plural(f.attributeSites.length, '`alias.name` use')}, ${plural(f.dottedStrings.length, 'dotted string')}.`,
  );
  if (modelCount > 0) {
    const fields = f.models.models.reduce(
      (n, m) => n + m.relations.filter((r) => !r.inheritedFrom).length,
      0,
    );
    const fromOutside = f.models.models.reduce(
      (n, m) => n + m.reverse.filter((r) => !r.inModule && !r.viaParent).length,
      0,
    );
    out.push(
      `- ${plural(modelCount, 'model')} with ${plural(fields, 'relation field')} declared here and ${plural(fromOutside, 'relation')} from other apps pointing in.`,
    );
  }
  out.push(
    `- ${plural(toRewrite, 'patch site')} to rewrite; ${plural(other, 'other point')} to check (see Risks).`,
    '',
  );

  // Key files.
  out.push('## Key files', '');
  out.push(`- Source: ${code(f.module)}, ${plural(f.sourceLines, 'line')}.`);
  if (f.planFile) {
    const pf = f.planFile;
    const placed = Object.values(pf.files).reduce((n, names) => n + names.length, 0);
    out.push(
      `- Plan file: ${code(pf.path)} places ${plural(placed, 'name')} in ${Object.keys(pf.files).map(code).join(', ')}. ` +
        `This document follows the proposed plan; \`modsplit split --plan ${pf.path}\` follows yours` +
        (pf.differences.length === 0
          ? ', which agrees with the proposal on every name it places.'
          : `. They differ on ${pf.differences.map((d) => `${code(d.name)} (yours ${code(d.planned)}, proposed ${code(d.proposed)})`).join(', ')}.`),
    );
  }
  out.push('', '### Proposed files', '');
  out.push(
    table(
      ['File', 'Lines', 'Contents', 'Imports from'],
      f.files.map((p) => [
        code(p.path),
        String(p.lines),
        p.file === INIT_FILE
          ? `re-exports ${plural(f.exported.names.length, 'name')}; imports every submodule`
          : `${plural(p.names.length, 'name')}: ${namesOf(p.names, 8)}`,
        p.file === INIT_FILE ? '' : p.siblings.map(code).join(', ') || '—',
      ]),
    ),
  );
  const keyList = (title: string, list: PlanningFacts['tests'], none: string) => {
    out.push('', `### ${title}`, '');
    if (list.length === 0) out.push(none);
    for (const k of list) out.push(`- ${code(k.path)}: ${k.why}`);
  };
  keyList(
    'Tests that exercise the module',
    f.tests,
    'None found: no test file imports or patches the module.',
  );
  keyList('Factories', f.factories, 'None found.');
  keyList('Migrations that refer to it', f.migrations, 'None found.');
  out.push('');

  // External imports.
  out.push('## External imports', '');
  out.push(
    `${plural(f.importers.length, 'import statement')} in ${plural(importingFiles.size, 'file')}; ` +
      `${plural(f.attributeSites.length, 'attribute use')} through a module alias; ${plural(f.dottedStrings.length, 'dotted string')}` +
      `${modelCount > 0 ? `; ${plural(f.lazyReferences.filter((r) => !r.inMigration).length, 'lazy model reference')} outside migrations` : ''}.`,
    '',
  );
  out.push('### Importing files', '');
  for (const group of Object.keys(GROUP_TITLES) as ImporterGroup[]) {
    const sites = f.importerGroups[group];
    if (sites.length === 0) continue;
    out.push(`#### ${GROUP_TITLES[group]} (${sites.length})`, '');
    out.push(
      table(
        ['File', 'Line', 'Form', 'Names'],
        sites.map((s) => [code(s.file), String(s.line), s.form, importedNames(s)]),
      ),
      '',
    );
  }
  if (f.attributeSites.length > 0) {
    out.push('### Attribute uses through a module alias', '');
    const byFile = new Map<string, Map<string, number[]>>();
    for (const s of f.attributeSites) {
      const key = `${s.file}\0${s.alias}`;
      const names = byFile.get(key) ?? new Map<string, number[]>();
      names.set(s.name, [...(names.get(s.name) ?? []), s.line]);
      byFile.set(key, names);
    }
    out.push(
      table(
        ['File', 'Alias', 'Names (lines)'],
        [...byFile].map(([key, names]) => {
          const [file, alias] = key.split('\0') as [string, string];
          return [
            code(file),
            code(alias),
            [...names].map(([n, lines]) => `${code(n)} (${lines.join(', ')})`).join(', '),
          ];
        }),
      ),
      '',
    );
  }
  if (f.dottedStrings.length > 0) {
    out.push('### Dotted strings naming the module', '');
    out.push(
      table(
        ['File', 'Line', 'String', 'Context'],
        f.dottedStrings.map((s) => [code(s.file), String(s.line), code(s.value), s.context]),
      ),
      '',
    );
  }
  if (modelCount > 0) {
    out.push('### Django lazy references', '');
    const outside = f.lazyReferences.filter((r) => !r.inMigration);
    if (outside.length === 0) out.push('None outside migrations.');
    else
      out.push(
        table(
          ['File', 'Line', 'Reference', 'Model'],
          outside.map((r) => [code(r.file), String(r.line), code(r.value), code(r.model)]),
        ),
      );
    const inMigrations = f.lazyReferences.filter((r) => r.inMigration);
    if (inMigrations.length > 0) {
      const files = new Set(inMigrations.map((r) => r.file));
      out.push(
        '',
        `Plus ${plural(inMigrations.length, 'reference')} in ${plural(files.size, 'migration')} (${[...files].map(code).join(', ')}): ` +
          'they name models by app label, which the split keeps.',
      );
    }
    out.push('');
  }
  if (f.nameUsage.length > 0) {
    out.push('### Who imports what', '');
    out.push(
      table(
        ['Name', 'Proposed file', 'Files importing it', 'Files using alias.name', 'Strings'],
        f.nameUsage.map((u) => [
          code(u.name),
          u.file === 'imported'
            ? 'imported by the module'
            : u.file === 'not bound'
              ? 'not bound in the module'
              : code(u.file),
          String(u.importingFiles),
          String(u.attributeFiles),
          String(u.strings),
        ]),
      ),
      '',
    );
  }

  // Model dependencies.
  const order = [INIT_FILE, ...(f.resolved?.fileOrder ?? [])];
  if (modelCount > 0) {
    out.push('## Model dependencies', '');
    out.push(
      `${plural(modelCount, 'model')} of the app ${code(f.models.appLabel)}. Relations by string stay lazy; class ` +
        'references and bases need the class imported at module level, so they decide which file imports which. ' +
        'Edges: `--` class reference, `-.` string reference (or a relation from another app), `==` inheritance.',
      '',
    );
    out.push(renderModelDiagram(f.models, fileOf, order), '');
    for (const m of f.models.models) out.push(...renderModel(m, fileOf(m.name), f), '');
    const others = f.dependencies.filter((d) => !f.models.models.some((m) => m.name === d.name));
    if (others.length > 0) {
      out.push('### Other classes and functions', '');
      out.push(renderDependencyTable(others, f), '');
    }
  } else {
    out.push('## Class and function dependencies', '');
    out.push(
      'No Django models here: the definitions and what each needs from the module. Solid edges are import-time ' +
        'uses (bases, decorators, defaults, class bodies), dotted ones call-time uses.',
      '',
    );
    out.push(renderDependencyDiagram(f.dependencies, order), '');
    out.push(renderDependencyTable(f.dependencies, f), '');
  }

  // Shared constants.
  out.push('## Shared constants and first-party imports', '');
  if (f.sharedImports.length === 0) out.push('The module imports nothing from the project itself.', '');
  for (const s of f.sharedImports) {
    out.push(`### ${code(s.module)} (written ${code(s.written)}, ${plural(s.names.length, 'name')})`, '');
    const rows = Object.entries(s.perFile).map(([file, names]) => [
      code(file),
      String(names.length),
      namesOf(names),
    ]);
    if (s.reexported.length > 0)
      rows.push([`${code(INIT_FILE)} (re-exports)`, String(s.reexported.length), namesOf(s.reexported)]);
    out.push(table(['File', 'Count', 'Names it imports'], rows));
    if (s.unused.length > 0) out.push('', `Not imported by any new file: ${namesOf(s.unused)}.`);
    out.push('');
  }

  // Key decisions.
  out.push('## Key decisions', '');
  if (f.resolved) {
    out.push('### Import order', '');
    out.push(
      `\`__init__.py\` imports ${f.resolved.fileOrder.map(code).join(' → ')} in this order (dependencies first); ` +
        'the new files import each other only along it, so there is no import cycle.',
      '',
    );
    for (const file of f.resolved.fileOrder) {
      const deps = f.resolved.fileDependencies[file] ?? [];
      const deferred = f.resolved.typeCheckingImports?.[file] ?? [];
      out.push(
        `- ${code(file)} imports from ${deps.length > 0 ? deps.map(code).join(', ') : 'no sibling'}` +
          `${deferred.length > 0 ? `; under \`if TYPE_CHECKING:\` only: ${namesOf(deferred)}` : ''}`,
      );
    }
    out.push('');
  }
  out.push('### Where each name goes, and why', '');
  for (const file of Object.keys(f.plan.files)) {
    const decisions = f.decisions.filter((d) => d.file === file);
    if (decisions.length === 0) continue;
    out.push(`#### ${code(file)}`, '');
    for (const d of decisions) out.push(`- ${namesOf(d.names)}: ${d.reason}`);
    out.push('');
  }
  if (f.fixedPlacements.length > 0) {
    out.push('### Placed by the split itself (not named in the plan)', '');
    for (const d of f.fixedPlacements) out.push(`- ${namesOf(d.names)} → ${code(d.file)}: ${d.reason}`);
    out.push('');
  }
  const diagnostics = f.diagnostics.filter((d) => d.code === 'MS353' || d.code === 'MS352');
  if (diagnostics.length > 0) {
    out.push('### Constraints the plan respects', '');
    for (const d of diagnostics) out.push(`- ${d.message}`);
    out.push('');
  }
  out.push('### Critical import pattern', '');
  out.push(
    'The import lines the split generates (read from the change set built in memory). Each new file imports what ' +
      'it uses itself, so sorting imports cannot reorder a dependency.',
    '',
  );
  for (const p of f.files) {
    out.push(`#### ${code(p.path)}`, '');
    out.push('```python', ...(p.importLines.length > 0 ? p.importLines : ['# (no imports)']), '```', '');
  }

  // Existing patterns.
  out.push('## Existing patterns', '');
  if (f.existingPackages.length === 0) {
    out.push(
      'The project has no package split this way yet (an `__init__.py` re-exporting from its own submodules).',
    );
  } else {
    out.push('Packages this project already split (an `__init__.py` re-exporting from its submodules):', '');
    for (const p of f.existingPackages) {
      out.push(
        `- ${code(`${p.folder}/`)}: re-exports ${plural(p.reexports, 'name')} from ${p.submodules.map((s) => code(`${s}.py`)).join(', ')}; ` +
          `${p.usesAll ? 'lists them in `__all__`' : 'no `__all__`'}${p.usesAsAlias ? ', writes `X as X`' : ''}.`,
      );
    }
  }
  const existingNames = f.existingPackages.flatMap((p) => p.submodules);
  if (existingNames.length > 0) {
    const plurals = existingNames.filter((n) => /[^s]s$/.test(n)).length;
    out.push(
      '',
      `Their file names are mostly ${plurals * 2 > existingNames.length ? 'plural' : 'singular'} (${existingNames
        .slice(0, 6)
        .map((n) => code(`${n}.py`))
        .join(', ')}).`,
    );
  }
  out.push('');
  const style = f.initStyle.usesAll
    ? 'an `__all__` list'
    : f.initStyle.usesAsAlias
      ? '`X as X` re-exports'
      : 'plain re-exports';
  const projectAll = f.existingPackages.filter((p) => p.usesAll).length;
  const newFiles = f.files.filter((p) => p.file !== INIT_FILE).map((p) => code(p.file));
  out.push(
    `The split writes ${style} in ${code(`${f.packageDir}/__init__.py`)} and names files by topic (${newFiles.join(', ')}).` +
      (projectAll > 0 && !f.initStyle.usesAll
        ? ` The project's own split packages use \`__all__\`: set \`reexport-style = "all"\` under \`[tool.modsplit]\` to match.`
        : ''),
    '',
  );

  // Risks.
  out.push('## Risks', '');
  if (f.risks.length === 0) out.push('Nothing the consistency stage needs to rewrite or flag.', '');
  const kinds = [...new Set(f.risks.map((r) => r.kind))];
  for (const kind of Object.keys(RISK_TITLES) as RiskKind[]) {
    if (!kinds.includes(kind)) continue;
    const risks = f.risks.filter((r) => r.kind === kind);
    out.push(`### ${RISK_TITLES[kind]} (${risks.length})`, '');
    if (kind === 'patch-target') {
      const byTarget = groupPatchTargets(risks);
      out.push(
        `${plural(byTarget.length, 'target')}; ${plural(risks.filter((r) => r.rewrite).length, 'site')} to rewrite, the others keep working.`,
        '',
        table(
          ['Target', 'Sites', 'What to do'],
          byTarget.map((g) => [code(g.target), String(g.sites.length), g.action]),
        ),
        '',
        'Each site:',
        '',
      );
    }
    out.push(
      table(
        ['Where', 'What', 'What to do'],
        risks.map((r: Risk) => [code(r.where), r.what, r.action]),
      ),
      '',
    );
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function describeRelation(r: ResolvedRelation, f: PlanningFacts, fileOf: (name: string) => string): string[] {
  const localTarget = r.targetLabel
    ? f.models.models.find((m) => m.label.toLowerCase() === r.targetLabel?.toLowerCase())
    : undefined;
  const target = r.targetLabel
    ? `${code(r.targetLabel)}${localTarget ? ` (${fileOf(localTarget.name)})` : ''}`
    : `${code(r.target)} (unresolved)`;
  const reference =
    r.reference === 'string'
      ? `string ${code(`"${r.target}"`)}`
      : r.reference === 'self'
        ? 'string `"self"`'
        : r.reference === 'setting'
          ? `setting ${code(r.target)}`
          : r.reference === 'parent-link'
            ? 'parent link (multi-table inheritance)'
            : `class ${code(r.target)}`;
  const related =
    r.relatedNameRaw === null
      ? '—'
      : r.relatedNameRaw === r.relatedName
        ? code(r.relatedNameRaw)
        : `${code(r.relatedNameRaw)} → ${code(r.relatedName ?? '')}`;
  const declared = r.inheritedFrom
    ? `inherited from ${code(r.inheritedFrom)} (${r.inheritance}, ${r.file}:${r.line})`
    : `line ${r.line}`;
  return [
    code(r.field),
    KIND_SHORT[r.kind],
    target,
    reference,
    r.nullable ? 'yes' : 'no',
    r.onDelete ?? '—',
    related,
    declared,
  ];
}

function renderModel(m: ModelFacts, file: string, f: PlanningFacts): string[] {
  const fileOf = (name: string) => f.files.find((p) => p.names.includes(name))?.file ?? INIT_FILE;
  const out = [
    `### ${code(m.name)} → ${code(file)} (line ${m.line}${m.abstract ? ', abstract' : ''}${m.proxy ? ', proxy' : ''})`,
    '',
  ];
  const bases = m.bases.map((b) => {
    const what =
      b.kind === 'model'
        ? `model in this module, ${fileOf(b.text)}`
        : b.kind === 'project-model'
          ? `${b.abstract ? 'abstract ' : ''}model from ${code(b.module ?? '')}`
          : b.kind === 'django'
            ? `Django${b.abstract ? ' abstract' : ''} model`
            : b.module
              ? `from ${code(b.module)}`
              : 'not a model';
    return `${code(b.text)} (${what})`;
  });
  out.push(`Bases: ${bases.join(', ') || 'none'}.`, '');
  if (m.relations.length > 0) {
    out.push(
      table(
        ['Field', 'Type', 'Target', 'Reference', 'null', 'on_delete', 'related_name', 'Declared'],
        m.relations.map((r) => describeRelation(r, f, fileOf)),
      ),
      '',
    );
  } else {
    out.push('No relation fields.', '');
  }
  if (m.reverse.length > 0) {
    out.push('Reverse relations (other models pointing here):', '');
    out.push(
      table(
        ['Accessor', 'From', 'Type', 'Declared in'],
        m.reverse.map((r) => [
          code(r.accessor),
          code(`${r.fromLabel}.${r.field}`),
          KIND_SHORT[r.kind],
          (r.inModule
            ? `${code(fileOf(r.fromModel))} (this module, line ${r.line})`
            : `${code(r.file)}:${r.line}`) + (r.viaParent ? `, through the parent ${code(r.viaParent)}` : ''),
        ]),
      ),
      '',
    );
  }
  const deps = f.dependencies.find((d) => d.name === m.name);
  if (deps) {
    const parts: string[] = [];
    if (deps.importTime.length > 0) parts.push(`at import time ${namesOf(deps.importTime)}`);
    if (deps.callTime.length > 0) parts.push(`at call time ${namesOf(deps.callTime)}`);
    if (deps.stringRefs.length > 0) parts.push(`by string ${namesOf(deps.stringRefs)}`);
    if (parts.length > 0) out.push(`Uses from the module: ${parts.join('; ')}.`);
  }
  return out;
}

function renderDependencyTable(deps: PlanningFacts['dependencies'], f: PlanningFacts): string {
  const bases = new Map(f.models.classes.map((c) => [c.name, c.bases]));
  return table(
    ['Name', 'Kind', 'Line', 'Proposed file', 'Import-time uses', 'Call-time uses', 'Bases'],
    deps.map((d) => [
      code(d.name),
      d.kind,
      String(d.line),
      code(d.file),
      namesOf(d.importTime, 12) || '—',
      namesOf(d.callTime, 12) || '—',
      d.kind === 'class' ? namesOf(bases.get(d.name) ?? []) || '—' : '',
    ]),
  );
}

interface PatchTargetGroup {
  readonly target: string;
  readonly action: string;
  readonly rewrite: boolean;
  readonly sites: readonly string[];
}

/** Patch-target risks grouped by the dotted path they patch: sites to rewrite first, then by count. */
function groupPatchTargets(risks: readonly Risk[]): PatchTargetGroup[] {
  const groups = new Map<string, { target: string; action: string; rewrite: boolean; sites: string[] }>();
  for (const r of risks) {
    const key = r.target ?? r.what;
    const group = groups.get(key) ?? {
      target: key,
      action: r.action,
      rewrite: r.rewrite ?? false,
      sites: [],
    };
    group.sites.push(r.where);
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) =>
      Number(b.rewrite) - Number(a.rewrite) ||
      b.sites.length - a.sites.length ||
      (a.target < b.target ? -1 : 1),
  );
}

function renderText(f: PlanningFacts): string {
  const out: string[] = [];
  const importingFiles = new Set(f.importers.map((s) => s.file));
  out.push(`${f.module} (${f.sourceLines} lines) -> ${f.packageDir}/`);
  for (const p of f.files) {
    out.push(
      `  ${p.file.padEnd(24)} ${String(p.lines).padStart(5)} lines  ${p.file === INIT_FILE ? `re-exports ${f.exported.names.length} names` : `${p.names.length} names${p.siblings.length > 0 ? `, imports ${p.siblings.join(', ')}` : ''}`}`,
    );
  }
  const groups = (Object.keys(GROUP_TITLES) as ImporterGroup[])
    .filter((g) => f.importerGroups[g].length > 0)
    .map((g) => `${f.importerGroups[g].length} ${GROUP_TITLES[g].toLowerCase()}`);
  out.push(`importers: ${importingFiles.size} files (${groups.join(', ') || 'none'})`);
  out.push(
    `tests: ${f.tests.length}, factories: ${f.factories.length}, migrations: ${f.migrations.length}; ` +
      `attribute uses: ${f.attributeSites.length}, dotted strings: ${f.dottedStrings.length}`,
  );
  if (f.models.models.length > 0) {
    const relations = f.models.models.reduce(
      (n, m) => n + m.relations.filter((r) => !r.inheritedFrom).length,
      0,
    );
    const external = f.models.models.reduce((n, m) => n + m.reverse.filter((r) => !r.inModule).length, 0);
    out.push(
      `models: ${f.models.models.length} (app ${f.models.appLabel}), ${relations} relation fields, ${external} relations from other apps`,
    );
  }
  for (const s of f.sharedImports) {
    const per = Object.entries(s.perFile)
      .map(([file, names]) => `${file} ${names.length}`)
      .join(', ');
    out.push(`shared: ${s.module}: ${plural(s.names.length, 'name')} (${per || 'none used'})`);
  }
  const counts = new Map<RiskKind, number>();
  for (const r of f.risks) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  out.push(`risks: ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}`);
  const plain = (s: string) => s.replace(/`/g, '');
  for (const g of groupPatchTargets(f.risks.filter((r) => r.kind === 'patch-target'))) {
    out.push(`  patch ${g.target} (${plural(g.sites.length, 'site')}): ${plain(g.action)}`);
  }
  for (const r of f.risks) {
    if (r.kind !== 'global-rebinding' && r.kind !== 'star-import' && r.kind !== 'task-name') continue;
    out.push(`  ${r.where}  ${plain(r.what)}: ${plain(r.action)}`);
  }
  out.push('run `modsplit analyze --format md` for the whole document');
  return `${out.join('\n')}\n`;
}
