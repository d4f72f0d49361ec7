// `[tool.modsplit]` in pyproject.toml (or a top-level table in modsplit.toml): defaults for the CLI's flags.
// Flags given on the command line win; this file only reads and validates, it never applies anything.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import type { Diagnostic } from '../model/diagnostics.js';

export interface ProjectConfig {
  /** Commands run before and after a split (`--verify`). */
  readonly verify?: readonly string[];
  /** Point importers at the defining submodules (`--rewrite-imports`). */
  readonly rewriteImports?: boolean;
  /** How `__init__.py` re-exports: `auto` follows the original and the project, `alias` writes `X as X`,
   *  `all` writes an `__all__` list. */
  readonly reexportStyle?: 'auto' | 'alias' | 'all';
  /** Import roots (`sys.path` entries) relative to the project root, e.g. `["src"]`. */
  readonly importRoots?: readonly string[];
  /** Paths (gitignore patterns) left out of the project scan. */
  readonly exclude?: readonly string[];
  /** Python interpreter used for verification. */
  readonly python?: string;
  /** Line budget for the `modsplit-line-budget` pre-commit hook. */
  readonly maxLines?: number;
  /** The committed plan `modsplit check` compares the split package with, relative to the root. */
  readonly plan?: string;
  /** Where the config came from (for messages). */
  readonly path?: string;
}

interface KeySpec {
  readonly field: keyof ProjectConfig;
  readonly check: (value: unknown) => boolean;
  readonly expected: string;
}

const isStringArray = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');

const KEYS: Readonly<Record<string, KeySpec>> = {
  verify: { field: 'verify', check: isStringArray, expected: 'an array of command strings' },
  'rewrite-imports': {
    field: 'rewriteImports',
    check: (v) => typeof v === 'boolean',
    expected: 'true or false',
  },
  'reexport-style': {
    field: 'reexportStyle',
    check: (v) => v === 'auto' || v === 'alias' || v === 'all',
    expected: '"auto", "alias" or "all"',
  },
  'import-roots': { field: 'importRoots', check: isStringArray, expected: 'an array of folder paths' },
  exclude: { field: 'exclude', check: isStringArray, expected: 'an array of gitignore-style patterns' },
  python: {
    field: 'python',
    check: (v) => typeof v === 'string',
    expected: 'a path to a Python interpreter',
  },
  'max-lines': {
    field: 'maxLines',
    check: (v) => typeof v === 'number' && Number.isInteger(v) && v > 0,
    expected: 'a positive whole number',
  },
  plan: {
    field: 'plan',
    check: (v) => typeof v === 'string' && v !== '',
    expected: 'the path of a plan file, e.g. "modsplit-plan.toml"',
  },
};

/** The documented configuration keys, for help texts and docs. */
export const configKeys: readonly string[] = Object.keys(KEYS);

export interface LoadedConfig {
  readonly config: ProjectConfig;
  readonly diagnostics: readonly Diagnostic[];
}

/** Read `[tool.modsplit]` from `<root>/pyproject.toml`, else `<root>/modsplit.toml`; empty config when neither has it. */
export function loadProjectConfig(root: string): LoadedConfig {
  for (const [file, pick] of [
    [
      'pyproject.toml',
      (doc: Record<string, unknown>) => (doc.tool as Record<string, unknown> | undefined)?.modsplit,
    ],
    ['modsplit.toml', (doc: Record<string, unknown>) => doc],
  ] as const) {
    const path = join(root, file);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    let doc: Record<string, unknown>;
    try {
      doc = parse(text) as Record<string, unknown>;
    } catch (error) {
      const line = error instanceof TomlError ? error.line : 1;
      const column = error instanceof TomlError ? error.column : 1;
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return {
        config: {},
        diagnostics: [
          {
            code: 'MS150',
            severity: 'error',
            message: `${file} is not valid TOML: ${reason}`,
            location: { path: file, line, column },
            help: 'fix the TOML syntax at that line',
          },
        ],
      };
    }
    const table = pick(doc);
    if (table === undefined) continue;
    return validateConfig(table, file, text);
  }
  return { config: {}, diagnostics: [] };
}

function validateConfig(table: unknown, file: string, text: string): LoadedConfig {
  const diagnostics: Diagnostic[] = [];
  const config: Record<string, unknown> = { path: file };
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    return {
      config: {},
      diagnostics: [
        configError('MS151', `[tool.modsplit] in ${file} must be a table`, file, text, 'modsplit'),
      ],
    };
  }
  for (const [key, value] of Object.entries(table)) {
    const spec = KEYS[key];
    if (!spec) {
      const nearest = nearestKey(key);
      diagnostics.push(
        configError(
          'MS151',
          `unknown configuration key \`${key}\` in ${file}`,
          file,
          text,
          key,
          nearest ? `did you mean \`${nearest}\`?` : `use one of: ${configKeys.join(', ')}`,
        ),
      );
      continue;
    }
    if (!spec.check(value)) {
      diagnostics.push(
        configError(
          'MS152',
          `configuration key \`${key}\` in ${file} must be ${spec.expected}`,
          file,
          text,
          key,
        ),
      );
      continue;
    }
    config[spec.field] = value;
  }
  return { config: config as ProjectConfig, diagnostics };
}

function configError(
  code: string,
  message: string,
  file: string,
  text: string,
  key: string,
  help?: string,
): Diagnostic {
  const lines = text.split(/\r\n|\r|\n/);
  const index = lines.findIndex((l) => new RegExp(`^\\s*["']?${escapeRegExp(key)}["']?\\s*=`).test(l));
  const line = index >= 0 ? index + 1 : 1;
  const column = index >= 0 ? (lines[index] as string).search(/\S/) + 1 : 1;
  return {
    code,
    severity: 'error',
    message,
    location: { path: file, line, column },
    help: help ?? `change \`${key}\` to ${KEYS[key]?.expected ?? 'a valid value'}`,
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The configuration key closest to a misspelled one (edit distance at most 3), if any. */
export function nearestKey(key: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of configKeys) {
    const d = editDistance(key.replace(/_/g, '-'), candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance, small strings only. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}
