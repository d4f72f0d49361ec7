// Partition items into files whose import graph is acyclic: first the groups that must share a file (import
// cycles, `global` rebinding), then greedy agglomeration by affinity with a size penalty, never closing a cycle.

import type { AffinityEdge } from './collect-affinity.js';
import type { GroupingModel } from './collect-items.js';

export interface Clustering {
  /** Clusters as item ids (ascending), ordered so that a cluster only imports from earlier ones. */
  readonly clusters: readonly (readonly number[])[];
  /** Sets of items forced together by an import cycle or `global` rebinding (only sets of 2+). */
  readonly mustShare: readonly (readonly number[])[];
}

export interface ClusterOptions {
  /**
   * Wanted number of clusters; fewer when the forced groups leave fewer. Without it, the natural number: merging
   * stops once no merge gains (the best remaining affinity no longer outweighs the size penalty), kept within
   * `minCount`..`maxCount`.
   */
  readonly count?: number;
  /** Natural mode: keep merging down to at least this many clusters... */
  readonly minCount?: number;
  /** ...and at most this many remain, even when merges no longer gain (size as a soft bound). */
  readonly maxCount?: number;
  /** Strength of the size-balance penalty. */
  readonly balance: number;
  /** Strength of the affinity null model (modularity's degree term): a hub pulls less than its total ties say. */
  readonly resolution?: number;
  /** Item ids to leave out (module dunders kept for `__init__.py`). */
  readonly exclude?: ReadonlySet<number>;
  /** Whether call-time dependencies close cycles (they do: every cross-file dependency is a module-level import). */
  readonly callTimeImports?: boolean;
  /** Start from these clusters (each kept whole) instead of single items, to merge further. */
  readonly initial?: readonly (readonly number[])[];
}

class DisjointSets {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }
  find(x: number): number {
    let root = x;
    while (this.parent[root] !== root) root = this.parent[root] as number;
    while (this.parent[x] !== root) {
      const next = this.parent[x] as number;
      this.parent[x] = root;
      x = next;
    }
    return root;
  }
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    // The smaller id stays root, so results do not depend on union order.
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
    return true;
  }
}

/** Strongly connected components (Tarjan, iterative), each ascending, in order of their smallest node. */
export function findStronglyConnected(
  nodeCount: number,
  successors: readonly (readonly number[])[],
): number[][] {
  const index = new Array<number>(nodeCount).fill(-1);
  const low = new Array<number>(nodeCount).fill(0);
  const onStack = new Array<boolean>(nodeCount).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  for (let start = 0; start < nodeCount; start++) {
    if (index[start] !== -1) continue;
    const work: [number, number][] = [[start, 0]];
    index[start] = low[start] = counter++;
    stack.push(start);
    onStack[start] = true;
    while (work.length > 0) {
      const frame = work[work.length - 1] as [number, number];
      const [node, next] = frame;
      const succ = successors[node] ?? [];
      if (next < succ.length) {
        frame[1]++;
        const target = succ[next] as number;
        if (index[target] === -1) {
          index[target] = low[target] = counter++;
          stack.push(target);
          onStack[target] = true;
          work.push([target, 0]);
        } else if (onStack[target]) {
          low[node] = Math.min(low[node] as number, index[target] as number);
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]] as number, low[node] as number);
      if (low[node] === index[node]) {
        const component: number[] = [];
        for (;;) {
          const member = stack.pop() as number;
          onStack[member] = false;
          component.push(member);
          if (member === node) break;
        }
        components.push(component.sort((a, b) => a - b));
      }
    }
  }
  return components.sort((a, b) => (a[0] as number) - (b[0] as number));
}

/** Item-level successor lists for the dependencies that become module-level imports. */
export function collectImportSuccessors(model: GroupingModel, callTimeImports = true): number[][] {
  const successors = model.items.map(() => new Set<number>());
  for (const edge of model.edges) {
    if (edge.when === 'string-ref') continue;
    if (!callTimeImports && edge.when === 'call-time') continue;
    successors[edge.from]?.add(edge.to);
  }
  return successors.map((set) => [...set].sort((a, b) => a - b));
}

/**
 * Cluster items: forced groups first, then the merge with the best gain
 * `affinity(A,B)/W - balance * lines(A) * lines(B) / S²` that keeps the cluster graph acyclic, until `count` remain.
 */
export function clusterItems(
  model: GroupingModel,
  affinity: ReadonlyMap<number, AffinityEdge>,
  options: ClusterOptions,
): Clustering {
  const n = model.items.length;
  const exclude = options.exclude ?? new Set<number>();
  const itemSuccessors = collectImportSuccessors(model, options.callTimeImports ?? true);
  const sets = new DisjointSets(n);

  // Forced groups: SCCs, `global` shares, and again SCCs of the quotient until stable.
  for (const component of findStronglyConnected(n, itemSuccessors)) {
    for (const member of component) sets.union(component[0] as number, member);
  }
  for (const share of model.namespaceShares) {
    for (const member of share.items) sets.union(share.items[0] as number, member);
  }
  for (const group of options.initial ?? []) {
    for (const member of group) sets.union(group[0] as number, member);
  }
  for (;;) {
    const quotient = model.items.map(() => new Set<number>());
    itemSuccessors.forEach((succ, from) => {
      for (const to of succ) {
        const a = sets.find(from);
        const b = sets.find(to);
        if (a !== b) quotient[a]?.add(b);
      }
    });
    const components = findStronglyConnected(
      n,
      quotient.map((set) => [...set]),
    ).filter((c) => c.length > 1);
    if (components.length === 0) break;
    for (const component of components) {
      for (const member of component) sets.union(component[0] as number, member);
    }
  }
  const forced = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (exclude.has(i)) continue;
    const root = sets.find(i);
    const list = forced.get(root) ?? [];
    forced.set(root, list);
    list.push(i);
  }
  const mustShare = [...forced.values()].filter((list) => list.length > 1).map((list) => [...list]);

  // Cluster state, keyed by root item id.
  const members = new Map<number, number[]>();
  const size = new Map<number, number>();
  for (const [root, list] of forced) {
    members.set(root, list);
    size.set(
      root,
      list.reduce((sum, id) => sum + (model.items[id]?.lines ?? 0), 0),
    );
  }
  const clusterOf = new Array<number>(n).fill(-1);
  for (const [root, list] of members) for (const id of list) clusterOf[id] = root;
  const succ = new Map<number, Set<number>>();
  const pred = new Map<number, Set<number>>();
  for (const root of members.keys()) {
    succ.set(root, new Set());
    pred.set(root, new Set());
  }
  itemSuccessors.forEach((list, from) => {
    for (const to of list) {
      const a = clusterOf[from] as number;
      const b = clusterOf[to] as number;
      if (a < 0 || b < 0 || a === b) continue;
      succ.get(a)?.add(b);
      pred.get(b)?.add(a);
    }
  });
  const links = new Map<number, Map<number, number>>();
  for (const root of members.keys()) links.set(root, new Map());
  let totalWeight = 0;
  const degree = new Map<number, number>();
  for (const edge of affinity.values()) {
    const a = clusterOf[edge.a] as number;
    const b = clusterOf[edge.b] as number;
    if (a < 0 || b < 0) continue;
    totalWeight += edge.weight;
    degree.set(a, (degree.get(a) ?? 0) + edge.weight);
    degree.set(b, (degree.get(b) ?? 0) + edge.weight);
    if (a === b) continue;
    const la = links.get(a) as Map<number, number>;
    const lb = links.get(b) as Map<number, number>;
    la.set(b, (la.get(b) ?? 0) + edge.weight);
    lb.set(a, (lb.get(a) ?? 0) + edge.weight);
  }
  const totalLines = [...size.values()].reduce((x, y) => x + y, 0) || 1;
  const weightScale = totalWeight || 1;

  const reaches = (from: number, target: number, skip: number): boolean => {
    const seen = new Set<number>([from]);
    const stack = [...(succ.get(from) ?? [])].filter((x) => x !== skip);
    while (stack.length > 0) {
      const node = stack.pop() as number;
      if (node === target) return true;
      if (seen.has(node)) continue;
      seen.add(node);
      for (const next of succ.get(node) ?? []) if (!seen.has(next)) stack.push(next);
    }
    return false;
  };
  const closesCycle = (a: number, b: number): boolean => reaches(a, b, b) || reaches(b, a, a);

  const merge = (a: number, b: number): void => {
    const keep = Math.min(a, b);
    const drop = Math.max(a, b);
    (members.get(keep) as number[]).push(...(members.get(drop) as number[]));
    (members.get(keep) as number[]).sort((x, y) => x - y);
    members.delete(drop);
    size.set(keep, (size.get(keep) ?? 0) + (size.get(drop) ?? 0));
    size.delete(drop);
    degree.set(keep, (degree.get(keep) ?? 0) + (degree.get(drop) ?? 0));
    degree.delete(drop);
    for (const [map, other] of [
      [succ, pred],
      [pred, succ],
    ] as const) {
      const dropped = map.get(drop) as Set<number>;
      const kept = map.get(keep) as Set<number>;
      for (const x of dropped) {
        other.get(x)?.delete(drop);
        if (x !== keep) {
          kept.add(x);
          other.get(x)?.add(keep);
        }
      }
      kept.delete(drop);
      kept.delete(keep);
      map.delete(drop);
    }
    const droppedLinks = links.get(drop) as Map<number, number>;
    const keptLinks = links.get(keep) as Map<number, number>;
    for (const [x, w] of droppedLinks) {
      const lx = links.get(x) as Map<number, number>;
      lx.delete(drop);
      if (x === keep) continue;
      keptLinks.set(x, (keptLinks.get(x) ?? 0) + w);
      lx.set(keep, (lx.get(keep) ?? 0) + w);
    }
    keptLinks.delete(drop);
    links.delete(drop);
  };

  // Modularity-style gain with lines as the null model: affinity pulls, the product of sizes pushes apart, which
  // keeps files balanced without a hard cap.
  const resolution = options.resolution ?? 0;
  const gain = (a: number, b: number, w: number): number =>
    w / weightScale -
    (resolution * (degree.get(a) ?? 0) * (degree.get(b) ?? 0)) / (2 * weightScale * weightScale) -
    (options.balance * (size.get(a) ?? 0) * (size.get(b) ?? 0)) / (totalLines * totalLines);

  const natural = options.count === undefined;
  const floor = Math.max(1, options.count ?? options.minCount ?? 1);
  const ceiling = natural ? Math.max(floor, options.maxCount ?? Number.POSITIVE_INFINITY) : floor;
  while (members.size > floor) {
    const candidates: [number, number, number][] = [];
    for (const [a, la] of links) {
      for (const [b, w] of la) if (a < b) candidates.push([gain(a, b, w), a, b]);
    }
    candidates.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
    let merged = false;
    for (const [g, a, b] of candidates) {
      if (!closesCycle(a, b)) {
        // Natural number of clusters: stop when the best merge no longer gains, unless too many remain.
        if (g <= 0 && members.size <= ceiling) break;
        merge(a, b);
        merged = true;
        break;
      }
    }
    if (merged) continue;
    if (members.size <= ceiling) break;
    // No linked pair can merge: merge the two smallest clusters that are consecutive in a topological order
    // (always safe: no path between them passes through a third cluster).
    const order = orderClusters(members, succ);
    let best: [number, number] | null = null;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < order.length; i++) {
      const a = order[i] as number;
      const b = order[i + 1] as number;
      const cost = (size.get(a) ?? 0) + (size.get(b) ?? 0);
      if (cost < bestCost && !closesCycle(a, b)) {
        bestCost = cost;
        best = [a, b];
      }
    }
    if (!best) break;
    merge(best[0], best[1]);
  }

  const order = orderClusters(members, succ);
  return { clusters: order.map((root) => members.get(root) as number[]), mustShare };
}

/** Topological order (dependencies first), ties broken by the cluster's first item in source order. */
export function orderClusters(
  members: ReadonlyMap<number, readonly number[]>,
  succ: ReadonlyMap<number, ReadonlySet<number>>,
): number[] {
  const remaining = new Map<number, number>();
  for (const root of members.keys()) remaining.set(root, succ.get(root)?.size ?? 0);
  const users = new Map<number, number[]>();
  for (const [root, targets] of succ) {
    for (const t of targets) {
      const list = users.get(t) ?? [];
      users.set(t, list);
      list.push(root);
    }
  }
  const first = (root: number): number => members.get(root)?.[0] ?? root;
  const ready = [...remaining].filter(([, count]) => count === 0).map(([root]) => root);
  const order: number[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => first(a) - first(b));
    const root = ready.shift() as number;
    order.push(root);
    for (const user of users.get(root) ?? []) {
      const left = (remaining.get(user) ?? 0) - 1;
      remaining.set(user, left);
      if (left === 0) ready.push(user);
    }
  }
  if (order.length !== members.size) throw new Error('cluster graph has a cycle: this is a bug');
  return order;
}
