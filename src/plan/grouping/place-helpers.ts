// After clustering, helpers and constants follow their users: one used by a single other file moves there; one used
// from several files goes to the nearest file they all import, or, when it belongs to none of their topics and
// such helpers are used from 3+ files, to a small shared file (`common.py`). Never closes an import cycle.

import { collectImportSuccessors, orderClusters } from './cluster-items.js';
import { collectEntities } from './cluster-topics.js';
import type { AffinityEdge } from './collect-affinity.js';
import { pairKey } from './collect-affinity.js';
import type { GroupingModel } from './collect-items.js';
import { collectTopicTokens, splitNameTokens } from './name-tokens.js';

export interface PlaceHelpersOptions {
  /** Item ids forced together (import cycles, `global` rebinding): they never move alone. */
  readonly forced: ReadonlySet<number>;
  /** Whether call-time dependencies become imports (they do, unless studying groupings). */
  readonly callTimeImports: boolean;
  /** The number of files is the user's: never add one (no shared file). */
  readonly fixedCount: boolean;
  /** Never empty a file (the last resort when the number of files is the user's). */
  readonly keepEveryFile?: boolean;
}

export interface PlacedHelpers {
  /** Clusters in import order (dependencies first), emptied ones dropped. */
  readonly clusters: number[][];
  /** Index (in `clusters`) of the shared file made for helpers, if one was made. */
  readonly sharedCluster?: number;
  /** item id -> why it moved. */
  readonly notes: Map<number, string>;
}

/** Helpers used from at least this many files make a shared file worth having. */
const SHARED_FILE_MIN_USERS = 3;
/** ...and at least this many of them (one shared constant is not a file). */
const SHARED_FILE_MIN_HELPERS = 2;
/** A class joins the shared file only when small: a big base class is what its own file is about. */
const SHARED_CLASS_MAX_LINES = 60;
/** Endings (or beginnings) of a class that serves others rather than being a topic: a base queryset, an abstract model. */
const HELPER_CLASS_ENDINGS = ['queryset', 'manager', 'mixin', 'model', 'base', 'meta', 'helper'];

/** `SyncableQuerySet`, `TimestampedModel`, `BaseThing`: a class that serves others (by its name). */
export function isHelperLikeClass(name: string): boolean {
  const tokens = splitNameTokens(name);
  const lower = tokens.join('');
  const first = tokens[0];
  return (
    tokens.length > 1 &&
    (HELPER_CLASS_ENDINGS.some((ending) => lower.endsWith(ending) && lower !== ending) ||
      first === 'base' ||
      first === 'abstract')
  );
}

/**
 * Move helpers after clustering.
 *
 * @example
 * // _record_sync_failure used by GitHub, Jira and Slack models, about none of them -> common.py
 * // MAX_SYNC_BACKOFF used only by _backoff_delay, which sits in github.py -> github.py
 */
export function placeSharedHelpers(
  model: GroupingModel,
  affinity: ReadonlyMap<number, AffinityEdge>,
  input: readonly (readonly number[])[],
  options: PlaceHelpersOptions,
): PlacedHelpers {
  const notes = new Map<number, string>();
  const successors = collectImportSuccessors(model, options.callTimeImports);
  const users = model.items.map(() => new Set<number>());
  successors.forEach((list, from) => {
    for (const to of list) users[to]?.add(from);
  });
  const clusters = input.map((c) => [...c]);
  const clusterOf = new Map<number, number>();
  clusters.forEach((cluster, c) => {
    for (const id of cluster) clusterOf.set(id, c);
  });
  const entityOf = collectEntities(model.items, model.itemOfName);
  const tokensOf = model.items.map((item) => new Set(item.names.flatMap((n) => collectTopicTokens(n))));

  /** The file graph; `without` leaves out the edges of one item (what its files import for other reasons). */
  const buildGraph = (without = -1): Set<number>[] => {
    const graph = clusters.map(() => new Set<number>());
    successors.forEach((list, from) => {
      if (from === without) return;
      for (const to of list) {
        if (to === without) continue;
        const a = clusterOf.get(from);
        const b = clusterOf.get(to);
        if (a !== undefined && b !== undefined && a !== b) graph[a]?.add(b);
      }
    });
    return graph;
  };
  const affinityTo = (id: number, cluster: number): number => {
    let sum = 0;
    for (const other of model.items) {
      if (other.id !== id && clusterOf.get(other.id) === cluster) {
        sum += affinity.get(pairKey(id, other.id))?.weight ?? 0;
      }
    }
    return sum;
  };
  const sizeOf = (c: number): number => {
    let count = 0;
    for (const cl of clusterOf.values()) if (cl === c) count++;
    return count;
  };
  const userClustersOf = (id: number): Set<number> => {
    const out = new Set<number>();
    for (const user of users[id] ?? []) {
      const c = clusterOf.get(user);
      if (c !== undefined) out.add(c);
    }
    return out;
  };
  /** Whether the item shares a topic token with an entity of cluster `c` other than itself and its companions. */
  const relatedTo = (id: number, c: number): boolean => {
    const own = tokensOf[id] as Set<string>;
    if (own.size === 0) return false;
    const self = entityOf.get(id) ?? id;
    for (const [other, entity] of entityOf) {
      if (entity === self || other === id || clusterOf.get(other) !== c) continue;
      for (const token of tokensOf[other] ?? []) if (own.has(token)) return true;
    }
    return false;
  };
  const movable = (id: number): boolean => {
    const item = model.items[id];
    return !!item && !item.dunder && !options.forced.has(id) && clusterOf.has(id);
  };
  /** Move one item if the file graph stays acyclic (and, with a fixed count, no file empties). */
  const tryMove = (id: number, to: number, note: string): boolean => {
    const from = clusterOf.get(id);
    if (from === undefined || from === to) return false;
    if (options.keepEveryFile && sizeOf(from) <= 1) return false;
    clusterOf.set(id, to);
    if (hasCycle(buildGraph())) {
      clusterOf.set(id, from);
      return false;
    }
    notes.set(id, note);
    return true;
  };

  // 1. A shared file, when helpers about none of their users' topics are used from 3+ files.
  let shared: number | undefined;
  if (!options.fixedCount) {
    const unrelatedEverywhere = (id: number, userClusters: ReadonlySet<number>): boolean => {
      const current = clusterOf.get(id) as number;
      return [...userClusters, current].every((c) => !relatedTo(id, c));
    };
    const isHelper = (id: number): boolean => {
      const item = model.items[id];
      if (!item || !movable(id)) return false;
      // A class moves only when it serves others (a base queryset, an abstract model) and is small.
      return (
        item.kind !== 'class' ||
        (isHelperLikeClass(item.names[0] ?? '') &&
          item.lines <= SHARED_CLASS_MAX_LINES &&
          !relatedTo(id, clusterOf.get(id) as number))
      );
    };
    const wide = model.items.filter((item) => {
      const userClusters = userClustersOf(item.id);
      return (
        isHelper(item.id) &&
        userClusters.size >= SHARED_FILE_MIN_USERS &&
        unrelatedEverywhere(item.id, userClusters)
      );
    });
    if (wide.length >= SHARED_FILE_MIN_HELPERS) {
      shared = clusters.length;
      clusters.push([]);
      const narrow = model.items.filter((item) => {
        const userClusters = userClustersOf(item.id);
        return (
          isHelper(item.id) &&
          userClusters.size === 2 &&
          !wide.includes(item) &&
          unrelatedEverywhere(item.id, userClusters)
        );
      });
      for (const item of [...wide, ...narrow]) {
        moveWithDependencies(item.id, shared);
      }
    }
  }

  /** Move an item and every helper it imports into the shared file (which imports nothing), or nothing. */
  function moveWithDependencies(id: number, into: number): void {
    const closure: number[] = [];
    const stack = [id];
    const seen = new Set<number>();
    while (stack.length > 0) {
      const next = stack.pop() as number;
      if (seen.has(next) || clusterOf.get(next) === into) continue;
      seen.add(next);
      const item = model.items[next];
      // A dependency that is what its file is about (a model), or that cannot move alone, keeps the helper out.
      if (!item || !movable(next)) return;
      if (
        next !== id &&
        item.kind === 'class' &&
        (!isHelperLikeClass(item.names[0] ?? '') ||
          item.lines > SHARED_CLASS_MAX_LINES ||
          relatedTo(next, clusterOf.get(next) as number))
      )
        return;
      closure.push(next);
      stack.push(...(successors[next] ?? []));
    }
    const before = closure.map((x) => [x, clusterOf.get(x) as number] as const);
    for (const x of closure) clusterOf.set(x, into);
    if (hasCycle(buildGraph())) {
      for (const [x, c] of before) clusterOf.set(x, c);
      return;
    }
    for (const x of closure) {
      const others = [...userClustersOf(x)].filter((c) => c !== into).length;
      notes.set(
        x,
        x === id
          ? `used from ${others} files and about none of their topics: shared file`
          : 'needed by helpers in the shared file',
      );
    }
  }

  // 2. Helpers follow their users, until nothing moves.
  const reachFrom = (graph: Set<number>[], start: number): Set<number> => {
    const seen = new Set<number>([start]);
    const stack = [start];
    while (stack.length > 0) {
      for (const next of graph[stack.pop() as number] ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    return seen;
  };
  for (let round = 0; round < model.items.length; round++) {
    let changed = false;
    for (const item of model.items) {
      if (item.kind === 'class' || !movable(item.id)) continue;
      const current = clusterOf.get(item.id) as number;
      if (current === shared) continue;
      const userClusters = userClustersOf(item.id);
      if (userClusters.size === 1) {
        // Used by one file only, and not where it sits: it follows its users.
        const [target] = [...userClusters] as [number];
        if (target !== current && target !== shared) {
          changed = tryMove(item.id, target, 'follows its users: one file uses it') || changed;
        }
        continue;
      }
      if (userClusters.size < 2) continue;
      const graph = buildGraph(item.id);
      let common: number[] | null = null;
      for (const c of userClusters) {
        const reach = reachFrom(graph, c);
        common = common ? common.filter((x) => reach.has(x)) : [...reach];
      }
      if (!common) continue;
      // The nearest common files: those no other common file imports.
      const commonFiles = common;
      const maximal = commonFiles.filter(
        (x) => !commonFiles.some((y) => y !== x && reachFrom(graph, y).has(x)),
      );
      const best = maximal
        .map((c) => ({ c, score: affinityTo(item.id, c) }))
        .sort((a, b) => b.score - a.score || a.c - b.c)[0];
      if (!best || best.c === current) continue;
      changed =
        tryMove(
          item.id,
          best.c,
          `used from ${userClusters.size} files; placed in the nearest file they all import`,
        ) || changed;
    }
    if (!changed) break;
  }

  // Re-order: moving can change the topological order; drop clusters emptied by moves.
  const byCluster = clusters.map(() => [] as number[]);
  for (const item of model.items) {
    const c = clusterOf.get(item.id);
    if (c !== undefined) byCluster[c]?.push(item.id);
  }
  const kept = byCluster.map((list, c) => ({ list, c })).filter(({ list }) => list.length > 0);
  const members = new Map(kept.map(({ list }) => [list[0] as number, list]));
  const rootOf = new Map<number, number>();
  for (const { list } of kept) for (const id of list) rootOf.set(id, list[0] as number);
  const succ = new Map<number, Set<number>>([...members.keys()].map((r) => [r, new Set<number>()]));
  successors.forEach((list, from) => {
    for (const to of list) {
      const a = rootOf.get(from);
      const b = rootOf.get(to);
      if (a !== undefined && b !== undefined && a !== b) succ.get(a)?.add(b);
    }
  });
  const ordered = orderClusters(members, succ).map((r) => members.get(r) as number[]);
  const sharedRoot = shared === undefined ? undefined : byCluster[shared]?.[0];
  const sharedIndex = sharedRoot === undefined ? -1 : ordered.findIndex((list) => list[0] === sharedRoot);
  return { clusters: ordered, ...(sharedIndex >= 0 ? { sharedCluster: sharedIndex } : {}), notes };
}

/** The file graph of `count` clusters: cluster a -> b when an item of a imports one of b (`clusterOf`: item -> cluster). */
export function buildClusterGraph(
  clusterOf: ReadonlyMap<number, number>,
  count: number,
  successors: readonly (readonly number[])[],
): Set<number>[] {
  const graph = Array.from({ length: count }, () => new Set<number>());
  successors.forEach((list, from) => {
    for (const to of list) {
      const a = clusterOf.get(from);
      const b = clusterOf.get(to);
      if (a !== undefined && b !== undefined && a !== b) graph[a]?.add(b);
    }
  });
  return graph;
}

export function hasCycle(graph: readonly Set<number>[]): boolean {
  const state = new Array<number>(graph.length).fill(0);
  const visit = (node: number): boolean => {
    state[node] = 1;
    for (const next of graph[node] ?? []) {
      if (state[next] === 1) return true;
      if (state[next] === 0 && visit(next)) return true;
    }
    state[node] = 2;
    return false;
  };
  return graph.some((_, node) => state[node] === 0 && visit(node));
}
