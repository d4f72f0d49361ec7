// Django model relations of one module as Django builds them: which classes are models, every relation field (own,
// inherited from abstract bases, multi-table parent links) with its resolved target, and the reverse relations other
// models give its models. Static: follows imports into project files through the given reader; never imports Python.

import { parsePython } from '../../read/parse-python.js';
import {
  type ClassDeclaration,
  collectClassDeclarations,
  collectFileImports,
  type FileImport,
  type RelationKind,
  type RelationReference,
} from './collect-class-declarations.js';

/** Reads project files (POSIX paths relative to the root); undefined when the file does not exist. */
export type ProjectFileReader = (path: string) => Promise<string | undefined>;

export interface ModelGraphInput {
  /** The module's path relative to the root and its text (offsets are not used). */
  readonly modulePath: string;
  readonly moduleText: string;
  /** Import root relative to the root (`''` or `src`). */
  readonly importRoot: string;
  /**
   * Other files that may declare relations to the module's models (importers, files with lazy references), asked
   * for once the module's app label and models are known; files without a relation field call are not parsed.
   */
  readonly otherFiles: (module: {
    appLabel: string;
    models: readonly string[];
  }) => Promise<readonly string[]>;
  /** Values of settings used as targets (`AUTH_USER_MODEL` → `accounts.User`). */
  readonly settings: Readonly<Record<string, string>>;
  readonly read: ProjectFileReader;
  /** Whether a project file exists (saves reading files outside the project); default: try to read it. */
  readonly exists?: (path: string) => boolean;
}

export interface ResolvedRelation {
  readonly field: string;
  readonly kind: RelationKind;
  /** `app_label.ModelName`, or null when the target could not be resolved (then see `target`). */
  readonly targetLabel: string | null;
  /** As written (`IntegrationCredential`, `GitHubAppInstallation`, `settings.AUTH_USER_MODEL`). */
  readonly target: string;
  readonly reference: RelationReference | 'parent-link';
  readonly nullable: boolean;
  readonly onDelete: string | null;
  /** related_name as written, and with `%(class)s` / `%(app_label)s` filled in for the model that has the field. */
  readonly relatedNameRaw: string | null;
  readonly relatedName: string | null;
  /** No reverse accessor: related_name ends with `+`, or a symmetrical M2M to self. */
  readonly hidden: boolean;
  /** Where the field call is written. */
  readonly file: string;
  readonly line: number;
  /** The class that declares it, when not the model itself. */
  readonly inheritedFrom?: string;
  readonly inheritance?: 'abstract' | 'multi-table' | 'proxy';
}

export interface ReverseRelation {
  /** Attribute on the target model (`repositories`, `trackedrepository_set`). */
  readonly accessor: string;
  readonly fromLabel: string;
  readonly fromModel: string;
  readonly field: string;
  readonly kind: RelationKind;
  readonly file: string;
  readonly line: number;
  /** True when the declaring model is in the module itself. */
  readonly inModule: boolean;
  /** The concrete parent that has this relation, when the model lists it through multi-table inheritance. */
  readonly viaParent?: string;
}

export interface ModelBase {
  readonly text: string;
  /** `model` (a model in the module), `project-model` (elsewhere in the project), `django` (django.db.models.Model
   *  or a Django-provided model), `other` (a mixin or unresolved). */
  readonly kind: 'model' | 'project-model' | 'django' | 'other';
  readonly abstract: boolean;
  /** Dotted module it comes from, for bases outside the module. */
  readonly module?: string;
}

export interface ModelFacts {
  readonly name: string;
  readonly label: string;
  readonly line: number;
  readonly abstract: boolean;
  readonly proxy: boolean;
  readonly bases: readonly ModelBase[];
  /** Own and inherited relation fields, inherited first (as Django lists them). */
  readonly relations: readonly ResolvedRelation[];
  readonly reverse: readonly ReverseRelation[];
}

export interface ModelGraph {
  /** The app label of the module's app (`integrations`). */
  readonly appLabel: string;
  /** Every top-level class of the module, model or not, in source order. */
  readonly classes: readonly ClassDeclaration[];
  /** The module's Django models, in source order; empty for a non-Django module. */
  readonly models: readonly ModelFacts[];
}

interface FileFacts {
  readonly path: string;
  readonly dotted: string;
  /** Package relative imports resolve against. */
  readonly package: string;
  readonly appLabel: string;
  readonly classes: ReadonlyMap<string, ClassDeclaration>;
  readonly imports: ReadonlyMap<string, FileImport>;
}

type ClassRef =
  | { readonly kind: 'project'; readonly file: FileFacts; readonly decl: ClassDeclaration }
  | { readonly kind: 'external'; readonly module: string; readonly name: string }
  | { readonly kind: 'unknown'; readonly text: string };

interface ModelInfo {
  readonly isModel: boolean;
  readonly abstract: boolean;
  readonly label: string | null;
  /** `django.db.models.Model` itself (its fields are Django's, not inherited ones). */
  readonly root?: boolean;
}

const MAX_IMPORT_HOPS = 4;
const RELATION_CALL = /\b(ForeignKey|OneToOneField|ManyToManyField|ForeignObject)\s*\(/;

/**
 * Build the model graph of a module.
 *
 * @example
 * // class GitHubIntegration(TeamScopedModel):            # TeamScopedModel: abstract, team = FK(Team, ...)
 * //     credential = models.OneToOneField(IntegrationCredential, on_delete=models.CASCADE, related_name="github_integration")
 * // -> models[i].relations: [{ field: 'team', targetLabel: 'teams.Team', inheritedFrom: 'TeamScopedModel' },
 * //                          { field: 'credential', kind: 'OneToOneField', targetLabel: 'integrations.IntegrationCredential' }]
 * //    and IntegrationCredential's reverse: [{ accessor: 'github_integration', fromModel: 'GitHubIntegration' }]
 */
export async function collectModelGraph(input: ModelGraphInput): Promise<ModelGraph> {
  return new ModelGraphBuilder(input).build();
}

class ModelGraphBuilder {
  private readonly files = new Map<string, Promise<FileFacts | undefined>>();
  private readonly texts = new Map<string, Promise<string | undefined>>();
  private readonly modelInfo = new Map<string, Promise<ModelInfo>>();
  private readonly labels = new Map<string, Promise<string>>();

  constructor(private readonly input: ModelGraphInput) {}

  async build(): Promise<ModelGraph> {
    const { input } = this;
    const module = await this.factsOf(input.modulePath, input.moduleText);
    if (!module) return { appLabel: '', classes: [], models: [] };
    const classes = [...module.classes.values()].sort((a, b) => a.line - b.line);
    const models: {
      decl: ClassDeclaration;
      info: ModelInfo;
      relations: ResolvedRelation[];
      bases: ModelBase[];
    }[] = [];
    for (const decl of classes) {
      const info = await this.infoOf({ kind: 'project', file: module, decl });
      if (!info.isModel) continue;
      const relations = await this.relationsOf(module, decl, decl, module);
      const bases = await Promise.all(decl.bases.map((text) => this.describeBase(module, text)));
      models.push({ decl, info, relations, bases });
    }
    const ours = new Map<string, string>();
    for (const m of models) ours.set(labelKey(m.info.label as string), m.decl.name);

    const reverse = new Map<string, ReverseRelation[]>();
    const addReverse = (
      fromFile: FileFacts,
      fromDecl: ClassDeclaration,
      relations: readonly ResolvedRelation[],
    ) => {
      const fromLabel = `${fromFile.appLabel}.${fromDecl.name}`;
      for (const r of relations) {
        if (
          r.hidden ||
          r.inheritance === 'multi-table' ||
          r.inheritance === 'proxy' ||
          r.targetLabel === null
        )
          continue;
        const target = ours.get(labelKey(r.targetLabel));
        if (target === undefined) continue;
        const accessor = r.relatedName ?? defaultAccessor(r.kind, fromDecl.name);
        const list = reverse.get(target) ?? [];
        list.push({
          accessor,
          fromLabel,
          fromModel: fromDecl.name,
          field: r.field,
          kind: r.kind,
          file: r.file,
          line: r.line,
          inModule: fromFile.path === module.path,
        });
        reverse.set(target, list);
      }
    };
    for (const m of models) {
      if (!m.info.abstract) addReverse(module, m.decl, m.relations);
    }
    const others =
      models.length > 0
        ? await input.otherFiles({ appLabel: module.appLabel, models: models.map((m) => m.decl.name) })
        : [];
    const paths = [...new Set(others)].filter((p) => p !== module.path).sort();
    const texts = await Promise.all(paths.map((p) => this.readText(p)));
    for (const [i, path] of paths.entries()) {
      const text = texts[i];
      if (text === undefined || !RELATION_CALL.test(text)) continue;
      const file = await this.factsOf(path, text);
      if (!file) continue;
      for (const decl of [...file.classes.values()].sort((a, b) => a.line - b.line)) {
        const info = await this.infoOf({ kind: 'project', file, decl });
        if (!info.isModel || info.abstract) continue;
        addReverse(file, decl, await this.relationsOf(file, decl, decl, file));
      }
    }
    // A multi-table child (or a proxy) also lists its concrete parents' reverse relations, except its own link.
    for (const m of models) {
      for (const baseText of m.decl.bases) {
        const parent = models.find((p) => p.decl.name === baseText && !p.info.abstract);
        if (!parent) continue;
        const link = `${parent.decl.name.toLowerCase()}_ptr`;
        const inherited = (reverse.get(parent.decl.name) ?? [])
          .filter((r) => !(r.fromModel === m.decl.name && r.field === link))
          .map((r) => ({ ...r, viaParent: r.viaParent ?? parent.decl.name }));
        reverse.set(m.decl.name, [...(reverse.get(m.decl.name) ?? []), ...inherited]);
      }
    }
    return {
      appLabel: module.appLabel,
      classes,
      models: models.map((m) => ({
        name: m.decl.name,
        label: m.info.label as string,
        line: m.decl.line,
        abstract: m.info.abstract,
        proxy: m.decl.proxy,
        bases: m.bases,
        relations: m.relations,
        reverse: reverse.get(m.decl.name) ?? [],
      })),
    };
  }

  // Files.

  private readText(path: string): Promise<string | undefined> {
    let text = this.texts.get(path);
    if (!text) {
      const exists = this.input.exists;
      text =
        exists && !exists(path) ? Promise.resolve(undefined) : this.input.read(path).catch(() => undefined);
      this.texts.set(path, text);
    }
    return text;
  }

  private factsOf(path: string, knownText?: string): Promise<FileFacts | undefined> {
    let facts = this.files.get(path);
    if (!facts) {
      facts = this.loadFacts(path, knownText);
      this.files.set(path, facts);
    }
    return facts;
  }

  private async loadFacts(path: string, knownText?: string): Promise<FileFacts | undefined> {
    const text = knownText ?? (await this.readText(path));
    if (text === undefined) return undefined;
    const tree = await parsePython(text);
    let classes: ClassDeclaration[];
    let imports: Map<string, FileImport>;
    try {
      classes = collectClassDeclarations(tree.rootNode);
      imports = collectFileImports(tree.rootNode);
    } finally {
      tree.delete();
    }
    const dotted = dottedOfPath(path, this.input.importRoot);
    const isInit = path.endsWith('/__init__.py') || path === '__init__.py';
    const pkg = isInit ? dotted : dotted.split('.').slice(0, -1).join('.');
    return {
      path,
      dotted,
      package: pkg,
      appLabel: await this.appLabelOf(dotted, isInit),
      classes: new Map(classes.map((c) => [c.name, c])),
      imports,
    };
  }

  /** The module file of a dotted name in the project, if any. */
  private async fileOfModule(dotted: string): Promise<FileFacts | undefined> {
    const base = joinPath(this.input.importRoot, dotted.split('.').join('/'));
    for (const candidate of [`${base}.py`, `${base}/__init__.py`]) {
      if (candidate === this.input.modulePath) return this.factsOf(candidate, this.input.moduleText);
      const facts = await this.factsOf(candidate);
      if (facts) return facts;
    }
    return undefined;
  }

  /**
   * App label of a module: the package before the first `models` segment (or the module's own package), its
   * `apps.py` `label = "..."` when present, else its last segment.
   */
  private appLabelOf(dotted: string, isInit: boolean): Promise<string> {
    const parts = dotted.split('.');
    const modelsAt = parts.indexOf('models');
    const appParts = modelsAt > 0 ? parts.slice(0, modelsAt) : isInit ? parts : parts.slice(0, -1);
    const app = appParts.join('.');
    let label = this.labels.get(app);
    if (!label) {
      label = (async () => {
        const fallback = appParts[appParts.length - 1] ?? '';
        const appsPy = await this.readText(joinPath(this.input.importRoot, `${appParts.join('/')}/apps.py`));
        const match = appsPy ? /^\s+label\s*=\s*["']([A-Za-z_][\w]*)["']/m.exec(appsPy) : null;
        return match ? (match[1] as string) : fallback;
      })();
      this.labels.set(app, label);
    }
    return label;
  }

  private resolveModule(file: FileFacts, imp: FileImport): string {
    if (imp.level === 0) return imp.module;
    const parts = file.package === '' ? [] : file.package.split('.');
    const up = parts.slice(0, Math.max(0, parts.length - (imp.level - 1)));
    const rest = imp.module.slice(imp.level);
    return [...up, ...(rest ? [rest] : [])].join('.');
  }

  /** Resolve a class name or dotted attribute as written in `file`. */
  private async resolveClass(file: FileFacts, text: string, hops = 0): Promise<ClassRef> {
    if (hops > MAX_IMPORT_HOPS) return { kind: 'unknown', text };
    const parts = text.split('.');
    const head = parts[0] as string;
    if (parts.length === 1) {
      const local = file.classes.get(head);
      if (local) return { kind: 'project', file, decl: local };
      const imp = file.imports.get(head);
      if (!imp || imp.imported === null) return { kind: 'unknown', text };
      return this.resolveIn(this.resolveModule(file, imp), imp.imported, hops);
    }
    const imp = file.imports.get(head);
    if (!imp) return { kind: 'unknown', text };
    const base = imp.imported === null ? imp.module : `${this.resolveModule(file, imp)}.${imp.imported}`;
    const module = [base, ...parts.slice(1, -1)].join('.');
    return this.resolveIn(module, parts[parts.length - 1] as string, hops);
  }

  /** `name` as an attribute of module `dotted`: a class there, a re-export, or something outside the project. */
  private async resolveIn(dotted: string, name: string, hops: number): Promise<ClassRef> {
    const file = await this.fileOfModule(dotted);
    if (!file) return { kind: 'external', module: dotted, name };
    const decl = file.classes.get(name);
    if (decl) return { kind: 'project', file, decl };
    if (file.imports.has(name)) return this.resolveClass(file, name, hops + 1);
    return { kind: 'unknown', text: `${dotted}.${name}` };
  }

  // Models.

  private infoOf(ref: ClassRef, depth = 0): Promise<ModelInfo> {
    if (ref.kind === 'unknown') return Promise.resolve({ isModel: false, abstract: false, label: null });
    if (ref.kind === 'external') return Promise.resolve(externalInfo(ref.module, ref.name));
    const key = `${ref.file.path}#${ref.decl.name}`;
    let info = this.modelInfo.get(key);
    if (!info) {
      info = (async (): Promise<ModelInfo> => {
        if (depth > 20) return { isModel: false, abstract: false, label: null };
        // Django's own source in the project: its `Model` is the root, whatever its bases.
        if (ref.decl.name === 'Model' && ref.file.dotted.startsWith('django.db.models')) {
          return { isModel: true, abstract: false, label: null, root: true };
        }
        let isModel = false;
        for (const base of ref.decl.bases) {
          const baseRef = await this.resolveClass(ref.file, base);
          if ((await this.infoOf(baseRef, depth + 1)).isModel) isModel = true;
        }
        return { isModel, abstract: ref.decl.abstract, label: `${ref.file.appLabel}.${ref.decl.name}` };
      })();
      this.modelInfo.set(key, info);
    }
    return info;
  }

  private async describeBase(file: FileFacts, text: string): Promise<ModelBase> {
    const ref = await this.resolveClass(file, text);
    const info = await this.infoOf(ref);
    if (info.root) return { text, kind: 'django', abstract: false, module: 'django.db.models' };
    if (ref.kind === 'project') {
      const here = ref.file.path === file.path;
      if (!info.isModel)
        return { text, kind: 'other', abstract: false, ...(here ? {} : { module: ref.file.dotted }) };
      return here
        ? { text, kind: 'model', abstract: info.abstract }
        : { text, kind: 'project-model', abstract: info.abstract, module: ref.file.dotted };
    }
    if (ref.kind === 'external') {
      return { text, kind: info.isModel ? 'django' : 'other', abstract: info.abstract, module: ref.module };
    }
    return { text, kind: 'other', abstract: false };
  }

  /**
   * Relation fields of `decl` as they appear on the concrete model `owner` (declared in `ownerFile`): inherited
   * ones first (abstract bases copy their fields; a concrete base adds a `<base>_ptr` parent link and its own).
   */
  private async relationsOf(
    file: FileFacts,
    decl: ClassDeclaration,
    owner: ClassDeclaration,
    ownerFile: FileFacts,
    depth = 0,
  ): Promise<ResolvedRelation[]> {
    if (depth > 20) return [];
    const out: ResolvedRelation[] = [];
    const own = new Set(decl.relations.map((r) => r.name));
    for (const baseText of decl.bases) {
      const ref = await this.resolveClass(file, baseText);
      if (ref.kind !== 'project') continue;
      const info = await this.infoOf(ref);
      if (!info.isModel || info.root) continue;
      if (info.abstract) {
        for (const r of await this.relationsOf(ref.file, ref.decl, owner, ownerFile, depth + 1)) {
          if (own.has(r.field)) continue;
          out.push({
            ...r,
            inheritedFrom: r.inheritedFrom ?? ref.decl.name,
            inheritance: r.inheritance ?? 'abstract',
          });
        }
        continue;
      }
      // A concrete base: multi-table inheritance (or a proxy, which adds no table).
      const parentFields = await this.relationsOf(ref.file, ref.decl, ref.decl, ref.file, depth + 1);
      const inheritance = decl.proxy ? 'proxy' : 'multi-table';
      if (!decl.proxy && !decl.relations.some((r) => r.parentLink)) {
        out.push({
          field: `${ref.decl.name.toLowerCase()}_ptr`,
          kind: 'OneToOneField',
          targetLabel: info.label,
          target: baseText,
          reference: 'parent-link',
          nullable: false,
          onDelete: 'CASCADE',
          relatedNameRaw: null,
          relatedName: null,
          hidden: false,
          file: file.path,
          line: decl.line,
        });
      }
      for (const r of parentFields) {
        if (own.has(r.field)) continue;
        out.push({ ...r, inheritedFrom: r.inheritedFrom ?? ref.decl.name, inheritance });
      }
    }
    for (const r of decl.relations) {
      const targetLabel = await this.targetLabelOf(file, r.reference, r.target, owner, ownerFile);
      const relatedName =
        r.relatedName === null ? null : fillRelatedName(r.relatedName, owner.name, ownerFile.appLabel);
      const selfTarget =
        targetLabel !== null && labelKey(targetLabel) === labelKey(`${ownerFile.appLabel}.${owner.name}`);
      out.push({
        field: r.name,
        kind: r.kind,
        targetLabel,
        target: r.target,
        reference: r.reference,
        nullable: r.nullable,
        onDelete: r.onDelete,
        relatedNameRaw: r.relatedName,
        relatedName,
        hidden:
          (relatedName?.endsWith('+') ?? false) ||
          (r.kind === 'ManyToManyField' && selfTarget && !r.asymmetrical),
        file: file.path,
        line: r.line,
      });
    }
    return out;
  }

  private async targetLabelOf(
    file: FileFacts,
    reference: RelationReference,
    target: string,
    owner: ClassDeclaration,
    ownerFile: FileFacts,
  ): Promise<string | null> {
    switch (reference) {
      case 'self':
        return `${ownerFile.appLabel}.${owner.name}`;
      case 'string': {
        if (target.includes('.')) return target;
        // Unqualified lazy references resolve in the app of the concrete model that has the field.
        const here = ownerFile.classes.get(target) ?? file.classes.get(target);
        return `${ownerFile.appLabel}.${here?.name ?? target}`;
      }
      case 'setting': {
        const key = target.split('.').pop() ?? '';
        return this.input.settings[key] ?? null;
      }
      case 'class': {
        const ref = await this.resolveClass(file, target);
        const info = await this.infoOf(ref);
        if (ref.kind === 'project') return info.label;
        if (ref.kind === 'external') return info.label ?? `${ref.module}.${ref.name}`;
        return null;
      }
      default:
        return null;
    }
  }
}

/** Models Django or third-party apps provide: `django.db.models.Model`, `django.contrib.auth.models.User`, ... */
function externalInfo(module: string, name: string): ModelInfo {
  if (module === 'django.db.models' || module.startsWith('django.db.models.')) {
    return { isModel: name === 'Model', abstract: false, label: null, root: name === 'Model' };
  }
  const parts = module.split('.');
  const modelsAt = parts.indexOf('models');
  if (modelsAt <= 0 || /Mixin$|QuerySet$|Manager$|Field$/.test(name)) {
    return { isModel: false, abstract: false, label: null };
  }
  return {
    isModel: true,
    abstract: /^Abstract/.test(name),
    label: `${parts[modelsAt - 1]}.${name}`,
  };
}

function fillRelatedName(raw: string, className: string, appLabel: string): string {
  return raw
    .replace(/%\(class\)s/g, className.toLowerCase())
    .replace(/%\(model_name\)s/g, className.toLowerCase())
    .replace(/%\(app_label\)s/g, appLabel.toLowerCase());
}

/** Django's default reverse accessor: `<model>_set`, or `<model>` for a one-to-one. */
export function defaultAccessor(kind: RelationKind, modelName: string): string {
  return kind === 'OneToOneField' ? modelName.toLowerCase() : `${modelName.toLowerCase()}_set`;
}

/** Labels compare with the model name case-insensitively (`integrations.trackedrepository`). */
function labelKey(label: string): string {
  const dot = label.lastIndexOf('.');
  return dot < 0 ? label.toLowerCase() : `${label.slice(0, dot)}.${label.slice(dot + 1).toLowerCase()}`;
}

function joinPath(root: string, rest: string): string {
  return root === '' ? rest : `${root}/${rest}`;
}

function dottedOfPath(path: string, importRoot: string): string {
  const rel =
    importRoot !== '' && path.startsWith(`${importRoot}/`) ? path.slice(importRoot.length + 1) : path;
  const parts = rel.replace(/\.py$/, '').split('/');
  if (parts[parts.length - 1] === '__init__') parts.pop();
  return parts.join('.');
}
