// Graph algorithms checked against brute force on random graphs.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collectComponents,
  findCycleThrough,
  orderTopologically,
  reaches,
} from '../../../src/plan/file-graph.js';

const graphs = fc
  .integer({ min: 1, max: 9 })
  .chain((n) =>
    fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n * 3 })),
  )
  .map(([n, edges]) => {
    const graph = new Map<number, Set<number>>();
    for (let i = 0; i < n; i++) graph.set(i, new Set());
    for (const [a, b] of edges) graph.get(a)?.add(b);
    return { nodes: [...graph.keys()], graph };
  });

/** Reachability by repeated relaxation (Floyd-Warshall style): the slow, obviously right answer. */
function closure(nodes: number[], graph: Map<number, Set<number>>): boolean[][] {
  const r = nodes.map((a) => nodes.map((b) => a === b || (graph.get(a)?.has(b) ?? false)));
  for (const k of nodes)
    for (const i of nodes) for (const j of nodes) if (r[i]?.[k] && r[k]?.[j]) (r[i] as boolean[])[j] = true;
  return r;
}

describe('file graph algorithms', () => {
  it('reaches agrees with the transitive closure', () => {
    fc.assert(
      fc.property(graphs, ({ nodes, graph }) => {
        const r = closure(nodes, graph);
        for (const a of nodes) for (const b of nodes) expect(reaches(graph, a, b)).toBe(r[a]?.[b]);
      }),
    );
  });

  it('components are exactly the mutually reachable sets, dependencies first', () => {
    fc.assert(
      fc.property(graphs, ({ nodes, graph }) => {
        const r = closure(nodes, graph);
        const components = collectComponents(nodes, graph);
        expect(components.flat().sort()).toEqual([...nodes].sort());
        const index = new Map(components.flatMap((c, i) => c.map((n) => [n, i] as const)));
        for (const a of nodes) {
          for (const b of nodes) {
            expect(index.get(a) === index.get(b)).toBe(Boolean(r[a]?.[b] && r[b]?.[a]));
            // An edge never points to a later component.
            if (graph.get(a)?.has(b))
              expect(index.get(b) as number).toBeLessThanOrEqual(index.get(a) as number);
          }
        }
      }),
    );
  });

  it('orders dependencies first (ties by rank) or reports a cycle; a found cycle is a real one', () => {
    fc.assert(
      fc.property(graphs, ({ nodes, graph }) => {
        const order = orderTopologically(nodes, graph, (n) => -n);
        // Self-loops are ignored (a file never imports itself).
        const cyclic = nodes.some((a) =>
          [...(graph.get(a) ?? [])].some((b) => b !== a && reaches(graph, b, a)),
        );
        expect(order === null).toBe(cyclic);
        if (order) {
          const at = new Map(order.map((n, i) => [n, i]));
          for (const a of nodes)
            for (const b of graph.get(a) ?? [])
              if (a !== b) expect(at.get(b) as number).toBeLessThan(at.get(a) as number);
        }
        for (const start of nodes) {
          const cycle = findCycleThrough(graph, start);
          const onCycle = [...(graph.get(start) ?? [])].some((b) => reaches(graph, b, start));
          expect(cycle !== null).toBe(onCycle);
          if (cycle) {
            expect(cycle[0]).toBe(start);
            expect(cycle[cycle.length - 1]).toBe(start);
            for (let i = 0; i + 1 < cycle.length; i++)
              expect(graph.get(cycle[i] as number)?.has(cycle[i + 1] as number)).toBe(true);
          }
        }
      }),
    );
  });

  it('breaks ties by rank: independent nodes come out lowest rank first', () => {
    const graph = new Map([
      ['a', new Set<string>()],
      ['b', new Set(['c'])],
      ['c', new Set<string>()],
    ]);
    const rank = { a: 5, b: 1, c: 9 } as Record<string, number>;
    expect(orderTopologically(['a', 'b', 'c'], graph, (n) => rank[n] ?? 0)).toEqual(['a', 'c', 'b']);
  });
});
