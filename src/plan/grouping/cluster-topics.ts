// What each cluster is about: its entities (classes, a model's QuerySet/Manager counted with the model), the dominant
// one, and its topic tokens ranked by how much of the cluster they cover and how specific to it they are. Read-only.

import { findCompanionOwnerName } from './collect-affinity.js';
import type { GroupingItem } from './collect-items.js';
import { collectTopicTokens } from './name-tokens.js';

/** A topic token of a cluster. */
export interface ClusterToken {
  /** Singular, lowercase (`credential`, `github`). */
  readonly token: string;
  readonly score: number;
  /** The last topic token of the cluster's dominant entity (a head noun: `IntegrationCredential` -> credential). */
  readonly head: boolean;
}

export interface ClusterTopic {
  /** Item id of the largest entity (its companions' lines included); undefined when the cluster has no entity. */
  readonly dominant?: number;
  /** Best first. */
  readonly tokens: readonly ClusterToken[];
  /** token -> entity weight in this cluster. */
  readonly weightOf: ReadonlyMap<string, number>;
  /** Total entity weight of the cluster. */
  readonly weight: number;
}

/**
 * Entities of a module: what a maintainer names files after. Classes that are not companions (`FooQuerySet` with
 * `Foo` defined) are entities; in a module without classes, functions are. Returns item id -> the entity it counts
 * for (a companion counts for its owner; constants and helpers count for nothing).
 */
export function collectEntities(
  items: readonly GroupingItem[],
  itemOfName: ReadonlyMap<string, number>,
): Map<number, number> {
  const entityOf = new Map<number, number>();
  const hasClasses = items.some((item) => item.kind === 'class' && !item.dunder);
  for (const item of items) {
    if (item.dunder) continue;
    if (hasClasses ? item.kind !== 'class' : item.kind !== 'function') continue;
    const ownerName = item.names.map(findCompanionOwnerName).find((n) => n !== null && itemOfName.has(n));
    const owner = ownerName ? itemOfName.get(ownerName) : undefined;
    entityOf.set(item.id, owner !== undefined && owner !== item.id ? owner : item.id);
  }
  return entityOf;
}

/** Topic tokens of a name, leading `_` ignored (`_normalize_slug` -> normalize, slug). */
function tokensOfItem(item: GroupingItem): string[] {
  return collectTopicTokens(item.names[0] ?? '');
}

/**
 * Topics of each cluster (same order).
 *
 * @example
 * // [[GitHubIntegration, TrackedRepository], [IntegrationCredentialQuerySet, IntegrationCredential]]
 * // -> cluster 0: github first (dominant entity, and specific to it); cluster 1: credential (head noun)
 */
export function collectClusterTopics(
  clusters: readonly (readonly number[])[],
  items: readonly GroupingItem[],
  itemOfName: ReadonlyMap<string, number>,
): ClusterTopic[] {
  const entityOf = collectEntities(items, itemOfName);
  const clusterOf = new Map<number, number>();
  clusters.forEach((cluster, c) => {
    for (const id of cluster) clusterOf.set(id, c);
  });
  // Entity lines per cluster: an entity's companions add to it only when they share its cluster.
  const entityLines = clusters.map(() => new Map<number, number>());
  for (const [id, entity] of entityOf) {
    const c = clusterOf.get(id);
    if (c === undefined) continue;
    const lines = items[id]?.lines ?? 0;
    const target = clusterOf.get(entity) === c ? entity : id;
    const map = entityLines[c] as Map<number, number>;
    map.set(target, (map.get(target) ?? 0) + lines);
  }
  // Token weights: each entity weighs the square root of its lines, so one big model does not drown the others.
  const totalOf = new Map<string, number>();
  const perCluster = entityLines.map((entities) => {
    const weightOf = new Map<string, number>();
    let weight = 0;
    for (const [id, lines] of entities) {
      const w = Math.sqrt(Math.max(1, lines));
      weight += w;
      for (const token of tokensOfItem(items[id] as GroupingItem)) {
        weightOf.set(token, (weightOf.get(token) ?? 0) + w);
        totalOf.set(token, (totalOf.get(token) ?? 0) + w);
      }
    }
    return { weightOf, weight };
  });
  return entityLines.map((entities, c) => {
    const { weightOf, weight } = perCluster[c] as { weightOf: Map<string, number>; weight: number };
    let dominant: number | undefined;
    for (const [id, lines] of entities) {
      if (dominant === undefined || lines > (entities.get(dominant) ?? 0)) dominant = id;
    }
    const dominantTokens = dominant === undefined ? [] : tokensOfItem(items[dominant] as GroupingItem);
    const headToken = dominantTokens[dominantTokens.length - 1];
    const tokens: ClusterToken[] = [...weightOf].map(([token, here]) => {
      // Coverage of the cluster times specificity to it; the dominant entity's tokens count double.
      const coverage = here / (weight || 1);
      const specific = here / (totalOf.get(token) ?? here);
      const bonus = dominantTokens.includes(token) ? 2 : 1;
      return { token, score: coverage * specific * bonus, head: token === headToken };
    });
    // Ties: the head noun (`GitHubAppInstallation` -> installation), then alphabetical for determinism.
    tokens.sort(
      (a, b) =>
        b.score - a.score ||
        Number(b.head) - Number(a.head) ||
        (a.token < b.token ? -1 : a.token > b.token ? 1 : 0),
    );
    return { ...(dominant === undefined ? {} : { dominant }), tokens, weightOf, weight };
  });
}

/**
 * Pairs of clusters about one topic, as `[from, into]`: almost all of `from`'s entities carry a token that the
 * dominant entity of `into` carries, and the two hold most of that token's weight in the module (so `GitHubApp*`
 * joins `GitHubIntegration`, but power panels do not join power ports when power templates exist elsewhere). A
 * token on more than half the module's entities is the module's own topic and joins nothing.
 */
export function findSameTopicPairs(
  topics: readonly ClusterTopic[],
  items: readonly GroupingItem[],
): [number, number][] {
  const totalOf = new Map<string, number>();
  for (const topic of topics) {
    for (const [token, w] of topic.weightOf) totalOf.set(token, (totalOf.get(token) ?? 0) + w);
  }
  const moduleWeight = topics.reduce((sum, topic) => sum + topic.weight, 0);
  const pairs: [number, number][] = [];
  topics.forEach((from, a) => {
    if (from.weight === 0) return;
    topics.forEach((into, b) => {
      if (a === b || into.dominant === undefined) return;
      const intoTokens = tokensOfItem(items[into.dominant] as GroupingItem);
      const shared = intoTokens.find((token) => {
        const inFrom = from.weightOf.get(token) ?? 0;
        const inInto = into.weightOf.get(token) ?? 0;
        const total = totalOf.get(token) ?? Number.POSITIVE_INFINITY;
        // A token on most of the module's entities is the module's own topic (`admin` in admin/options.py).
        return (
          inFrom >= (2 / 3) * from.weight && inFrom + inInto >= 0.8 * total && total <= 0.5 * moduleWeight
        );
      });
      // Only the smaller cluster joins the larger (by entity weight), so a pair is found once.
      if (shared !== undefined && (from.weight < into.weight || (from.weight === into.weight && a > b))) {
        pairs.push([a, b]);
      }
    });
  });
  return pairs;
}
