// Split Python names into lowercase word tokens (`GitHubAppInstallation` -> github, app, installation) for grouping
// and file naming. Pure string work; it knows nothing about the module.

/** Brand spellings that CamelCase splitting would cut in two, joined back after splitting. */
const JOINED_BRANDS: readonly (readonly [string, string])[] = [
  ['git', 'hub'],
  ['git', 'lab'],
  ['bit', 'bucket'],
  ['you', 'tube'],
  ['linked', 'in'],
  ['word', 'press'],
  ['java', 'script'],
  ['type', 'script'],
  ['post', 'gres'],
  ['my', 'sql'],
  ['open', 'id'],
  ['o', 'auth'],
];

/**
 * Words that say what kind of thing a name is, not which topic it belongs to; they never make two names related
 * nor name a file.
 */
const GENERIC_TOKENS: ReadonlySet<string> = new Set([
  'a',
  'abstract',
  'add',
  'all',
  'an',
  'and',
  'any',
  'as',
  'at',
  'base',
  'by',
  'check',
  'class',
  'cls',
  'count',
  'create',
  'data',
  'default',
  'delete',
  'dict',
  'do',
  'error',
  'errors',
  'exception',
  'field',
  'fields',
  'for',
  'from',
  'generic',
  'get',
  'has',
  'helper',
  'id',
  'ids',
  'if',
  'impl',
  'in',
  'info',
  'init',
  'is',
  'it',
  'key',
  'list',
  'make',
  'manager',
  'max',
  'meta',
  'min',
  'mixin',
  'model',
  'models',
  'new',
  'no',
  'not',
  'num',
  'obj',
  'object',
  'of',
  'old',
  'on',
  'or',
  'queryset',
  'query',
  'remove',
  'set',
  'the',
  'to',
  'type',
  'types',
  'update',
  'util',
  'utils',
  'validate',
  'value',
  'values',
  'with',
  'self',
  'def',
  'str',
  'int',
  'bool',
  'none',
  'true',
  'false',
  'do',
  'run',
  'handle',
  'process',
  'build',
  'parse',
  'format',
  'name',
  'names',
  'func',
  'fn',
  'cb',
]);

/** Lowercase tokens of `name`, in order, including generic ones. `__all__` gives `all`. */
export function splitNameTokens(name: string): string[] {
  const words: string[] = [];
  for (const part of name.split(/[_\d]+/)) {
    if (part === '') continue;
    // HTTPServer -> HTTP, Server; GitHubApp -> Git, Hub, App; parseJSON -> parse, JSON
    const pieces = part.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+/g) ?? [part];
    for (const piece of pieces) words.push(piece.toLowerCase());
  }
  const joined: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1];
    if (next !== undefined && JOINED_BRANDS.some(([a, b]) => a === word && b === next)) {
      joined.push(word + next);
      i++;
    } else {
      joined.push(word);
    }
  }
  return joined;
}

/** Tokens that can say which topic a name belongs to: not generic, at least 2 letters, deduplicated. */
export function collectTopicTokens(name: string): string[] {
  const seen = new Set<string>();
  for (const token of splitNameTokens(name)) {
    if (token.length < 2 || GENERIC_TOKENS.has(token)) continue;
    seen.add(singularize(token));
  }
  return [...seen];
}

/** A rough English singular so `credentials`/`credential` and `repos`/`repo` meet; good enough for matching. */
export function singularize(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** A rough English plural for file names in a plural style (`realm` -> `realms`, `policy` -> `policies`). */
export function pluralize(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}
