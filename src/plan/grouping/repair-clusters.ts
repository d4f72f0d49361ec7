// Repairs of a finished clustering so that resolvePlan accepts it: keep a name a late-imported module reads back
// apart from that module's users (MS322), and merge files a refusal names (MS301 cycles, MS311/MS312 namespaces,
// MS316 `__init__.py` order). It never runs resolvePlan itself (proposePlan's loop does) and never splits a file.

import type { Diagnostic } from '../../model/diagnostics.js';
import { collectImportSuccessors } from './cluster-items.js';
import { type AffinityEdge, pairKey } from './collect-affinity.js';
import type { GroupingModel } from './collect-items.js';
import type { ReaderOrderEdge } from './collect-reader-order.js';
import { buildClusterGraph, hasCycle } from './place-helpers.js';

export interface RepairState {
  /** Clusters of item ids, in import order (dependencies and required-first files before their users). */
  readonly clusters: readonly (readonly number[])[];
  /** Index in `clusters` of the shared helpers file, if any. */
  readonly sharedCluster?: number;
}

export interface RepairResult extends RepairState {
  /** item id -> why it moved. */
  readonly notes: ReadonlyMap<number, string>;
  /** One line per repair, for a diagnostic. */
  readonly repairs: readonly string[];
}

export interface RepairContext {
  readonly model: GroupingModel;
  readonly affinity: ReadonlyMap<number, AffinityEdge>;
  /** Sets of items that never move apart (cycles, namespace shares). */
  readonly forced: readonly (readonly number[])[];
  readonly readerOrder: readonly ReaderOrderEdge[];
  readonly callTimeImports: boolean;
}

/** Codes a merge of the files a refusal names can satisfy. */
const MERGEABLE_REFUSALS: ReadonlySet<string> = new Set(['MS301', 'MS311', 'MS312', 'MS316']);

const MERGE_WHY: Readonly<Record<string, string>> = {
  MS301: 'their files would import each other at module level',
  MS311: 'they must share one namespace (a rebound global)',
  MS312: 'they must share one namespace (reflective code)',
  MS316: '`__init__.py` could not import their files in a working order',
};

/** Item successors (module-level imports) plus reader-order edges (user's file after the home's file). */
function collectOrderSuccessors(context: RepairContext): number[][] {
  const successors = collectImportSuccessors(context.model, context.callTimeImports).map((list) => [...list]);
  for (const edge of context.readerOrder) successors[edge.user]?.push(edge.home);
  return successors;
}

function describeItems(model: GroupingModel, ids: readonly number[]): string {
  const names = ids.flatMap((id) => model.items[id]?.names ?? []);
  const shown = names.slice(0, 3).map((n) => `\`${n}\``);
  return names.length > 3 ? `${shown.join(', ')} and ${names.length - 3} more` : shown.join(', ');
}

/**
 * Drop empty clusters and order the rest dependencies first over `successors` (ties by first item; a cycle, which
 * the caller's check reports, is broken at the earliest cluster); keeps track of the shared cluster.
 */
function reorder(
  clusters: readonly (readonly number[])[],
  sharedCluster: number | undefined,
  successors: readonly (readonly number[])[],
): RepairState {
  const kept = clusters
    .map((list, c) => ({ list: [...list].sort((a, b) => a - b), c }))
    .filter(({ list }) => list.length > 0)
    .sort((a, b) => (a.list[0] as number) - (b.list[0] as number));
  const clusterOf = new Map<number, number>();
  kept.forEach(({ list }, k) => {
    for (const id of list) clusterOf.set(id, k);
  });
  const graph = buildClusterGraph(clusterOf, kept.length, successors);
  const order: number[] = [];
  const placed = new Set<number>();
  while (order.length < kept.length) {
    const ready = kept.findIndex(
      (_, k) => !placed.has(k) && [...(graph[k] ?? [])].every((d) => placed.has(d)),
    );
    const next = ready >= 0 ? ready : kept.findIndex((_, k) => !placed.has(k));
    order.push(next);
    placed.add(next);
  }
  const ordered = order.map((k) => kept[k] as { list: number[]; c: number });
  const index = sharedCluster === undefined ? -1 : ordered.findIndex(({ c }) => c === sharedCluster);
  return { clusters: ordered.map(({ list }) => list), ...(index >= 0 ? { sharedCluster: index } : {}) };
}

/**
 * Move the home of every reader-order edge whose user shares its file (a name a late-imported module reads back,
 * `Database` beside `DatabaseWrapper`) to the file it has most affinity with where no user of it waits and no
 * cycle closes, else to a file of its own; failing that, move the user instead. Edges no move satisfies are left
 * (their homes depend on their users: resolvePlan will refuse, MS322).
 */
export function separateReaderOrder(state: RepairState, context: RepairContext): RepairResult {
  const notes = new Map<number, string>();
  const repairs: string[] = [];
  if (context.readerOrder.length === 0) return { ...state, notes, repairs };
  const { model, affinity } = context;
  const successors = collectOrderSuccessors(context);
  const clusters = state.clusters.map((c) => [...c]);
  const clusterOf = new Map<number, number>();
  clusters.forEach((list, c) => {
    for (const id of list) clusterOf.set(id, c);
  });
  const forcedOf = (id: number): readonly number[] => context.forced.find((set) => set.includes(id)) ?? [id];
  const violations = (): number =>
    context.readerOrder.filter((e) => clusterOf.get(e.user) === clusterOf.get(e.home)).length;
  const affinityTo = (ids: readonly number[], c: number): number => {
    let sum = 0;
    for (const other of clusters[c] ?? []) {
      if (ids.includes(other)) continue;
      for (const id of ids) sum += affinity.get(pairKey(id, other))?.weight ?? 0;
    }
    return sum;
  };
  /** Move `ids` to cluster `to` (a new one when `to === clusters.length`) if that removes violations. */
  const tryMove = (ids: readonly number[], to: number): boolean => {
    const before = violations();
    const from = ids.map((id) => [id, clusterOf.get(id) as number] as const);
    if (to === clusters.length) clusters.push([]);
    for (const id of ids) clusterOf.set(id, to);
    const ok = violations() < before && !hasCycle(buildClusterGraph(clusterOf, clusters.length, successors));
    if (!ok) {
      for (const [id, c] of from) clusterOf.set(id, c);
      if (clusters[to]?.length === 0 && to === clusters.length - 1) clusters.pop();
      return false;
    }
    for (const [id, c] of from) clusters[c] = (clusters[c] ?? []).filter((x) => x !== id);
    clusters[to]?.push(...ids);
    return true;
  };
  const moveAway = (ids: readonly number[]): boolean => {
    const current = clusterOf.get(ids[0] as number) as number;
    const targets = clusters
      .map((_, c) => c)
      .filter((c) => c !== current && (clusters[c]?.length ?? 0) > 0)
      .sort((a, b) => affinityTo(ids, b) - affinityTo(ids, a) || a - b);
    return targets.some((c) => tryMove(ids, c)) || tryMove(ids, clusters.length);
  };
  for (const edge of context.readerOrder) {
    if (clusterOf.get(edge.user) !== clusterOf.get(edge.home)) continue;
    const home = forcedOf(edge.home);
    const user = forcedOf(edge.user);
    if (home.includes(edge.user)) continue;
    const userName = `\`${model.items[edge.user]?.names[0] ?? '?'}\``;
    const homeName = `\`${edge.name}\``;
    if (moveAway(home)) {
      for (const id of home) {
        notes.set(
          id,
          `kept apart from ${userName}, in a file imported first: ${edge.reason}, and ${userName} uses it`,
        );
      }
      repairs.push(`${describeItems(model, home)} kept apart from ${userName}: ${edge.reason}`);
    } else if (moveAway(user)) {
      for (const id of user) {
        notes.set(
          id,
          `kept apart from ${homeName}, in a file imported after it: it uses \`${edge.target}\`, and ${edge.reason.replace(/^`[^`]*` /, 'that module ')}`,
        );
      }
      repairs.push(`${describeItems(model, user)} kept apart from ${homeName}: ${edge.reason}`);
    }
  }
  const shared = state.sharedCluster;
  return { ...reorder(clusters, shared, successors), notes, repairs };
}

/**
 * Merge the clusters at `indices` into the largest of them: the files a refusal names (`code`), which resolvePlan
 * refuses apart. Notes go to the items that moved.
 */
export function mergeRefusedClusters(
  state: RepairState,
  indices: readonly number[],
  code: string,
  context: RepairContext,
): RepairResult {
  const notes = new Map<number, string>();
  const clusters = state.clusters.map((c) => [...c]);
  const lines = (c: number) =>
    (clusters[c] ?? []).reduce((sum, id) => sum + (context.model.items[id]?.lines ?? 0), 0);
  const into = [...indices].sort((a, b) => lines(b) - lines(a) || a - b)[0] as number;
  const others = indices.filter((c) => c !== into);
  const why = MERGE_WHY[code] ?? `resolvePlan refuses them apart (${code})`;
  const kept = describeItems(context.model, clusters[into] ?? []);
  for (const c of others) {
    const moved = clusters[c] ?? [];
    for (const id of moved) notes.set(id, `in one file with ${kept}: in separate files ${why} (${code})`);
    clusters[into]?.push(...moved);
    clusters[c] = [];
  }
  const repair = `${others.map((c) => describeItems(context.model, state.clusters[c] ?? [])).join('; ')} joined ${kept} in one file: in separate files ${why} (${code})`;
  const shared =
    state.sharedCluster !== undefined && others.includes(state.sharedCluster)
      ? undefined
      : state.sharedCluster;
  return {
    ...reorder(clusters, shared, collectOrderSuccessors(context)),
    notes,
    repairs: [repair],
  };
}

/**
 * One repair for a refusal: separate again what a reader-order refusal (MS322) names, else merge the files the
 * first mergeable refusal names (`a.py` and `b.py` in its message; `fileNames[i]` is cluster i's file). Undefined
 * when nothing applies.
 */
export function repairRefusedClusters(
  state: RepairState,
  refusal: readonly Diagnostic[],
  fileNames: readonly string[],
  context: RepairContext,
): RepairResult | undefined {
  if (refusal.some((d) => d.code === 'MS322')) {
    const separated = separateReaderOrder(state, context);
    if (separated.repairs.length > 0) return separated;
  }
  for (const diagnostic of refusal) {
    if (!MERGEABLE_REFUSALS.has(diagnostic.code)) continue;
    const named = new Set<number>();
    for (const match of diagnostic.message.matchAll(/[\w.-]+\.py\b/g)) {
      const index = fileNames.indexOf(match[0]);
      if (index >= 0) named.add(index);
    }
    if (named.size >= 2) return mergeRefusedClusters(state, [...named], diagnostic.code, context);
  }
  return undefined;
}
