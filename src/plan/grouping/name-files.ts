// Choose a file name for each cluster from its dominant topic token (`github.py`, `credentials.py`): snake_case,
// a valid identifier, not a keyword or Windows device name, and never a name the module binds or imports.

import type { GroupingItem } from './collect-items.js';
import { pluralize, singularize, splitNameTokens } from './name-tokens.js';

export interface FileNameStyle {
  /** Use plural file names (`realms.py`, `users.py`), as Django projects often do for model packages. */
  readonly plural?: boolean;
  /** File names already used by the project's split packages; a matching token is preferred. */
  readonly fileNames?: readonly string[];
}

const PYTHON_KEYWORDS = new Set([
  'false',
  'none',
  'true',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
  'match',
  'case',
  'type',
]);
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;
const GENERIC_FOR_FILES = new Set([
  'abstract',
  'base',
  'mixin',
  'manager',
  'queryset',
  'query',
  'meta',
  'model',
  'models',
  'get',
  'set',
  'is',
  'has',
  'make',
  'create',
  'update',
  'delete',
  'to',
  'from',
  'for',
  'of',
  'the',
  'and',
  'by',
  'with',
  'in',
  'on',
  'all',
  'default',
  'max',
  'min',
  'new',
  'old',
  'do',
  'run',
  'check',
  'helper',
  'util',
  'utils',
  'info',
  'data',
  'value',
  'id',
  'ids',
  'name',
  'obj',
  'object',
  'self',
  'cls',
  'init',
]);

/** Whether `stem` can be a new submodule's name given the names the module binds (case-sensitive). */
export function isUsableFileStem(stem: string, boundNames: ReadonlySet<string>): boolean {
  return (
    /^[a-z_][a-z0-9_]*$/.test(stem) &&
    !PYTHON_KEYWORDS.has(stem) &&
    !WINDOWS_RESERVED.test(stem) &&
    !stem.startsWith('__') &&
    !boundNames.has(stem)
  );
}

interface TokenScore {
  readonly token: string;
  readonly score: number;
  readonly surface: string;
}

/**
 * One `*.py` name per cluster, in cluster order.
 *
 * @example
 * // a cluster of GitHubInstallation, GitHubRepo, _github_headers -> "github.py"
 */
export function nameClusterFiles(
  clusters: readonly (readonly number[])[],
  items: readonly GroupingItem[],
  boundNames: ReadonlySet<string>,
  style: FileNameStyle = {},
): string[] {
  // token -> cluster index -> weight, and token -> surface spelling -> count.
  const weightIn = new Map<string, Map<number, number>>();
  const surfaces = new Map<string, Map<string, number>>();
  const firstSeen = new Map<string, number>();
  clusters.forEach((cluster, c) => {
    for (const id of cluster) {
      const item = items[id];
      if (!item) continue;
      const weight = Math.sqrt(item.lines) * (item.kind === 'class' ? 2 : 1);
      const counted = new Set<string>();
      for (const name of item.names) {
        for (const raw of splitNameTokens(name)) {
          if (raw.length < 2 || GENERIC_FOR_FILES.has(raw)) continue;
          const token = singularize(raw);
          if (!firstSeen.has(token)) firstSeen.set(token, id);
          const surface = surfaces.get(token) ?? new Map();
          surfaces.set(token, surface);
          surface.set(raw, (surface.get(raw) ?? 0) + 1);
          if (counted.has(token)) continue;
          counted.add(token);
          const byCluster = weightIn.get(token) ?? new Map();
          weightIn.set(token, byCluster);
          byCluster.set(c, (byCluster.get(c) ?? 0) + weight);
        }
      }
    }
  });
  const preferred = new Set(style.fileNames?.map((f) => f.replace(/\.py$/, '')) ?? []);
  const spell = (token: string): string => {
    const forms = [...(surfaces.get(token) ?? new Map<string, number>())].sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
    );
    const form = forms[0]?.[0] ?? token;
    return style.plural ? pluralize(singularize(form)) : form;
  };
  const ranked = clusters.map((_, c): TokenScore[] => {
    const scores: TokenScore[] = [];
    for (const [token, byCluster] of weightIn) {
      const here = byCluster.get(c) ?? 0;
      if (here === 0) continue;
      let total = 0;
      for (const w of byCluster.values()) total += w;
      const surface = spell(token);
      const bonus = preferred.has(surface) ? 1.5 : 1;
      scores.push({ token, score: ((here * here) / total) * bonus, surface });
    }
    return scores.sort(
      (a, b) =>
        b.score - a.score ||
        (firstSeen.get(a.token) ?? 0) - (firstSeen.get(b.token) ?? 0) ||
        (a.token < b.token ? -1 : 1),
    );
  });

  const taken = new Set<string>();
  const usable = (stem: string): boolean =>
    isUsableFileStem(stem, boundNames) && !taken.has(stem.toLowerCase());
  return ranked.map((scores, c) => {
    const candidates: string[] = [];
    const [first, second] = scores;
    if (first) candidates.push(first.surface);
    // When the best token is taken (the module imports `jira`), qualify it before falling back to the next topic.
    if (first && second) candidates.push(`${first.surface}_${second.surface}`);
    for (const s of scores.slice(1, 4)) candidates.push(s.surface);
    const firstItem = items[clusters[c]?.[0] ?? -1];
    const firstName = firstItem?.names[0];
    if (firstName) candidates.push(toSnakeCase(firstName));
    candidates.push(c === 0 ? 'base' : 'misc', 'core', 'common', 'shared');
    let stem = candidates.find(usable);
    for (let k = 2; !stem; k++) if (usable(`part_${k}`)) stem = `part_${k}`;
    taken.add(stem.toLowerCase());
    return `${stem}.py`;
  });
}

/** `GitHubAppInstallation` -> `github_app_installation`, `_private_helper` -> `private_helper`. */
export function toSnakeCase(name: string): string {
  return splitNameTokens(name).join('_');
}
