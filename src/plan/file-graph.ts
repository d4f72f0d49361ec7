// Small directed-graph algorithms for planning: reachability, strongly connected components, one cycle as a
// path, topological order with a tie-breaking rank. Graphs here have tens to a few thousand nodes.

/** node → nodes it points to (for files: the files it imports from). */
export type Graph<T> = ReadonlyMap<T, ReadonlySet<T>>;

/** Whether `to` is reachable from `from` (a node reaches itself). */
export function reaches<T>(graph: Graph<T>, from: T, to: T): boolean {
  if (from === to) return true;
  const seen = new Set<T>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const node = stack.pop() as T;
    for (const next of graph.get(node) ?? []) {
      if (next === to) return true;
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}

/**
 * Strongly connected components (Tarjan, iterative), each listed in `nodes` order, components in reverse
 * topological order (a component comes before the components that point to it).
 */
export function collectComponents<T>(nodes: readonly T[], graph: Graph<T>): T[][] {
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const onStack = new Set<T>();
  const stack: T[] = [];
  const out: T[][] = [];
  const position = new Map(nodes.map((n, i) => [n, i]));
  let counter = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: T; edges: T[]; i: number }[] = [];
    const open = (node: T) => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, edges: [...(graph.get(node) ?? [])], i: 0 });
    };
    open(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: T; edges: T[]; i: number };
      if (frame.i < frame.edges.length) {
        const next = frame.edges[frame.i++] as T;
        if (!index.has(next)) open(next);
        else if (onStack.has(next))
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(next) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent)
        low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: T[] = [];
        for (;;) {
          const member = stack.pop() as T;
          onStack.delete(member);
          component.push(member);
          if (member === frame.node) break;
        }
        component.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
        out.push(component);
      }
    }
  }
  return out;
}

/**
 * One cycle through `start` as a path `[start, ..., start]` (shortest by BFS), or null when there is none.
 */
export function findCycleThrough<T>(graph: Graph<T>, start: T): T[] | null {
  const parent = new Map<T, T>();
  const queue: T[] = [start];
  const seen = new Set<T>();
  while (queue.length > 0) {
    const node = queue.shift() as T;
    for (const next of graph.get(node) ?? []) {
      if (next === start) {
        const path = [start];
        for (let n: T | undefined = node; n !== undefined && n !== start; n = parent.get(n))
          path.splice(1, 0, n);
        path.push(start);
        return path;
      }
      if (!seen.has(next)) {
        seen.add(next);
        parent.set(next, node);
        queue.push(next);
      }
    }
  }
  return null;
}

/**
 * Nodes ordered so that every node comes after the nodes it points to (dependencies first); among nodes that are
 * ready at the same time, the lowest `rank` goes first. Null when the graph has a cycle.
 */
export function orderTopologically<T>(
  nodes: readonly T[],
  graph: Graph<T>,
  rank: (node: T) => number,
): T[] | null {
  const pending = new Map<T, number>();
  const dependents = new Map<T, T[]>();
  for (const node of nodes) pending.set(node, 0);
  for (const node of nodes) {
    for (const dep of graph.get(node) ?? []) {
      if (!pending.has(dep) || dep === node) continue;
      pending.set(node, (pending.get(node) as number) + 1);
      const list = dependents.get(dep) ?? [];
      list.push(node);
      dependents.set(dep, list);
    }
  }
  const ready = nodes.filter((n) => pending.get(n) === 0);
  const out: T[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => rank(a) - rank(b));
    const node = ready.shift() as T;
    out.push(node);
    for (const dependent of dependents.get(node) ?? []) {
      const left = (pending.get(dependent) as number) - 1;
      pending.set(dependent, left);
      if (left === 0) ready.push(dependent);
    }
  }
  return out.length === nodes.length ? out : null;
}
