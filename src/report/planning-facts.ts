// Everything the planning document says, as data: the proposed split (proposePlan → resolvePlan → buildChangeSet in
// memory, never written), key files, importers by form, model relations, shared constants, decisions, the project's
// existing split packages, and risks. Reads project files through `PlanningProjectAccess`; renders nothing.

import { execFile } from 'node:child_process';
import { basename, posix } from 'node:path';
import { collectModelGraph, type ModelGraph } from '../analyze/django/index.js';
import { collectFileNeeds, type FileNeeds } from '../emit/file-needs.js';
import { buildChangeSet } from '../emit/index.js';
import type { ChangeSet } from '../model/changes.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { ResolvedPlan, SplitPlan } from '../model/plan.js';
import type {
  DottedStringSite,
  ImporterSite,
  ModuleAttributeSite,
  ModuleLocation,
  ProjectUsage,
} from '../model/project.js';
import { countLines } from '../model/text.js';
import type { ImportBinding, ModuleAnalysis, TopLevelUnit } from '../model/units.js';
import { collectExportedNames, type ExportedNames } from '../plan/exported-names.js';
import { readPlanFile } from '../plan/plan-file.js';
import { collectProjectStyle, type ProjectStyle } from '../plan/project-style.js';
import { proposePlan } from '../plan/propose-plan.js';
import { INIT_FILE, resolvePlan } from '../plan/resolve-plan.js';
import { collectSplitFacts, type SplitFacts } from '../plan/split-facts.js';
import { parsePython } from '../read/parse-python.js';
import type { ProjectConfig } from '../read/project-config.js';
import {
  isTrackedByGit,
  listProjectFiles,
  readProjectFile,
  readProjectFileSync,
} from '../read/project-files.js';

export interface PlanningInput {
  readonly analysis: ModuleAnalysis;
  readonly location: ModuleLocation;
  readonly usage: ProjectUsage;
  readonly config: ProjectConfig;
  /**
   * What the project's earlier splits and linters decide; collected from the project when absent. The proposal and
   * the emitter get it exactly as `modsplit plan` and `split` pass it, so the document shows the split they write.
   */
  readonly style?: ProjectStyle;
}

/** How the planning facts reach the project's files (injectable for tests; the default reads the disk). */
export interface PlanningProjectAccess {
  /** The project's Python files, POSIX paths relative to the root. */
  listFiles(): Promise<readonly string[]>;
  read(path: string): Promise<string | undefined>;
  /**
   * Files among `files` with a line matching `pattern`: a regular expression in the common subset of POSIX ERE
   * (git grep -E) and JavaScript (no `\\w`, `\\s`, `\\b`, no look-around, no classes like `[[:space:]]`).
   */
  filesMatching(pattern: string, files: readonly string[]): Promise<readonly string[]>;
}

export type ImporterGroup =
  | 'from-import'
  | 'module-import'
  | 'relative'
  | 'function-level'
  | 'type-checking'
  | 'star';

export interface PlannedFile {
  /** File name inside the package (`github.py`, `__init__.py`). */
  readonly file: string;
  /** Path relative to the root. */
  readonly path: string;
  readonly lines: number;
  /** Names defined there (moved), in plan order. */
  readonly names: readonly string[];
  /** The generated import statements at the top of the file, as written by the split. */
  readonly importLines: readonly string[];
  /** Sibling files it imports from (`from .credential import ...`). */
  readonly siblings: readonly string[];
}

export interface KeyFile {
  readonly path: string;
  /** One line: what ties it to the module. */
  readonly why: string;
}

export interface LazyReference {
  readonly file: string;
  readonly line: number;
  /** The string as written (`integrations.TrackedRepository`). */
  readonly value: string;
  /** The module's model it names. */
  readonly model: string;
  readonly inMigration: boolean;
}

export interface NameUsage {
  readonly name: string;
  /** Proposed file defining it, or `imported` for names the module only imports. */
  readonly file: string;
  readonly importingFiles: number;
  readonly attributeFiles: number;
  readonly strings: number;
}

export interface SharedImport {
  /** Absolute dotted module (`apps.integrations.constants`). */
  readonly module: string;
  /** As written in the module (`.constants`). */
  readonly written: string;
  /** Names the module imports from it, in source order. */
  readonly names: readonly string[];
  /** Proposed file → the subset it imports. */
  readonly perFile: Readonly<Record<string, readonly string[]>>;
  /** Names `__init__.py` re-exports (importers reach them through the package). */
  readonly reexported: readonly string[];
  /** Names no new file imports and the package does not re-export (dropped by the split). */
  readonly unused: readonly string[];
}

export interface Decision {
  readonly names: readonly string[];
  readonly file: string;
  readonly reason: string;
}

export interface ExistingPackage {
  /** Folder relative to the root (`apps/metrics/models`). */
  readonly folder: string;
  readonly submodules: readonly string[];
  /** Names its `__init__.py` re-exports. */
  readonly reexports: number;
  readonly usesAll: boolean;
  readonly usesAsAlias: boolean;
}

export type RiskKind =
  | 'patch-target'
  | 'dotted-string'
  | 'migration'
  | 'module-path'
  | 'global-rebinding'
  | 'registration'
  | 'task-name'
  | 'star-import'
  | 'module-dunder'
  | 'config'
  | 'diagnostic';

export interface Risk {
  readonly kind: RiskKind;
  /** `path:line` of the site. */
  readonly where: string;
  readonly what: string;
  /** What the consistency stage does or what to check. */
  readonly action: string;
  /** For patch targets: the dotted path patched (`apps.m.GitHubClient`), to group sites by target. */
  readonly target?: string;
  /** For patch targets: true when the site must be rewritten (false: it keeps working as is). */
  readonly rewrite?: boolean;
}

/** A plan file in the project written for this module (`modsplit-plan.toml`), compared with the proposal. */
export interface ExistingPlanFile {
  readonly path: string;
  readonly files: Readonly<Record<string, readonly string[]>>;
  /** Names the plan file places elsewhere than the proposal (names it leaves out are not listed). */
  readonly differences: readonly {
    readonly name: string;
    readonly planned: string;
    readonly proposed: string;
  }[];
}

export interface PlanningFacts {
  readonly module: string;
  readonly dotted: string;
  readonly packageDir: string;
  readonly sourceLines: number;
  readonly plan: SplitPlan;
  readonly reasons: Readonly<Record<string, string>>;
  readonly resolved?: ResolvedPlan;
  readonly changeSet?: ChangeSet;
  /** Problems proposing, resolving or emitting the plan (MS3xx, MS4xx). */
  readonly diagnostics: readonly Diagnostic[];
  /** Proposed files in import order, `__init__.py` first. */
  readonly files: readonly PlannedFile[];
  readonly tests: readonly KeyFile[];
  readonly factories: readonly KeyFile[];
  readonly migrations: readonly KeyFile[];
  readonly importers: readonly ImporterSite[];
  readonly importerGroups: Readonly<Record<ImporterGroup, readonly ImporterSite[]>>;
  readonly attributeSites: readonly ModuleAttributeSite[];
  readonly dottedStrings: readonly DottedStringSite[];
  readonly lazyReferences: readonly LazyReference[];
  readonly nameUsage: readonly NameUsage[];
  readonly models: ModelGraph;
  /** Non-model classes and functions: name → module-level names it uses, by when. */
  readonly dependencies: readonly DefinitionDependencies[];
  readonly sharedImports: readonly SharedImport[];
  readonly decisions: readonly Decision[];
  readonly fixedPlacements: readonly Decision[];
  readonly existingPackages: readonly ExistingPackage[];
  readonly planFile?: ExistingPlanFile;
  readonly exported: ExportedNames;
  readonly initStyle: { readonly usesAll: boolean; readonly usesAsAlias: boolean };
  readonly risks: readonly Risk[];
  /** Milliseconds per step. */
  readonly timings: Readonly<Record<string, number>>;
}

export interface DefinitionDependencies {
  readonly name: string;
  readonly kind: 'class' | 'function' | 'variable';
  readonly line: number;
  readonly file: string;
  readonly importTime: readonly string[];
  readonly callTime: readonly string[];
  readonly stringRefs: readonly string[];
}

/** `*.py` in any folder (a plain pathspec's `*` also matches `/`). */
const PY_PATHSPEC = ['*.py'];

const GROUP_ORDER: readonly ImporterGroup[] = [
  'from-import',
  'module-import',
  'relative',
  'function-level',
  'type-checking',
  'star',
];

/** The default access: git-aware file listing and reads from the project root. */
export function createProjectAccess(root: string, config: ProjectConfig): PlanningProjectAccess {
  let listed: Promise<string[]> | undefined;
  let tracked: Promise<boolean> | undefined;
  const texts = new Map<string, Promise<string | undefined>>();
  return {
    listFiles: () => {
      listed ??= listProjectFiles(root, config.exclude ? { exclude: config.exclude } : {});
      return listed;
    },
    read: (path) => {
      let text = texts.get(path);
      if (!text) {
        text = readProjectFile(root, path).catch(() => undefined);
        texts.set(path, text);
      }
      return text;
    },
    filesMatching: async (pattern, files) => {
      // One `git grep` over the repository's Python files, then kept to `files` (which honours excludes).
      tracked ??= isTrackedByGit(root);
      if (await tracked) {
        const found = await gitGrepPython(root, pattern);
        if (found) {
          const wanted = new Set(files);
          return found.filter((f) => wanted.has(f)).sort();
        }
      }
      const regex = new RegExp(pattern);
      const out: string[] = [];
      for (const file of files) {
        let text: string;
        try {
          text = readProjectFileSync(root, file);
        } catch {
          continue;
        }
        if (regex.test(text)) out.push(file);
      }
      return out.sort();
    },
  };
}

/** `git grep -l -E` over tracked and untracked `*.py` files; undefined when git fails. */
function gitGrepPython(root: string, pattern: string): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['grep', '-z', '-l', '-E', '--untracked', '-e', pattern, '--', ...PY_PATHSPEC],
      { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
      (error, stdout) => {
        if (error && error.code !== 1) resolve(undefined);
        else resolve(stdout.split('\0').filter((f) => f !== ''));
      },
    );
  });
}

/**
 * Collect the planning facts of a module: the proposed split and everything a maintainer checks before doing it.
 *
 * @example
 * const facts = await collectPlanningFacts({ analysis, location, usage, config });
 * // facts.files: [{ file: '__init__.py', ... }, { file: 'credential.py', lines: 180, names: [...], importLines: [...] }]
 */
export async function collectPlanningFacts(
  input: PlanningInput,
  access: PlanningProjectAccess = createProjectAccess(input.location.root, input.config),
): Promise<PlanningFacts> {
  const timings: Record<string, number> = {};
  let started = performance.now();
  const lap = (step: string) => {
    const now = performance.now();
    timings[step] = Math.round((now - started) * 10) / 10;
    started = now;
  };
  const { analysis, location, usage, config } = input;
  const facts = collectSplitFacts(analysis);
  const exported = collectExportedNames(facts, usage);
  const packageDir = location.isPackageInit
    ? posix.dirname(location.modulePath)
    : location.modulePath.replace(/\.py$/, '');
  const pathOf = (file: string) => (packageDir === '.' || packageDir === '' ? file : `${packageDir}/${file}`);

  const listing = access.listFiles();
  // Started first: its file listing, reads and `git grep` overlap with planning and emitting below.
  const modelsPromise = collectModels(input, access, listing);
  const style = input.style ?? (await collectProjectStyle(location.root, config, await listing));
  const proposal = proposePlan(analysis, {
    project: { location, usage },
    existingStyle: style.existingStyle,
  });
  const diagnostics: Diagnostic[] = [...proposal.diagnostics];
  const resolution =
    Object.keys(proposal.plan.files).length > 0
      ? resolvePlan(analysis, location, usage, proposal.plan)
      : { diagnostics: [] };
  diagnostics.push(...resolution.diagnostics);
  const resolved = resolution.resolved;
  lap('plan');
  const changeSet = resolved
    ? await buildChangeSet({
        analysis,
        location,
        usage,
        resolved,
        options: {
          lineLength: style.lineLength.lineLength,
          ...(style.reexportStyle ? { reexportStyle: style.reexportStyle } : {}),
        },
      })
    : undefined;
  if (changeSet) diagnostics.push(...changeSet.diagnostics);
  lap('emit');

  const texts = new Map<string, string>();
  for (const change of changeSet?.changes ?? []) {
    if (change.kind === 'create') texts.set(posix.basename(change.path), change.text);
    else if (change.kind === 'rename' && change.text !== undefined)
      texts.set(posix.basename(change.to), change.text);
    else if (change.kind === 'edit' && change.path === location.modulePath) {
      texts.set(INIT_FILE, change.edits.map((e) => e.newText).join(''));
    }
  }
  const needs = new Map<string, FileNeeds>();
  if (resolved) {
    for (const file of [INIT_FILE, ...resolved.fileOrder]) {
      const groups = resolved.placements.filter((p) => p.file === file && !p.copied).map((p) => p.group);
      needs.set(
        file,
        collectFileNeeds(facts, resolved, file, groups, file === INIT_FILE ? exported.names : []),
      );
    }
  }
  const files: PlannedFile[] = [];
  for (const file of [INIT_FILE, ...(resolved?.fileOrder ?? [])]) {
    const text = texts.get(file);
    if (text === undefined) continue;
    files.push({
      file,
      path: pathOf(file),
      lines: countLines(text),
      names: file === INIT_FILE ? [] : (proposal.plan.files[file] ?? []),
      importLines: await collectImportLines(text, file === INIT_FILE),
      siblings:
        file === INIT_FILE ? [...(resolved?.fileOrder ?? [])] : [...(resolved?.fileDependencies[file] ?? [])],
    });
  }
  lap('files');

  const projectFiles = await listing;
  lap('list');
  const sites = siteFiles(usage);
  const tests: KeyFile[] = [];
  const factories: KeyFile[] = [];
  const migrations: KeyFile[] = [];
  for (const [path, summary] of sites) {
    const entry = { path, why: describeSiteSummary(summary) };
    if (isMigration(path)) migrations.push(entry);
    else if (/^factories.*\.py$/.test(basename(path)) && summary.importers > 0) factories.push(entry);
    else if (isTestFile(path)) tests.push(entry);
  }

  const importerGroups = Object.fromEntries(GROUP_ORDER.map((g) => [g, [] as ImporterSite[]])) as Record<
    ImporterGroup,
    ImporterSite[]
  >;
  for (const site of usage.importers) importerGroups[importerGroupOf(site)].push(site);

  const nameFile = new Map<string, string>();
  for (const [file, names] of Object.entries(proposal.plan.files))
    for (const n of names) nameFile.set(n, file);
  const nameUsage = collectNameUsage(usage, nameFile, facts);

  const models = await modelsPromise;
  const lazyReferences = models.lazy;
  lap('models');

  const dependencies = collectDefinitionDependencies(analysis, facts, nameFile);
  const sharedImports = collectSharedImports(analysis, location, needs, resolved, projectFiles);
  const { decisions, fixedPlacements } = collectDecisions(
    analysis,
    facts,
    proposal.plan,
    proposal.reasons,
    resolved,
  );
  const existingPackages = await collectExistingPackages(access, projectFiles, packageDir);
  const planFile = await findPlanFile(access, location.modulePath, nameFile);
  const initText = texts.get(INIT_FILE) ?? '';
  lap('patterns');
  const risks = [
    ...collectRisks(input, facts, exported, resolved, needs, nameFile, diagnostics),
    ...(await collectConfigRisks(access, location)),
  ];
  lap('risks');

  return {
    module: location.modulePath,
    dotted: location.dotted,
    packageDir,
    sourceLines: countLines(analysis.source.text),
    plan: proposal.plan,
    reasons: proposal.reasons,
    ...(resolved ? { resolved } : {}),
    ...(changeSet ? { changeSet } : {}),
    diagnostics,
    files,
    tests: sortByPath(tests),
    factories: sortByPath(factories),
    migrations: sortByPath(migrations),
    importers: usage.importers,
    importerGroups,
    attributeSites: usage.attributeSites,
    dottedStrings: usage.dottedStrings,
    lazyReferences,
    nameUsage,
    models: models.graph,
    dependencies,
    sharedImports,
    decisions,
    fixedPlacements,
    existingPackages,
    ...(planFile ? { planFile } : {}),
    exported,
    initStyle: { usesAll: /^__all__\s*=/m.test(initText), usesAsAlias: /\b(\w+) as \1\b/.test(initText) },
    risks,
    timings,
  };
}

// Files.

/** The first line of a unit's statement, shortened: how a statement that binds nothing is named. */
function firstLine(text: string, unit: TopLevelUnit): string {
  const line = text.slice(unit.statementRange.start, unit.statementRange.end).split(/\r\n|\r|\n/)[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

/**
 * The import statements of a generated file, each as written: those at its top (after the docstring), or with
 * `all` every top-level one (`__init__.py` keeps dunders and other code between its imports).
 */
async function collectImportLines(text: string, all = false): Promise<string[]> {
  const tree = await parsePython(text);
  try {
    const out: string[] = [];
    for (const node of tree.rootNode.namedChildren) {
      if (!node || node.type === 'comment') continue;
      if (
        node.type === 'expression_statement' &&
        node.namedChildren[0]?.type === 'string' &&
        out.length === 0
      )
        continue;
      if (
        node.type === 'import_statement' ||
        node.type === 'import_from_statement' ||
        node.type === 'future_import_statement'
      ) {
        out.push(text.slice(node.startIndex, node.endIndex));
        continue;
      }
      if (node.type === 'if_statement' && /^if\s+(typing\.)?TYPE_CHECKING\s*:/.test(node.text)) {
        out.push(text.slice(node.startIndex, node.endIndex));
        continue;
      }
      if (!all) break;
    }
    return out;
  } finally {
    tree.delete();
  }
}

function sortByPath<T extends { path: string }>(list: T[]): T[] {
  return list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A file in a `migrations/` folder (`apps/x/migrations/0001_initial.py`). */
export function isMigration(path: string): boolean {
  return /(^|\/)migrations\//.test(path);
}

/** Files under a `tests`/`test` folder, or named `test_*.py`, `*_test(s).py`, `tests.py`, `conftest.py`. */
export function isTestFile(path: string): boolean {
  const parts = path.split('/');
  const name = parts[parts.length - 1] ?? '';
  if (parts.slice(0, -1).some((p) => p === 'tests' || p === 'test')) return true;
  return /^test_.*\.py$|_tests?\.py$|^tests?\.py$|^conftest\.py$/.test(name);
}

interface SiteSummary {
  importers: number;
  names: Set<string>;
  patches: number;
  attributes: number;
  strings: number;
}

function siteFiles(usage: ProjectUsage): Map<string, SiteSummary> {
  const out = new Map<string, SiteSummary>();
  const get = (file: string) => {
    let s = out.get(file);
    if (!s) {
      s = { importers: 0, names: new Set(), patches: 0, attributes: 0, strings: 0 };
      out.set(file, s);
    }
    return s;
  };
  for (const site of usage.importers) {
    const s = get(site.file);
    s.importers++;
    for (const n of site.names) s.names.add(n);
  }
  for (const site of usage.attributeSites) {
    const s = get(site.file);
    if (site.context === 'patch-object') s.patches++;
    else s.attributes++;
    s.names.add(site.name);
  }
  for (const site of usage.dottedStrings) {
    const s = get(site.file);
    if (site.context === 'patch-target') s.patches++;
    else s.strings++;
  }
  return out;
}

function describeSiteSummary(s: SiteSummary): string {
  const parts: string[] = [];
  if (s.importers > 0) parts.push(`${s.importers} import${s.importers === 1 ? '' : 's'}`);
  if (s.names.size > 0) parts.push(`${s.names.size} name${s.names.size === 1 ? '' : 's'}`);
  if (s.patches > 0) parts.push(`${s.patches} patch target${s.patches === 1 ? '' : 's'}`);
  if (s.attributes > 0) parts.push(`${s.attributes} attribute use${s.attributes === 1 ? '' : 's'}`);
  if (s.strings > 0) parts.push(`${s.strings} dotted string${s.strings === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/**
 * The document's grouping of an import: star imports, then `if TYPE_CHECKING:`, then function bodies, then by form
 * (`from .models import X` is relative, `import a.models as m` and `from a import models` are module imports).
 */
export function importerGroupOf(site: ImporterSite): ImporterGroup {
  if (site.form === 'star-import') return 'star';
  if (site.typeCheckingOnly) return 'type-checking';
  if (site.inFunction) return 'function-level';
  if (site.form === 'relative-from-import' || site.form === 'relative-package-import') return 'relative';
  if (site.form === 'import' || site.form === 'from-package-import') return 'module-import';
  return 'from-import';
}

function collectNameUsage(
  usage: ProjectUsage,
  nameFile: Map<string, string>,
  facts: SplitFacts,
): NameUsage[] {
  const importing = new Map<string, Set<string>>();
  const attribute = new Map<string, Set<string>>();
  const strings = new Map<string, number>();
  const add = (map: Map<string, Set<string>>, name: string, file: string) => {
    if (!map.has(name)) map.set(name, new Set());
    map.get(name)?.add(file);
  };
  for (const site of usage.importers) for (const n of site.names) add(importing, n, site.file);
  for (const site of usage.attributeSites) add(attribute, site.name, site.file);
  for (const site of usage.dottedStrings) {
    const head = site.attributePath.split('.')[0] ?? '';
    if (head !== '') strings.set(head, (strings.get(head) ?? 0) + 1);
  }
  const names = new Set([...importing.keys(), ...attribute.keys(), ...strings.keys()]);
  const whereOf = (name: string) => {
    const file = nameFile.get(name);
    if (file) return file;
    const group = facts.groupOfName.get(name);
    const role = group === undefined ? undefined : facts.groups[group]?.role;
    if (role === 'import' || role === 'side-effect-import') return 'imported';
    if (role !== undefined) return INIT_FILE;
    return 'not bound';
  };
  return [...names]
    .map((name) => ({
      name,
      file: whereOf(name),
      importingFiles: importing.get(name)?.size ?? 0,
      attributeFiles: attribute.get(name)?.size ?? 0,
      strings: strings.get(name) ?? 0,
    }))
    .sort(
      (a, b) =>
        b.importingFiles + b.attributeFiles + b.strings - (a.importingFiles + a.attributeFiles + a.strings) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
}

// Models.

async function collectModels(
  input: PlanningInput,
  access: PlanningProjectAccess,
  listing: Promise<readonly string[]>,
): Promise<{ graph: ModelGraph; lazy: LazyReference[] }> {
  const { analysis, location, usage } = input;
  const projectFiles = await listing;
  const present = new Set(projectFiles);
  const settings = await readDjangoSettings(access, projectFiles, location.importRoot);
  const lazy: LazyReference[] = [];
  const findOthers = async ({ appLabel, models }: { appLabel: string; models: readonly string[] }) => {
    const modelNames = new Map(models.map((m) => [m.toLowerCase(), m]));
    const elsewhere = projectFiles.filter((f) => f !== location.modulePath);
    const ours = new Set(models.map((m) => `${appLabel}.${m}`.toLowerCase()));
    const settingKeys = Object.entries(settings)
      .filter(([, value]) => ours.has(value.toLowerCase()))
      .map(([key]) => key);
    // Concurrent greps (separate processes): lazy references, relation fields, settings naming one of our models.
    const [lazyFiles, relationFiles, settingFiles] = await Promise.all([
      /^[A-Za-z_][A-Za-z0-9_]*$/.test(appLabel)
        ? access.filesMatching(`["']${appLabel}[.][A-Za-z_]|get_model[(]`, elsewhere)
        : Promise.resolve([]),
      access.filesMatching('(ForeignKey|OneToOneField|ManyToManyField|ForeignObject) *[(]', elsewhere),
      settingKeys.length > 0 ? access.filesMatching(settingKeys.join('|'), elsewhere) : Promise.resolve([]),
    ]);
    const label = escapeRegExp(appLabel);
    const pattern = new RegExp(
      `(["'])${label}\\.([A-Za-z_]\\w*)\\1|get_model\\(\\s*(["'])${label}\\3\\s*,\\s*(["'])([A-Za-z_]\\w*)\\4`,
      'g',
    );
    const candidates = new Set<string>();
    const texts = await Promise.all(lazyFiles.map(async (file) => [file, await access.read(file)] as const));
    for (const [file, text] of texts) {
      if (text === undefined) continue;
      for (const match of text.matchAll(pattern)) {
        const raw = match[2] ?? match[5] ?? '';
        const model = modelNames.get(raw.toLowerCase());
        if (!model) continue;
        lazy.push({
          file,
          line: countLines(text.slice(0, (match.index ?? 0) + 1)),
          value: match[2] !== undefined ? `${appLabel}.${raw}` : `get_model("${appLabel}", "${raw}")`,
          model,
          inMigration: isMigration(file),
        });
        candidates.add(file);
      }
    }
    for (const site of usage.importers) candidates.add(site.file);
    // A model named by a setting (`AUTH_USER_MODEL`) is the target of every `ForeignKey(settings.AUTH_USER_MODEL)`.
    for (const file of settingFiles) candidates.add(file);
    const declaring = new Set(relationFiles);
    return [...candidates].filter((f) => declaring.has(f) && !isMigration(f));
  };
  const graph = await collectModelGraph({
    modulePath: location.modulePath,
    moduleText: analysis.source.text,
    importRoot: location.importRoot,
    otherFiles: findOthers,
    settings,
    read: access.read,
    exists: (path) => present.has(path) || path === location.modulePath,
  });
  lazy.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return { graph, lazy };
}

/** `AUTH_USER_MODEL` and friends from the settings module `manage.py` names (defaults: Django's). */
async function readDjangoSettings(
  access: PlanningProjectAccess,
  projectFiles: readonly string[],
  importRoot: string,
): Promise<Record<string, string>> {
  const settings: Record<string, string> = { AUTH_USER_MODEL: 'auth.User' };
  const manage = projectFiles.find((f) => f === 'manage.py' || f === `${importRoot}/manage.py`);
  const manageText = manage ? await access.read(manage) : undefined;
  const dotted = manageText
    ? /DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']/.exec(manageText)?.[1]
    : undefined;
  if (!dotted) return settings;
  const base = `${importRoot === '' ? '' : `${importRoot}/`}${dotted.split('.').join('/')}`;
  const text = (await access.read(`${base}.py`)) ?? (await access.read(`${base}/__init__.py`));
  if (!text) return settings;
  for (const match of text.matchAll(/^([A-Z_]+_MODEL)\s*=\s*["']([\w]+\.[\w]+)["']/gm)) {
    settings[match[1] as string] = match[2] as string;
  }
  return settings;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Dependencies, constants, decisions.

function collectDefinitionDependencies(
  analysis: ModuleAnalysis,
  facts: SplitFacts,
  nameFile: Map<string, string>,
): DefinitionDependencies[] {
  const out: DefinitionDependencies[] = [];
  for (const unit of analysis.units) {
    const def = unit.definition;
    if (!def) continue;
    const importTime = new Set<string>();
    const callTime = new Set<string>();
    const stringRefs = new Set<string>();
    for (const use of unit.uses) {
      if (use.name === def.name) continue;
      const group = facts.groupOfName.get(use.name);
      if (group === undefined || facts.groups[group]?.role !== 'code') continue;
      if (use.when === 'import-time' || (use.when === 'annotation' && use.evaluated !== false))
        importTime.add(use.name);
      else if (use.when === 'call-time') callTime.add(use.name);
      else if (use.when === 'string-ref') stringRefs.add(use.name);
    }
    for (const n of importTime) callTime.delete(n);
    out.push({
      name: def.name,
      kind: def.kind,
      line: unit.line,
      file: nameFile.get(def.name) ?? INIT_FILE,
      importTime: [...importTime],
      callTime: [...callTime],
      stringRefs: [...stringRefs],
    });
  }
  return out;
}

function resolveImportModule(binding: ImportBinding, location: ModuleLocation): string {
  if (binding.level === 0) return binding.module;
  const pkg = location.isPackageInit ? location.dotted : location.parentPackage;
  const parts = pkg === '' ? [] : pkg.split('.');
  const up = parts.slice(0, Math.max(0, parts.length - (binding.level - 1)));
  const rest = binding.module.slice(binding.level);
  return [...up, ...(rest ? [rest] : [])].join('.');
}

/** From-imports of first-party modules (relative, or a module file in the project) and each new file's subset. */
function collectSharedImports(
  analysis: ModuleAnalysis,
  location: ModuleLocation,
  needs: Map<string, FileNeeds>,
  resolved: ResolvedPlan | undefined,
  projectFiles: readonly string[],
): SharedImport[] {
  const present = new Set(projectFiles);
  const isProjectModule = (dotted: string) => {
    const base = `${location.importRoot === '' ? '' : `${location.importRoot}/`}${dotted.split('.').join('/')}`;
    return present.has(`${base}.py`) || present.has(`${base}/__init__.py`);
  };
  const byModule = new Map<string, { written: string; names: string[] }>();
  for (const unit of analysis.units) {
    if (unit.flags.includes('type-checking')) continue;
    for (const binding of unit.imports) {
      if (binding.imported === null || binding.imported === '*') continue;
      const module = resolveImportModule(binding, location);
      if (binding.level === 0 && !isProjectModule(module)) continue;
      const entry = byModule.get(module) ?? { written: binding.module, names: [] };
      if (!entry.names.includes(binding.name)) entry.names.push(binding.name);
      byModule.set(module, entry);
    }
  }
  const out: SharedImport[] = [];
  for (const [module, { written, names }] of byModule) {
    const perFile: Record<string, string[]> = {};
    const used = new Set<string>();
    for (const file of resolved?.fileOrder ?? []) {
      const need = needs.get(file);
      const subset = names.filter((n) => need?.importedNames.has(n));
      if (subset.length > 0) perFile[file] = subset;
      for (const n of subset) used.add(n);
    }
    const init = needs.get(INIT_FILE);
    const reexported = names.filter((n) => init?.importedNames.has(n));
    for (const n of reexported) used.add(n);
    out.push({ module, written, names, perFile, reexported, unused: names.filter((n) => !used.has(n)) });
  }
  // Constants modules first: most names, then the share of UPPER_CASE names.
  const upper = (s: SharedImport) => s.names.filter((n) => /^[A-Z][A-Z0-9_]*$/.test(n)).length;
  return out.sort((a, b) => upper(b) - upper(a) || b.names.length - a.names.length);
}

function collectDecisions(
  analysis: ModuleAnalysis,
  facts: SplitFacts,
  plan: SplitPlan,
  reasons: Readonly<Record<string, string>>,
  resolved: ResolvedPlan | undefined,
): { decisions: Decision[]; fixedPlacements: Decision[] } {
  const decisions: Decision[] = [];
  for (const [file, names] of Object.entries(plan.files)) {
    // Names sharing one reason (a group bound together) are reported once.
    const byReason = new Map<string, string[]>();
    for (const name of names) {
      const reason = reasons[name] ?? 'placed by the plan';
      const group = facts.groupOfName.get(name);
      const key = `${group ?? name}\0${reason}`;
      byReason.set(key, [...(byReason.get(key) ?? []), name]);
    }
    for (const [key, list] of byReason)
      decisions.push({ names: list, file, reason: key.split('\0')[1] as string });
  }
  const fixedPlacements: Decision[] = [];
  const seen = new Set<string>();
  for (const placement of resolved?.placements ?? []) {
    if (placement.explicit) continue;
    const group = facts.groups[placement.group];
    if (!group) continue;
    const unit = analysis.units[group.firstUnit] as TopLevelUnit;
    const label =
      group.role === 'import'
        ? 'imports'
        : group.role === 'docstring'
          ? 'module docstring'
          : group.role === 'future'
            ? '`from __future__` imports'
            : group.names.length > 0
              ? group.label
              : `${firstLine(analysis.source.text, unit)} (line ${unit.line})`;
    const key = `${label}\0${placement.file}\0${placement.reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    fixedPlacements.push({
      names:
        group.role === 'code' || group.role === 'dunder' || group.role === 'side-effect-import'
          ? group.names.length > 0
            ? [...group.names]
            : [label]
          : [label],
      file: placement.file,
      reason: placement.reason,
    });
  }
  return { decisions, fixedPlacements };
}

// A plan the user already wrote.

const PLAN_FILE_NAMES = ['modsplit-plan.toml', 'plan.toml', 'split-plan.toml'];

async function findPlanFile(
  access: PlanningProjectAccess,
  modulePath: string,
  proposedFile: ReadonlyMap<string, string>,
): Promise<ExistingPlanFile | undefined> {
  for (const path of PLAN_FILE_NAMES) {
    const text = await access.read(path);
    if (text === undefined) continue;
    const { plan } = readPlanFile(text, path);
    if (!plan || plan.module !== modulePath) continue;
    const differences: { name: string; planned: string; proposed: string }[] = [];
    for (const [file, names] of Object.entries(plan.files)) {
      for (const name of names) {
        const proposed = proposedFile.get(name);
        if (proposed !== undefined && proposed !== file) differences.push({ name, planned: file, proposed });
      }
    }
    return { path, files: plan.files, differences };
  }
  return undefined;
}

// Existing split packages.

async function collectExistingPackages(
  access: PlanningProjectAccess,
  projectFiles: readonly string[],
  packageDir: string,
): Promise<ExistingPackage[]> {
  const siblings = new Map<string, string[]>();
  for (const file of projectFiles) {
    const dir = posix.dirname(file);
    const name = posix.basename(file);
    if (name === '__init__.py' || !name.endsWith('.py')) continue;
    siblings.set(dir, [...(siblings.get(dir) ?? []), name.slice(0, -3)]);
  }
  const inits = projectFiles.filter((f) => {
    if (!f.endsWith('/__init__.py')) return false;
    const dir = posix.dirname(f);
    return dir !== packageDir && !isMigration(`${dir}/`) && (siblings.get(dir)?.length ?? 0) >= 2;
  });
  const out: ExistingPackage[] = [];
  await Promise.all(
    inits.map(async (init) => {
      const text = await access.read(init);
      if (!text) return;
      const dir = posix.dirname(init);
      const own = new Set(siblings.get(dir) ?? []);
      const from = new Set<string>();
      let reexports = 0;
      for (const match of text.matchAll(/^from \.(\w+) import (\([^)]*\)|[^\n]+)/gm)) {
        const sub = match[1] as string;
        if (!own.has(sub)) continue;
        from.add(sub);
        reexports += (match[2] as string)
          .replace(/[()]/g, '')
          .split(',')
          .filter((s) => s.trim() !== '').length;
      }
      if (from.size < 2) return;
      out.push({
        folder: dir,
        submodules: [...from].sort(),
        reexports,
        usesAll: /^__all__\s*=/m.test(text),
        usesAsAlias: /\b(\w+) as \1\b/.test(text),
      });
    }),
  );
  return out.sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
}

// Risks.

const REGISTRATION_DECORATOR =
  /^@\s*(?:[\w.]+\.)?(receiver|register|connect|handles?|hookimpl|task|shared_task|periodic_task|job|on)\b/;
const TASK_DECORATOR = /^@\s*(?:[\w.]+\.)?(task|shared_task|periodic_task)\b/;

function decoratorsOf(unit: TopLevelUnit, text: string): string[] {
  if (unit.nodeType !== 'decorated_definition') return [];
  const statement = text.slice(unit.statementRange.start, unit.statementRange.end);
  const out: string[] = [];
  let current = '';
  for (const line of statement.split(/\r\n|\r|\n/)) {
    const trimmed = line.trim();
    if (/^(async\s+)?(def|class)\b/.test(trimmed)) break;
    if (trimmed.startsWith('@')) {
      if (current) out.push(current);
      current = trimmed;
    } else if (current) current += ` ${trimmed}`;
  }
  if (current) out.push(current);
  return out;
}

function collectRisks(
  input: PlanningInput,
  facts: SplitFacts,
  exported: ExportedNames,
  resolved: ResolvedPlan | undefined,
  needs: Map<string, FileNeeds>,
  nameFile: Map<string, string>,
  diagnostics: readonly Diagnostic[],
): Risk[] {
  const { analysis, location, usage } = input;
  const risks: Risk[] = [];
  const modulePath = location.modulePath;
  const dotted = location.dotted;
  const sub = (file: string) => `${dotted}.${file.replace(/\.py$/, '')}`;
  const readers = (name: string): string[] => {
    const out: string[] = [];
    for (const file of resolved?.fileOrder ?? []) {
      const need = needs.get(file);
      const own = nameFile.get(name) === file;
      const uses =
        need?.importedNames.has(name) || [...(need?.siblings.values() ?? [])].some((s) => s.has(name));
      if (own ? fileReadsOwnName(analysis, facts, resolved, file, name) : uses) out.push(file);
    }
    return out;
  };
  const isClass = (name: string) =>
    (analysis.bindings[name] ?? []).some((u) => analysis.units[u]?.definition?.kind === 'class');
  const isImported = (name: string) => {
    const group = facts.groupOfName.get(name);
    const role = group === undefined ? undefined : facts.groups[group]?.role;
    return role === 'import' || role === 'side-effect-import';
  };
  const reexported = new Set(exported.names);

  const patchAction = (path: string, what: string): { action: string; rewrite: boolean } => {
    const parts = path.split('.');
    const head = parts[0] ?? '';
    const keep = (action: string) => ({ action, rewrite: false });
    if (head === '') return keep('names the module itself: the package has the same name, no change');
    if (parts.length > 1 && isClass(head)) {
      return keep(`patches an attribute of class \`${head}\` (one object everywhere): leave it`);
    }
    const files = readers(head);
    if (parts.length > 1 && isImported(head)) {
      const shared = `the patched object is shared; ${files.length > 0 ? `read in ${files.join(', ')}` : 'read nowhere in the module'}`;
      return reexported.has(head)
        ? keep(`\`${head}\` stays reachable on the package (re-exported), so it resolves; ${shared}`)
        : {
            action: `\`${head}\` is no longer on the package: rewrite to ${files.map((f) => `\`${sub(f)}.${path}\``).join(' or ') || 'the module it comes from'}`,
            rewrite: true,
          };
    }
    if (files.length === 0)
      return keep(`nothing in the split module reads \`${head}\`: patching the package is enough`);
    const targets = files.map((f) => `\`${sub(f)}.${parts.join('.')}\``);
    return {
      action: `${what} has no effect on code in the new files; rewrite to ${targets.join(' and ')}${files.length > 1 ? ' (one patch per file that reads it)' : ''}`,
      rewrite: true,
    };
  };

  for (const site of usage.dottedStrings) {
    if (site.context === 'patch-target') {
      risks.push({
        kind: 'patch-target',
        where: `${site.file}:${site.line}`,
        what: `patch("${site.value}")`,
        target: site.value,
        ...patchAction(site.attributePath, 'patching the package'),
      });
    }
  }
  for (const site of usage.attributeSites) {
    if (site.context !== 'patch-object') continue;
    risks.push({
      kind: 'patch-target',
      where: `${site.file}:${site.line}`,
      what: `patch.object(${site.alias}, "${site.name}")`,
      target: `${dotted}.${site.name}`,
      ...patchAction(site.name, 'patching the package object'),
    });
  }
  for (const site of usage.dottedStrings) {
    if (site.context === 'patch-target') continue;
    const head = site.attributePath.split('.')[0] ?? '';
    const action =
      head === ''
        ? 'names the module: the package keeps the name'
        : reexported.has(head)
          ? `\`${head}\` is re-exported by \`__init__.py\`, so the path still resolves${site.context === 'migration' ? '; new migrations will name the submodule' : ''}`
          : `\`${head}\` is not re-exported: update the string`;
    risks.push({
      kind: 'dotted-string',
      where: `${site.file}:${site.line}`,
      what: `"${site.value}" (${site.context})`,
      action,
    });
  }
  // Migrations serialize callables and fields by path (`default=apps.m.generate_secret`): old ones must still import.
  for (const site of usage.attributeSites) {
    if (site.context !== 'attribute' || !isMigration(site.file)) continue;
    const defined = nameFile.get(site.name);
    risks.push({
      kind: 'migration',
      where: `${site.file}:${site.line}`,
      what: `\`${site.alias}.${site.name}\``,
      action: reexported.has(site.name)
        ? `re-exported by \`__init__.py\`, so this migration still imports it${defined ? `; a future migration that serializes it writes \`${sub(defined)}.${site.name}\`` : ''}`
        : `\`${site.name}\` is not re-exported: this migration breaks`,
    });
  }
  const text = analysis.source.text;
  const registrations: { unit: TopLevelUnit; file: string; name: string; key: string; label: string }[] = [];
  for (const unit of analysis.units) {
    const name = unit.definition?.name ?? unit.binds[0] ?? `line ${unit.line}`;
    const file = nameFile.get(name) ?? placementOf(facts, resolved, unit.index) ?? INIT_FILE;
    const where = `${modulePath}:${unit.line}`;
    if (unit.flags.includes('module-path')) {
      risks.push({
        kind: 'module-path',
        where,
        what: `\`${name}\` uses \`__file__\`/\`__name__\`/\`__package__\`/\`__spec__\``,
        action: `in ${file} it names \`${file === INIT_FILE ? dotted : sub(file)}\`: check paths and logger names`,
      });
    }
    if (unit.globalWrites.length > 0) {
      risks.push({
        kind: 'global-rebinding',
        where,
        what: `\`${name}\` rebinds ${unit.globalWrites.map((n) => `\`${n}\``).join(', ')} with \`global\``,
        action:
          'readers in other files would keep a stale snapshot: the plan keeps writer and readers together, or refuses' +
          (unit.globalWrites.some((n) => reexported.has(n))
            ? `; \`${dotted}.${unit.globalWrites.find((n) => reexported.has(n))}\` on the package is re-exported once and no longer follows the rebinding: point readers at \`${sub(file)}\``
            : ''),
      });
    }
    if (unit.flags.includes('module-dunder')) {
      risks.push({
        kind: 'module-dunder',
        where,
        what: `module dunder ${
          unit.binds
            .filter((b) => b.startsWith('__'))
            .map((b) => `\`${b}\``)
            .join(', ') || `\`${name}\``
        }`,
        action: 'stays in `__init__.py`',
      });
    }
    const decorators = decoratorsOf(unit, text);
    if (decorators.some((d) => REGISTRATION_DECORATOR.test(d)) || unit.flags.includes('side-effect')) {
      const first = decorators.find((d) => REGISTRATION_DECORATOR.test(d));
      registrations.push({
        unit,
        file,
        name,
        key: first ? (/^@\s*([^,)]*)/.exec(first)?.[1]?.replace(/\s+/g, '') ?? first) : 'side effects',
        label: decorators.length > 0 ? `${decorators.join(' ')} ${name}` : name,
      });
    }
    const tasks = decorators.filter((d) => TASK_DECORATOR.test(d) && !/\bname\s*=/.test(d));
    if (tasks.length > 0) {
      risks.push({
        kind: 'task-name',
        where,
        what: `task \`${name}\` has no explicit name`,
        action: `its name changes from \`${dotted}.${name}\` to \`${sub(file)}.${name}\`: add \`name="${dotted}.${name}"\``,
      });
    }
  }
  if (registrations.length > 0) {
    const order = resolved ? [INIT_FILE, ...resolved.fileOrder] : [INIT_FILE];
    const rank = (r: (typeof registrations)[number]) => order.indexOf(r.file) * 1e6 + r.unit.index;
    for (const r of registrations) {
      // Registrations on the same target (signal, registry) run in import order: flag pairs whose order flips.
      const flipped = registrations.filter(
        (o) => o !== r && o.key === r.key && o.unit.index < r.unit.index && rank(o) > rank(r),
      );
      risks.push({
        kind: 'registration',
        where: `${modulePath}:${r.unit.line}`,
        what: r.label.length > 120 ? `${r.label.slice(0, 117)}...` : r.label,
        action:
          `registered when \`${r.file}\` is imported (\`__init__.py\` imports every file, so once)` +
          (flipped.length > 0
            ? `; now BEFORE ${flipped.map((o) => `\`${o.name}\``).join(', ')} on \`${r.key}\`: check that order does not matter`
            : '; order among registrations on the same target is unchanged'),
      });
    }
  }
  for (const site of usage.importers) {
    if (site.form !== 'star-import') continue;
    risks.push({
      kind: 'star-import',
      where: `${site.file}:${site.line}`,
      what: `\`from ${dotted} import *\``,
      action: analysis.dunderAll
        ? 'receives `__all__`, kept in `__init__.py`'
        : 'receives every public name: the package must not add or lose names (an `__all__` is generated from the original names)',
    });
  }
  if (facts.hasStarImport) {
    risks.push({
      kind: 'star-import',
      where: modulePath,
      what: 'the module itself star-imports another module',
      action:
        'names it receives are re-exported through `__init__.py`; check every new file imports what it uses',
    });
  }
  for (const d of diagnostics) {
    if (d.severity === 'info' && d.code === 'MS353') continue;
    risks.push({
      kind: 'diagnostic',
      where: d.location ? `${d.location.path}:${d.location.line}` : modulePath,
      what: `${d.code}: ${d.message}`,
      action:
        d.help ??
        (d.severity === 'error' ? 'the split refuses this plan' : 'nothing to do; noted for review'),
    });
  }
  return risks;
}

/** Tool configuration that names files or modules by path: it may need the new submodule paths (§4c). */
const CONFIG_FILES = [
  'pyproject.toml',
  'setup.cfg',
  'tox.ini',
  'mypy.ini',
  '.mypy.ini',
  '.coveragerc',
  'ruff.toml',
  '.ruff.toml',
  'pytest.ini',
  '.flake8',
  '.pre-commit-config.yaml',
];

async function collectConfigRisks(access: PlanningProjectAccess, location: ModuleLocation): Promise<Risk[]> {
  const risks: Risk[] = [];
  const stem = location.modulePath.replace(/\.py$/, '');
  const patterns = [location.modulePath, location.dotted].map(
    (s) => new RegExp(`(?<![\\w./-])${escapeRegExp(s)}(?![\\w/-]|\\.[A-Za-z_])`),
  );
  const texts = await Promise.all(CONFIG_FILES.map(async (f) => [f, await access.read(f)] as const));
  for (const [file, text] of texts) {
    if (text === undefined) continue;
    text.split(/\r\n|\r|\n/).forEach((line, i) => {
      if (!patterns.some((p) => p.test(line))) return;
      risks.push({
        kind: 'config',
        where: `${file}:${i + 1}`,
        what: line.trim().length > 100 ? `${line.trim().slice(0, 97)}...` : line.trim(),
        action: `names the module by path: after the split it is the folder \`${stem}/\` (package \`${location.dotted}\`); update the entry if it meant the file`,
      });
    });
  }
  const stub = `${stem}.pyi`;
  if ((await access.read(stub)) !== undefined) {
    risks.push({
      kind: 'config',
      where: stub,
      what: 'a type stub beside the module',
      action: `type checkers read \`${stub}\` instead of the new package: move it to \`${stem}/__init__.pyi\` or delete it`,
    });
  }
  return risks;
}

function placementOf(
  facts: SplitFacts,
  resolved: ResolvedPlan | undefined,
  unitIndex: number,
): string | undefined {
  const group = facts.groupOfUnit[unitIndex];
  return resolved?.placements.find((p) => p.group === group && !p.copied)?.file;
}

/** Whether code placed in `file` (other than the definition itself) reads `name`, defined in that file. */
function fileReadsOwnName(
  analysis: ModuleAnalysis,
  facts: SplitFacts,
  resolved: ResolvedPlan | undefined,
  file: string,
  name: string,
): boolean {
  const defining = facts.groupOfName.get(name);
  for (const placement of resolved?.placements ?? []) {
    if (placement.file !== file || placement.copied || placement.group === defining) continue;
    for (const u of facts.groups[placement.group]?.units ?? []) {
      if (analysis.units[u]?.uses.some((d) => d.name === name && d.when !== 'string-ref')) return true;
    }
  }
  // A function reading its own global (recursion, or a helper patched in tests) counts too.
  for (const u of facts.groups[defining ?? -1]?.units ?? []) {
    if (analysis.units[u]?.uses.some((d) => d.name === name && d.when !== 'string-ref')) return true;
  }
  return false;
}

export { countLines };
