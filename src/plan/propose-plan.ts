// `modsplit plan`: propose the grouping a maintainer would choose, as a complete SplitPlan with one reason per
// name. Checks its own proposal with resolvePlan and repairs what it refuses (merging or separating files, a reason
// per move); it does not validate user plans (resolvePlan does).

import type { Diagnostic } from '../model/diagnostics.js';
import type { SplitPlan } from '../model/plan.js';
import { type ModuleLocation, NO_PROJECT_USAGE } from '../model/project.js';
import type { ModuleAnalysis } from '../model/units.js';
import { type Clustering, clusterItems, collectImportSuccessors } from './grouping/cluster-items.js';
import { collectClusterTopics, findSameTopicPairs } from './grouping/cluster-topics.js';
import {
  type AffinityEdge,
  type AffinityReason,
  type AffinityWeights,
  collectAffinity,
  DEFAULT_AFFINITY_WEIGHTS,
  pairKey,
} from './grouping/collect-affinity.js';
import { collectGroupingModel, type GroupingModel } from './grouping/collect-items.js';
import { collectReaderOrder, type ProposalProject } from './grouping/collect-reader-order.js';
import { type FileNameStyle, nameClusterFiles } from './grouping/name-files.js';
import { buildClusterGraph, hasCycle, placeSharedHelpers } from './grouping/place-helpers.js';
import {
  type RepairContext,
  type RepairResult,
  type RepairState,
  repairRefusedClusters,
  separateReaderOrder,
} from './grouping/repair-clusters.js';
import { resolvePlan } from './resolve-plan.js';

export type { ProposalProject } from './grouping/collect-reader-order.js';

export interface ProposePlanOptions {
  /** Number of files to make (not counting `__init__.py`); default from size, about `linesPerFile` lines each. */
  readonly files?: number;
  /** How the project names files in packages it already split. */
  readonly existingStyle?: FileNameStyle;
  /**
   * Lines per file when `files` is not given (default 300): the structure chooses the number of files, between about
   * a third and three times this size on average.
   */
  readonly linesPerFile?: number;
  /** Overrides of the affinity weights (for tuning against maintainer splits). */
  readonly weights?: Partial<AffinityWeights>;
  /** Strength of the size-balance penalty (default 3). */
  readonly balance?: number;
  /** Strength of the affinity null model (modularity's degree term: a hub pulls less than its ties say; default 1). */
  readonly resolution?: number;
  /**
   * Treat call-time-only dependencies as breakable when looking for cycles (default false). Only for studying
   * groupings: the emitted files import at module level, so a plan made this way may be refused.
   */
  readonly breakCallTimeCycles?: boolean;
  /**
   * Where the module sits and who imports it (from the project scan). With it the proposal also foresees the
   * import-order rule that needs the project (a late-imported module reading names back, MS322) and is checked
   * against the same usage `split` will use; without it, it is checked as if nothing imported the module.
   */
  readonly project?: ProposalProject;
}

export interface ProposedPlan {
  /** Complete: every name defined in the module in exactly one file; files in import order (dependencies first). */
  readonly plan: SplitPlan;
  /** One line per name: why it went where it did. */
  readonly reasons: Readonly<Record<string, string>>;
  readonly diagnostics: readonly Diagnostic[];
}

const INIT_FILE = '__init__.py';
/**
 * Without a number of files, files average at least this fraction of `linesPerFile` (a rail: a 450-line module is
 * not cut in seven; the size penalty is the soft bound).
 */
const MIN_AVERAGE_FILE_SHARE = 1 / 3;
/** The clustering itself stops merging at the natural point only above this average (a looser first rail). */
const MIN_AVERAGE_FILE_LINES = 30;
/** Without a number of files, a smaller cluster joins its closest neighbour (a lone receiver is no file). */
const MIN_FILE_LINES = 20;
/** How much finer to cluster when helpers following their users empty files (a number of files was asked for). */
const MAX_EXTRA_CLUSTERS = 8;
/** Rounds of check-and-repair (each merges files or separates names, so a few suffice). */
const MAX_REPAIR_ROUNDS = 12;

/**
 * Propose a split of the analyzed module.
 *
 * @example
 * const { plan } = proposePlan(analyzeModule(source), { files: 3 });
 * // plan.files: { "base.py": ["TimestampedModel"], "github.py": ["GitHubRepo", ...], "jira.py": [...] }
 */
export function proposePlan(analysis: ModuleAnalysis, options: ProposePlanOptions = {}): ProposedPlan {
  const model = collectGroupingModel(analysis);
  const weights = { ...DEFAULT_AFFINITY_WEIGHTS, ...options.weights };
  const affinity = collectAffinity(model, weights);
  const diagnostics: Diagnostic[] = [];
  const path = analysis.source.path;

  const dunders = new Set(model.items.filter((item) => item.dunder).map((item) => item.id));
  const placeable = model.items.filter((item) => !item.dunder);
  const totalLines = placeable.reduce((sum, item) => sum + item.lines, 0);
  const linesPerFile = Math.max(1, options.linesPerFile ?? 300);
  const wanted = options.files;
  if (options.files !== undefined && (!Number.isInteger(options.files) || options.files < 1)) {
    diagnostics.push({
      code: 'MS351',
      severity: 'error',
      message: `cannot make ${options.files} files: the number of files must be a whole number of at least 1`,
      help: 'pass a positive whole number of files, or leave it out to choose from the module size',
    });
    return { plan: { files: {} }, reasons: {}, diagnostics };
  }
  if (placeable.length < 2) {
    diagnostics.push({
      code: 'MS350',
      severity: 'warning',
      message: `${path} defines ${placeable.length === 0 ? 'no names' : 'only one name (or group)'} outside imports, so there is nothing to split`,
      location: { path, line: 1, column: 1 },
      help: 'split a module that defines several classes or functions',
    });
  }

  const callTimeImports = !(options.breakCallTimeCycles ?? false);
  const minCount = Math.max(2, Math.ceil(totalLines / (linesPerFile * 3)));
  const settings = {
    balance: options.balance ?? 3,
    resolution: options.resolution ?? 1,
    exclude: dunders,
    callTimeImports,
  };
  const cluster = (count: number | undefined) =>
    clusterItems(model, affinity, {
      ...settings,
      ...(count !== undefined
        ? { count }
        : { minCount, maxCount: Math.max(2, Math.floor(totalLines / MIN_AVERAGE_FILE_LINES)) }),
    });
  const place = (clustering: Clustering, keepEveryFile: boolean) => {
    let clusters = clustering.clusters.map((c) => [...c]);
    // One topic, one file: when the number of files is ours to choose, clusters about the same topic merge.
    if (wanted === undefined) {
      clusters = mergeSameTopicClusters(model, clusters, callTimeImports, minCount);
      clusters = absorbTinyClusters(model, affinity, clusters, callTimeImports, minCount);
      // Size as a rail, after topics had their say: too many files for the module's size merge further.
      const rail = Math.max(minCount, Math.floor(totalLines / (linesPerFile * MIN_AVERAGE_FILE_SHARE)));
      if (clusters.length > rail) {
        clusters = clusterItems(model, affinity, {
          ...settings,
          count: rail,
          initial: clusters,
        }).clusters.map((c) => [...c]);
      }
    }
    return placeSharedHelpers(model, affinity, clusters, {
      forced: new Set(clustering.mustShare.flat()),
      callTimeImports,
      fixedCount: wanted !== undefined,
      keepEveryFile,
    });
  };
  let clustering = cluster(wanted);
  let moved = place(clustering, false);
  // With a number of files asked for, helpers that follow their users may empty a file (a cluster of helpers only):
  // cluster finer until the count holds, or, failing that, keep every file.
  for (
    let extra = 1;
    wanted !== undefined && moved.clusters.length < wanted && extra <= MAX_EXTRA_CLUSTERS;
    extra++
  ) {
    const finer = cluster(wanted + extra);
    if (finer.clusters.length <= clustering.clusters.length) break;
    clustering = finer;
    moved = place(clustering, false);
  }
  if (wanted !== undefined && moved.clusters.length !== wanted) {
    clustering = cluster(wanted);
    moved = place(clustering, true);
  }

  // What resolvePlan would refuse: names a late-imported module reads back sit apart from its users (MS322); then
  // the whole proposal is checked, and files a refusal names merge, until it is accepted.
  const readerOrder = options.project ? collectReaderOrder(analysis, model, options.project) : [];
  const context: RepairContext = {
    model,
    affinity,
    forced: clustering.mustShare,
    readerOrder,
    callTimeImports,
  };
  const notes = new Map(moved.notes);
  const repairs: string[] = [];
  let state: RepairState = {
    clusters: moved.clusters,
    ...(moved.sharedCluster !== undefined ? { sharedCluster: moved.sharedCluster } : {}),
  };
  const apply = (result: RepairResult) => {
    state = result;
    for (const [id, note] of result.notes) notes.set(id, note);
    repairs.push(...result.repairs);
  };
  apply(separateReaderOrder(state, context));
  const boundNames = new Set(Object.keys(analysis.bindings));
  const nameFiles = (current: RepairState) =>
    nameClusterFiles(current.clusters, model.items, boundNames, {
      ...(options.existingStyle ? { style: options.existingStyle } : {}),
      moduleStem: moduleStem(path),
      ...(current.sharedCluster !== undefined ? { sharedCluster: current.sharedCluster } : {}),
    });
  let fileNames = nameFiles(state);
  if (callTimeImports && placeable.length >= 2) {
    const location = options.project?.location ?? locateFromPath(path);
    const usage = options.project?.usage ?? NO_PROJECT_USAGE;
    for (let round = 0; ; round++) {
      const files = collectPlanFiles(model, state.clusters, fileNames);
      const refusal = resolvePlan(analysis, location, usage, { files }).diagnostics.filter(
        (d) => d.severity === 'error',
      );
      if (refusal.length === 0) break;
      const next =
        round < MAX_REPAIR_ROUNDS ? repairRefusedClusters(state, refusal, fileNames, context) : undefined;
      if (!next) {
        const first = refusal[0] as Diagnostic;
        diagnostics.push({
          code: 'MS355',
          severity: 'warning',
          message: `the proposed plan is refused by the checks \`split\` runs (${first.code}): ${first.message}`,
          location: { path, line: 1, column: 1 },
          notes: refusal.slice(1, 4).map((d) => `${d.code}: ${d.message}`),
          help: 'edit the plan (`modsplit plan -o plan.toml`) as the refusal says, then pass it with --plan',
        });
        break;
      }
      apply(next);
      fileNames = nameFiles(state);
    }
  }
  for (const repair of repairs) {
    diagnostics.push({
      code: 'MS354',
      severity: 'info',
      message: repair,
      location: { path, line: 1, column: 1 },
    });
  }
  const clusters = state.clusters;

  if (wanted !== undefined && clusters.length < wanted && placeable.length >= 2) {
    diagnostics.push({
      code: 'MS352',
      severity: 'warning',
      message: `proposed ${clusters.length} files instead of ${wanted}: names that would import each other must share a file`,
      location: { path, line: 1, column: 1 },
      notes: clustering.mustShare
        .filter((set) => set.length > 1)
        .slice(0, 3)
        .map((set) => `must share a file: ${describeNames(model, set)}`),
      help: 'ask for fewer files, or break the cycles (refer to models by string, import inside the function)',
    });
  }
  const shareReason = new Map<number, string>();
  for (const share of model.namespaceShares) {
    for (const id of share.items) if (!shareReason.has(id)) shareReason.set(id, share.reason);
  }
  for (const set of clustering.mustShare) {
    const first = model.items[set[0] as number];
    const unit = first ? analysis.units[first.firstUnit] : undefined;
    const shared = set.map((id) => shareReason.get(id)).find((r) => r !== undefined);
    diagnostics.push({
      code: 'MS353',
      severity: 'info',
      message: `${describeNames(model, set)} must share a file: ${shared ?? 'otherwise their files would import each other'}`,
      ...(unit ? { location: { path, line: unit.line, column: 1 } } : {}),
      help: shared
        ? 'keep them together, or pass the value through a function or attribute instead of a rebound global'
        : 'keep them together, or break the cycle (string model references, function-level imports) first',
    });
  }

  const files = collectPlanFiles(model, clusters, fileNames);
  const fileOfItem = new Map<number, string>();
  clusters.forEach((cluster, c) => {
    for (const id of cluster) fileOfItem.set(id, fileNames[c] as string);
  });
  for (const id of dunders) fileOfItem.set(id, INIT_FILE);

  const reasons: Record<string, string> = {};
  const forcedWith = new Map<number, readonly number[]>();
  for (const set of clustering.mustShare) for (const id of set) forcedWith.set(id, set);
  for (const item of model.items) {
    const reason = explainPlacement(model, affinity, item.id, fileOfItem, forcedWith, notes, shareReason);
    for (const name of item.names) reasons[name] = reason;
  }
  return { plan: { files }, reasons, diagnostics };
}

/** The plan's files: `__init__.py` for module dunders, then one file per cluster (names in source order). */
function collectPlanFiles(
  model: GroupingModel,
  clusters: readonly (readonly number[])[],
  fileNames: readonly string[],
): Record<string, string[]> {
  const files: Record<string, string[]> = {};
  const fileOfItem = new Map<number, string>();
  if (model.items.some((item) => item.dunder)) files[INIT_FILE] = [];
  clusters.forEach((cluster, c) => {
    const file = fileNames[c] as string;
    files[file] = [];
    for (const id of cluster) fileOfItem.set(id, file);
  });
  for (const item of model.items) {
    const file = item.dunder ? INIT_FILE : fileOfItem.get(item.id);
    if (file !== undefined) files[file]?.push(...item.names);
  }
  return files;
}

/** A location for checking a proposal without the project: the module's own path, nothing importing it. */
function locateFromPath(path: string): ModuleLocation {
  const modulePath = path.replace(/\\/g, '/').replace(/^\.\//, '');
  const isPackageInit = /(^|\/)__init__\.py$/.test(modulePath);
  const dotted = modulePath
    .replace(/\.py$/, '')
    .replace(/\/__init__$/, '')
    .split('/')
    .filter((part) => part !== '')
    .join('.');
  const parentPackage = dotted.split('.').slice(0, -1).join('.');
  return { root: '', modulePath, importRoot: '', dotted, parentPackage, isPackageInit };
}

function describeNames(model: GroupingModel, ids: readonly number[]): string {
  const names = ids.flatMap((id) => model.items[id]?.names ?? []);
  const shown = names.slice(0, 5).map((n) => `\`${n}\``);
  return names.length > 5 ? `${shown.join(', ')} and ${names.length - 5} more` : shown.join(', ');
}

/** `app/models.py` -> `models`; `pkg/__init__.py` -> `pkg`. */
function moduleStem(path: string): string {
  const parts = path.split(/[\\/]/);
  const file = parts[parts.length - 1] ?? '';
  const stem = file.replace(/\.py$/, '');
  return stem === '__init__' ? (parts[parts.length - 2] ?? stem) : stem;
}

/** Merge clusters about one topic (see findSameTopicPairs) while the file graph stays acyclic. */
function mergeSameTopicClusters(
  model: GroupingModel,
  input: readonly (readonly number[])[],
  callTimeImports: boolean,
  minCount: number,
): number[][] {
  let clusters = input.map((c) => [...c]);
  const successors = collectImportSuccessors(model, callTimeImports);
  while (clusters.length > minCount) {
    const topics = collectClusterTopics(clusters, model.items, model.itemOfName);
    const pairs = findSameTopicPairs(topics, model.items);
    let merged = false;
    for (const [from, into] of pairs) {
      const next = clusters
        .map((c, i) => (i === into ? [...c, ...(clusters[from] ?? [])].sort((x, y) => x - y) : c))
        .filter((_, i) => i !== from);
      if (!hasCycle(buildFileGraph(next, successors))) {
        clusters = next;
        merged = true;
        break;
      }
    }
    if (!merged) break;
  }
  return clusters;
}

/**
 * A cluster under MIN_FILE_LINES lines (a lone receiver, a stray constant) is no file a maintainer would make: it
 * joins the cluster it has most affinity with, when the file graph stays acyclic.
 */
function absorbTinyClusters(
  model: GroupingModel,
  affinity: ReadonlyMap<number, AffinityEdge>,
  input: readonly (readonly number[])[],
  callTimeImports: boolean,
  minCount: number,
): number[][] {
  let clusters = input.map((c) => [...c]);
  const successors = collectImportSuccessors(model, callTimeImports);
  const linesOf = (cluster: readonly number[]): number =>
    cluster.reduce((sum, id) => sum + (model.items[id]?.lines ?? 0), 0);
  for (let i = 0; i < clusters.length && clusters.length > minCount; ) {
    const tiny = clusters[i] as number[];
    if (linesOf(tiny) >= MIN_FILE_LINES) {
      i++;
      continue;
    }
    const targets = clusters
      .map((other, c) => {
        let weight = 0;
        for (const a of tiny) for (const b of other) weight += affinity.get(pairKey(a, b))?.weight ?? 0;
        return { c, weight };
      })
      .filter(({ c, weight }) => c !== i && weight > 0)
      .sort((x, y) => y.weight - x.weight || x.c - y.c);
    let merged = false;
    for (const { c } of targets) {
      const next = clusters
        .map((other, k) => (k === c ? [...other, ...tiny].sort((x, y) => x - y) : other))
        .filter((_, k) => k !== i);
      if (!hasCycle(buildFileGraph(next, successors))) {
        clusters = next;
        merged = true;
        break;
      }
    }
    if (!merged) i++;
  }
  return clusters;
}

function buildFileGraph(
  clusters: readonly (readonly number[])[],
  successors: readonly (readonly number[])[],
): Set<number>[] {
  const clusterOf = new Map<number, number>();
  clusters.forEach((cluster, c) => {
    for (const id of cluster) clusterOf.set(id, c);
  });
  return buildClusterGraph(clusterOf, clusters.length, successors);
}

function explainPlacement(
  model: GroupingModel,
  affinity: ReadonlyMap<number, AffinityEdge>,
  id: number,
  fileOfItem: ReadonlyMap<number, string>,
  forcedWith: ReadonlyMap<number, readonly number[]>,
  notes: ReadonlyMap<number, string>,
  shareReason: ReadonlyMap<number, string>,
): string {
  const item = model.items[id];
  const file = fileOfItem.get(id) ?? '?';
  if (!item) return '';
  if (item.dunder) return 'module dunder: stays in __init__.py';
  const note = notes.get(id);
  if (note) return note;
  const forced = forcedWith.get(id);
  if (forced) {
    const others = forced.filter((x) => x !== id);
    const shared = shareReason.get(id);
    return shared
      ? `${shared}: must share one namespace, ${file}, with ${describeNames(model, others)}`
      : `would import ${describeNames(model, others)} in a cycle: must share ${file}`;
  }
  // Used from several other files: it sits in a file they all import.
  const userFiles = new Set<string>();
  for (const edge of model.edges) {
    if (edge.to !== id || edge.when === 'string-ref') continue;
    const from = fileOfItem.get(edge.from);
    if (from !== undefined && from !== file) userFiles.add(from);
  }
  if (userFiles.size >= 2) {
    return `used from ${[...userFiles].sort().join(', ')}: kept in ${file}, which they import`;
  }
  // The strongest tie inside the file; adjacency only when nothing says more.
  let best: AffinityEdge | undefined;
  let nearest: AffinityEdge | undefined;
  for (const other of model.items) {
    if (other.id === id || fileOfItem.get(other.id) !== file) continue;
    const edge = affinity.get(pairKey(id, other.id));
    if (!edge) continue;
    const semantic = edge.reasons.filter((r) => r.reason.kind !== 'adjacent');
    const top = semantic.sort((a, b) => b.weight - a.weight)[0];
    if (top && (!best || top.weight > (best.top.weight ?? 0))) best = { ...edge, top };
    if (!nearest) nearest = edge;
  }
  const chosen = best ?? nearest;
  if (!chosen) return `no strong tie to other names; ${file} balances file sizes`;
  const otherId = chosen.a === id ? chosen.b : chosen.a;
  const other = `\`${model.items[otherId]?.names[0] ?? '?'}\``;
  return describeReason(best ? chosen.top.reason : { kind: 'adjacent' }, id, other);
}

function describeReason(reason: AffinityReason, id: number, other: string): string {
  switch (reason.kind) {
    case 'companion':
      return reason.owner === id
        ? `kept with its companion ${other}`
        : `companion of ${other} (its QuerySet/Manager/Meta)`;
    case 'base':
      return reason.base === id ? `base class of ${other}` : `subclass of ${other}`;
    case 'only-user':
      return reason.used === id ? `only used by ${other}` : `only user of ${other}`;
    case 'uses':
      return reason.user === id ? `uses ${other} (${reason.when})` : `used by ${other} (${reason.when})`;
    case 'token':
      return `shares the topic \`${reason.token}\` with ${other}`;
    case 'adjacent':
      return `next to ${other} in the source`;
  }
}
