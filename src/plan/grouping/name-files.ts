// Choose a file name for each cluster from its dominant topic token (`github.py`, `credentials.py`): snake_case,
// a valid identifier, not a keyword or Windows device name, and never a name the module binds or imports.

import { PYTHON_KEYWORDS, PYTHON_SOFT_KEYWORDS } from '../../model/python-names.js';
import { collectClusterTopics } from './cluster-topics.js';
import type { GroupingItem } from './collect-items.js';
import { collectTopicTokens, pluralize, singularize, splitNameTokens } from './name-tokens.js';

export interface FileNameStyle {
  /** Use plural file names (`realms.py`, `users.py`), as Django projects often do for model packages. */
  readonly plural?: boolean;
  /** File names already used by the project's split packages; a matching token is preferred. */
  readonly fileNames?: readonly string[];
}

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

/** A keyword, soft keyword, or lowercase `true`/`false`/`none` (legal, but confusing as a file name). */
function isKeywordLike(stem: string): boolean {
  const capitalized = stem.charAt(0).toUpperCase() + stem.slice(1);
  return (
    PYTHON_KEYWORDS.has(stem) || PYTHON_SOFT_KEYWORDS.has(stem) || /^(True|False|None)$/.test(capitalized)
  );
}

/** Whether `stem` can be a new submodule's name given the names the module binds (case-sensitive). */
export function isUsableFileStem(stem: string, boundNames: ReadonlySet<string>): boolean {
  return (
    /^[a-z_][a-z0-9_]*$/.test(stem) &&
    !isKeywordLike(stem) &&
    !WINDOWS_RESERVED.test(stem) &&
    !stem.startsWith('__') &&
    !boundNames.has(stem)
  );
}

/** Names maintainers give a file of helpers shared by several files, most usual first. */
export const SHARED_FILE_STEMS = ['common', 'base', 'utils', 'helpers', 'shared', 'core'] as const;

export interface NameFilesOptions {
  readonly style?: FileNameStyle;
  /** The stem of the module being split (`models` for `app/models.py`): model packages get plural names. */
  readonly moduleStem?: string;
  /** Index of the cluster made of helpers shared by several files (named `common.py` or the project's usual name). */
  readonly sharedCluster?: number;
}

/**
 * One `*.py` name per cluster, in cluster order: the best topic token of the cluster (see collectClusterTopics). A
 * head noun (`IntegrationCredential` -> credential) is pluralized in a plural style, which is the default for a
 * module named `models` (`credentials.py`, as zulip and netbox name theirs); a qualifier (`GitHubIntegration` ->
 * github) never is.
 *
 * @example
 * // a cluster of GitHubInstallation, GitHubRepo, _github_headers -> "github.py"
 */
export function nameClusterFiles(
  clusters: readonly (readonly number[])[],
  items: readonly GroupingItem[],
  boundNames: ReadonlySet<string>,
  options: NameFilesOptions = {},
): string[] {
  const style = options.style ?? {};
  const itemOfName = new Map<string, number>();
  for (const item of items) for (const name of item.names) itemOfName.set(name, item.id);
  const topics = collectClusterTopics(clusters, items, itemOfName);
  const plural = style.plural ?? options.moduleStem === 'models';
  // token -> surface spelling -> count, over every name (so `GitHub` spells `github`, `URLField` spells `url`).
  const surfaces = new Map<string, Map<string, number>>();
  for (const item of items) {
    for (const name of item.names) {
      for (const raw of splitNameTokens(name)) {
        const token = singularize(raw);
        const surface = surfaces.get(token) ?? new Map<string, number>();
        surfaces.set(token, surface);
        surface.set(raw, (surface.get(raw) ?? 0) + 1);
      }
    }
  }
  const spell = (token: string, head: boolean): string => {
    if (head && plural) return pluralize(token);
    const forms = [...(surfaces.get(token) ?? new Map<string, number>())].sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
    );
    return forms[0]?.[0] ?? token;
  };
  const preferred = new Set(style.fileNames?.map((f) => f.replace(/\.py$/, '')) ?? []);
  const taken = new Set<string>();
  const usable = (stem: string): boolean =>
    isUsableFileStem(stem, boundNames) && !taken.has(stem.toLowerCase());
  return clusters.map((cluster, c) => {
    const candidates: string[] = [];
    if (c === options.sharedCluster) {
      const own = SHARED_FILE_STEMS.find((stem) => preferred.has(stem));
      candidates.push(own ?? 'common', ...SHARED_FILE_STEMS);
    }
    const ranked = (topics[c]?.tokens ?? [])
      .filter((t) => t.token.length >= 2 && !GENERIC_FOR_FILES.has(t.token))
      .map((t) => ({ surface: spell(t.token, t.head), score: t.score }))
      .map((t) => ({ ...t, score: t.score * (preferred.has(t.surface) ? 1.5 : 1) }))
      .sort((a, b) => b.score - a.score);
    // A dominant class named only by generic words (`Field`, `Model`) names its file itself.
    const dominant = items[topics[c]?.dominant ?? -1]?.names[0];
    if (dominant && collectTopicTokens(dominant).length === 0) candidates.push(toSnakeCase(dominant));
    const [first, second] = ranked;
    if (first) candidates.push(first.surface);
    // When the best token is taken (the module imports `jira`), qualify it before falling back to the next topic.
    if (first && second) candidates.push(`${first.surface}_${second.surface}`);
    for (const s of ranked.slice(1, 4)) candidates.push(s.surface);
    // A cluster without entities (only helpers and constants): the tokens of its names.
    for (const token of fallbackTokens(cluster, items)) candidates.push(spell(token, false));
    const firstName = items[cluster[0] ?? -1]?.names[0];
    if (firstName) candidates.push(toSnakeCase(firstName));
    // Otherwise number the best candidate (`widget_2.py`): a generic name would claim a role the file lacks.
    const base = candidates.find((x) => isUsableFileStem(`${x}_2`, boundNames)) ?? 'part';
    let stem = candidates.find(usable);
    for (let k = 2; !stem; k++) if (usable(`${base}_${k}`)) stem = `${base}_${k}`;
    taken.add(stem.toLowerCase());
    return `${stem}.py`;
  });
}

/** Topic tokens of a cluster's names by how many lines carry them (for clusters of helpers only). */
function fallbackTokens(cluster: readonly number[], items: readonly GroupingItem[]): string[] {
  const weight = new Map<string, number>();
  for (const id of cluster) {
    const item = items[id];
    if (!item) continue;
    for (const token of new Set(item.names.flatMap((n) => collectTopicTokens(n)))) {
      if (token.length < 2 || GENERIC_FOR_FILES.has(token)) continue;
      weight.set(token, (weight.get(token) ?? 0) + Math.sqrt(item.lines));
    }
  }
  return [...weight]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3)
    .map(([token]) => token);
}

/** `GitHubAppInstallation` -> `github_app_installation`, `_private_helper` -> `private_helper`. */
export function toSnakeCase(name: string): string {
  return splitNameTokens(name).join('_');
}
