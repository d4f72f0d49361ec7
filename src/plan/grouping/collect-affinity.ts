// How strongly each pair of items belongs together: dependency kinds (a model and its QuerySet/Manager, bases,
// foreign keys, calls), shared topic tokens and source adjacency. Symmetric weights; no placement decisions here.

import type { GroupingModel } from './collect-items.js';
import { collectTopicTokens } from './name-tokens.js';

/** Why two items attract each other; the strongest reason explains a placement. */
export type AffinityReason =
  | { readonly kind: 'companion'; readonly owner: number }
  | { readonly kind: 'base'; readonly base: number; readonly subclass: number }
  | { readonly kind: 'only-user'; readonly user: number; readonly used: number }
  | { readonly kind: 'uses'; readonly user: number; readonly used: number; readonly when: string }
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'adjacent' };

export interface AffinityEdge {
  readonly a: number;
  readonly b: number;
  weight: number;
  /** Strongest single contribution and its reason. */
  top: { weight: number; reason: AffinityReason };
  /** Every contribution, for explanations. */
  reasons: { weight: number; reason: AffinityReason }[];
}

/** Weights are relative; tuned against maintainer splits (scripts/grouping-score.ts). */
export interface AffinityWeights {
  readonly companion: number;
  readonly base: number;
  readonly importTime: number;
  readonly stringRef: number;
  readonly callTime: number;
  readonly annotation: number;
  readonly onlyUser: number;
  readonly token: number;
  readonly adjacent: number;
}

export const DEFAULT_AFFINITY_WEIGHTS: AffinityWeights = {
  companion: 10,
  base: 3,
  importTime: 2,
  stringRef: 2,
  callTime: 1,
  annotation: 0.5,
  onlyUser: 8,
  token: 2,
  adjacent: 4,
};

const ADJACENCY_WINDOW = 3;
const BANNER_FACTOR = 0.5;

/** Suffixes that make a class the companion of the model it is named after (`FooQuerySet` serves `Foo`). */
const COMPANION_SUFFIXES = [
  'QuerySet',
  'Manager',
  'Meta',
  'Mixin',
  'Query',
  'Admin',
  'Form',
  'Serializer',
  'Filter',
  'Choices',
  'Status',
  'Type',
  'Kind',
  'Config',
  'Options',
];

/** `FooQuerySet` -> `Foo`, `FooManager` -> `Foo`; null when the name has no companion suffix. */
export function findCompanionOwnerName(name: string): string | null {
  for (const suffix of COMPANION_SUFFIXES) {
    if (name.length > suffix.length && name.endsWith(suffix)) return name.slice(0, -suffix.length);
  }
  return null;
}

export function pairKey(a: number, b: number): number {
  return a < b ? a * 1_000_003 + b : b * 1_000_003 + a;
}

/**
 * Symmetric affinity between items.
 *
 * @example
 * // class RepoQuerySet(QuerySet): ...  /  class Repo(Model): objects = RepoQuerySet.as_manager()
 * // -> a strong `companion` edge between Repo and RepoQuerySet.
 */
export function collectAffinity(
  model: GroupingModel,
  weights: AffinityWeights = DEFAULT_AFFINITY_WEIGHTS,
): Map<number, AffinityEdge> {
  const { items, edges } = model;
  const result = new Map<number, AffinityEdge>();
  const add = (a: number, b: number, weight: number, reason: AffinityReason): void => {
    if (a === b || weight <= 0) return;
    const key = pairKey(a, b);
    const edge = result.get(key);
    if (!edge) {
      result.set(key, {
        a: Math.min(a, b),
        b: Math.max(a, b),
        weight,
        top: { weight, reason },
        reasons: [{ weight, reason }],
      });
      return;
    }
    edge.weight += weight;
    edge.reasons.push({ weight, reason });
    if (weight > edge.top.weight) edge.top = { weight, reason };
  };

  // Users of each item, ignoring string references (they never become imports).
  const users = items.map(() => new Set<number>());
  const subclasses = items.map(() => new Set<number>());
  for (const edge of edges) {
    if (edge.when !== 'string-ref') users[edge.to]?.add(edge.from);
  }
  for (const item of items) {
    for (const base of item.bases) {
      const target = model.itemOfName.get(base);
      if (target !== undefined && target !== item.id) subclasses[target]?.add(item.id);
    }
  }
  const damp = (to: number): number => 1 / Math.sqrt(Math.max(1, (users[to]?.size ?? 0) - 1));

  const companionDone = new Set<number>();
  for (const edge of edges) {
    const from = items[edge.from];
    const to = items[edge.to];
    if (!from || !to) continue;
    const owner = to.names.map(findCompanionOwnerName).find((n) => n !== null && from.names.includes(n));
    if (owner !== undefined && !companionDone.has(pairKey(from.id, to.id))) {
      companionDone.add(pairKey(from.id, to.id));
      add(from.id, to.id, weights.companion, { kind: 'companion', owner: from.id });
      continue;
    }
    const isBase = to.names.some((name) => from.bases.includes(name));
    if (isBase && edge.when === 'import-time') {
      const fanIn = Math.max(1, subclasses[to.id]?.size ?? 1);
      add(from.id, to.id, weights.base / Math.sqrt(fanIn), { kind: 'base', base: to.id, subclass: from.id });
      continue;
    }
    const kindWeight =
      edge.when === 'import-time'
        ? weights.importTime
        : edge.when === 'string-ref'
          ? weights.stringRef
          : edge.when === 'call-time'
            ? weights.callTime
            : weights.annotation;
    add(from.id, to.id, kindWeight * damp(to.id), {
      kind: 'uses',
      user: from.id,
      used: to.id,
      when: edge.when,
    });
  }
  // A helper used by exactly one item follows it.
  for (const item of items) {
    const set = users[item.id];
    if (set?.size === 1 && subclasses[item.id]?.size === 0) {
      const [user] = [...set];
      if (user !== undefined)
        add(user, item.id, weights.onlyUser, { kind: 'only-user', user, used: item.id });
    }
  }

  // Shared topic tokens, weighted by rarity (idf), ignoring tokens shared by too many items to mean a topic.
  const tokensOf = items.map((item) => new Set(item.names.flatMap(collectTopicTokens)));
  const holders = new Map<string, number[]>();
  tokensOf.forEach((tokens, id) => {
    for (const token of tokens) {
      const list = holders.get(token) ?? [];
      holders.set(token, list);
      list.push(id);
    }
  });
  const n = items.length;
  const maxHolders = Math.max(3, Math.ceil(n / 4));
  for (const [token, list] of [...holders].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    if (list.length < 2 || list.length > maxHolders) continue;
    const idf = Math.log(n / list.length) / Math.log(Math.max(3, n));
    const weight = weights.token * idf;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        add(list[i] as number, list[j] as number, weight, { kind: 'token', token });
      }
    }
  }

  // Authors keep related code together; a banner comment (`# --- Racks ---`) starts a new section.
  // Neighbours up to ADJACENCY_WINDOW apart attract with weight 1/distance, halved across each section banner.
  for (let i = 0; i + 1 < n; i++) {
    let factor = 1;
    for (let d = 1; d <= ADJACENCY_WINDOW && i + d < n; d++) {
      if (model.bannerAfter[i + d - 1]) factor *= BANNER_FACTOR;
      if (factor > 0) add(i, i + d, (weights.adjacent * factor) / d, { kind: 'adjacent' });
    }
  }
  return result;
}
