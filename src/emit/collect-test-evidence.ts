// Which new file a test exercises, when a patched name is read by several: evidence from the enclosing test
// function, then its class, then the whole file (names it imports or reads from the module, its other patch
// targets, and the file stems in its own name). Read-only; it never picks a file without evidence.

import type { DottedStringSite, ImporterSite, ModuleAttributeSite } from '../model/project.js';
import { INIT_FILE } from '../plan/resolve-plan.js';
import type { SyntaxNode } from '../read/parse-python.js';
import { fileStem, type NameLookups } from './collect-name-lookups.js';

/** What one file says about the module: its imports, attribute sites and dotted strings (from ProjectUsage). */
export interface FileReferences {
  readonly path: string;
  readonly importers: readonly ImporterSite[];
  readonly attributeSites: readonly ModuleAttributeSite[];
  readonly dottedStrings: readonly DottedStringSite[];
}

export type ExercisedFile =
  | { readonly kind: 'chosen'; readonly file: string; readonly reason: string }
  | { readonly kind: 'ambiguous'; readonly files: readonly string[]; readonly reason: string }
  | { readonly kind: 'unknown' };

interface Scope {
  readonly node: SyntaxNode;
  /** The node whose text is the scope's evidence: the decorated definition when there are decorators. */
  readonly range: SyntaxNode;
  /** `function test_x`, `class SlackTests`, `file test_slack.py`. */
  readonly label: string;
  readonly name: string;
}

/** Lower-case word tokens of an identifier or file name: `GitHubSyncTests` -> git, hub, sync, tests. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/\.py$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((t) => t !== '')
    .map((t) => t.toLowerCase());
}

/** Whether a run of consecutive tokens spells `stem` (`github` in git, hub, sync; `jira_sync` in jira, sync). */
export function tokensSpell(tokens: readonly string[], stem: string): boolean {
  const wanted = stem.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (wanted === '') return false;
  for (let i = 0; i < tokens.length; i++) {
    let joined = '';
    for (let j = i; j < tokens.length && joined.length < wanted.length; j++) {
      joined += tokens[j];
      if (joined === wanted) return true;
    }
  }
  return false;
}

function scopesAt(root: SyntaxNode, offset: number, path: string): Scope[] {
  const scopes: Scope[] = [];
  for (let node: SyntaxNode | null = root.descendantForIndex(offset, offset); node; node = node.parent) {
    let definition: SyntaxNode | null = null;
    if (node.type === 'function_definition' || node.type === 'class_definition') definition = node;
    else if (node.type === 'decorated_definition') {
      // A decorator sits outside its function's node: the decorated function is the scope it patches for.
      const inner = node.childForFieldName('definition');
      if (inner && !scopes.some((s) => s.node.id === inner.id)) definition = inner;
    }
    if (!definition || scopes.some((s) => s.node.id === definition.id)) continue;
    const name = definition.childForFieldName('name')?.text ?? '';
    const kind = definition.type === 'class_definition' ? 'class' : 'function';
    // Decorators (`@mock.patch(...)`) sit outside the definition's node but belong to its scope.
    const outer = definition.parent?.type === 'decorated_definition' ? definition.parent : definition;
    scopes.push({ node: definition, range: outer, label: `${kind} \`${name}\``, name });
  }
  const file = path.split('/').pop() ?? path;
  scopes.push({ node: root, range: root, label: `file ${file}`, name: file });
  return scopes;
}

/** The one file (other than the package) a referenced module name points at, if any. */
function fileOfName(name: string, lookups: NameLookups): string | undefined {
  const defined = lookups.definedIn.get(name);
  if (defined !== undefined) return defined === INIT_FILE ? undefined : defined;
  const readers = (lookups.lookedUpIn.get(name) ?? []).filter((f) => f !== INIT_FILE);
  return readers.length === 1 ? readers[0] : undefined;
}

/**
 * Which of `candidates` the test around `offset` exercises. The narrowest scope with any evidence decides: one
 * supported candidate is chosen, several make it ambiguous; no evidence anywhere gives `unknown`.
 *
 * ```python
 * class SlackConnectionTests(TestCase):                 # class name spells `slack`
 *     @mock.patch("app.models.fetch_remote_status")      # read by jira.py and slack.py -> slack.py
 *     def test_auth(self, fetch): ...
 * ```
 */
export function findExercisedFile(
  root: SyntaxNode,
  offset: number,
  patchedName: string,
  candidates: readonly string[],
  references: FileReferences,
  lookups: NameLookups,
): ExercisedFile {
  const local = new Map<string, string>();
  for (const site of references.importers) {
    for (const name of site.names) local.set(site.aliases?.[name] ?? name, name);
  }
  const wanted = new Set(candidates.filter((f) => f !== INIT_FILE));
  for (const scope of scopesAt(root, offset, references.path)) {
    const { startIndex: start, endIndex: end } = scope.range;
    const support = new Map<string, string[]>();
    const note = (file: string | undefined, why: string) => {
      if (file === undefined || !wanted.has(file)) return;
      const list = support.get(file) ?? [];
      if (!list.includes(why)) list.push(why);
      support.set(file, list);
    };
    const names = new Set<string>();
    if (local.size > 0) {
      for (const id of scope.range.descendantsOfType('identifier')) {
        const name = id ? local.get(id.text) : undefined;
        if (name !== undefined) names.add(name);
      }
    }
    const inside = (range: { start: number; end: number }) => range.start >= start && range.end <= end;
    for (const site of references.attributeSites) if (inside(site.range)) names.add(site.name);
    for (const site of references.dottedStrings) {
      const head = site.attributePath.split('.')[0] ?? '';
      if (head !== '' && inside(site.range)) names.add(head);
    }
    names.delete(patchedName);
    for (const name of [...names].sort()) note(fileOfName(name, lookups), `uses ${name}`);
    const tokens = nameTokens(scope.name);
    for (const file of wanted)
      if (tokensSpell(tokens, fileStem(file))) note(file, `its name spells ${fileStem(file)}`);
    if (support.size === 0) continue;
    const files = [...support.keys()].sort((a, b) => candidates.indexOf(a) - candidates.indexOf(b));
    const reason = files.map((f) => `${scope.label} ${(support.get(f) ?? []).join(', ')} (${f})`).join('; ');
    if (files.length === 1) return { kind: 'chosen', file: files[0] as string, reason };
    return { kind: 'ambiguous', files, reason };
  }
  return { kind: 'unknown' };
}
