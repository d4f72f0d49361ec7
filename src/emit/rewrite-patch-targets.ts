// Keep mock patches patching what they patched (SPLIT-SEMANTICS §5): `mock.patch("m.helper")` must follow the
// lookup of `helper` into the submodule that reads it. Produces minimal insertions (`m.github.helper`); leaves
// class attributes and shared objects alone, never edits migrations, and warns instead of guessing.

import {
  argumentSlotOf,
  keywordArgument,
  type PatchCallKind,
  patchTargetCallOf,
  positionalArguments,
} from '../analyze/importers/python-syntax.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { ResolvedPlan } from '../model/plan.js';
import type {
  DottedStringSite,
  ModuleAttributeSite,
  ModuleLocation,
  ProjectUsage,
} from '../model/project.js';
import type { TextEdit } from '../model/text.js';
import type { ModuleAnalysis } from '../model/units.js';
import { INIT_FILE } from '../plan/resolve-plan.js';
import { type SyntaxNode, withParsedPython } from '../read/parse-python.js';
import {
  type ConsistencyEdits,
  collectNameLookups,
  editChanges,
  fileStem,
  isMigrationPath,
  type NameLookups,
  type ReadProjectText,
  siteLocation,
  submoduleDotted,
  tryRead,
} from './collect-name-lookups.js';
import { type FileReferences, findExercisedFile } from './collect-test-evidence.js';

/** Where a patch of a module-level name must go after the split. */
export type PatchDestination =
  /** Leave the target: the package attribute is still what is looked up (or the patched object is shared). */
  | { readonly kind: 'keep' }
  /** Patch this new file's namespace; `chosenFrom` lists every reader when the test evidence picked one. */
  | {
      readonly kind: 'file';
      readonly file: string;
      readonly chosenFrom?: readonly string[];
      readonly reason?: string;
    }
  /** Several namespaces read it and nothing shows which one the test exercises. */
  | { readonly kind: 'several'; readonly files: readonly string[] };

export interface SiteContext {
  readonly root: SyntaxNode;
  readonly offset: number;
  readonly references: FileReferences;
  readonly lookups: NameLookups;
}

/** The namespaces in which `name` is read at run time: the readers, plus the package when outside code reads it. */
function readersOf(name: string, lookups: NameLookups): string[] {
  const readers = [...(lookups.lookedUpIn.get(name) ?? [])];
  if ((lookups.packageReads.get(name) ?? []).length > 0 && !readers.includes(INIT_FILE))
    readers.unshift(INIT_FILE);
  return readers;
}

/**
 * Where a patch of `m.<name>` (rebinding a module-level name) must go: the one new file whose code reads it, else
 * the one the test exercises, else `several`. When the package itself is one of the readers (outside code calls
 * `models.helper()` at run time, or code kept in `__init__.py` reads it), it is always `several`.
 */
export function findNamePatchDestination(name: string, ctx: SiteContext): PatchDestination {
  const { lookups } = ctx;
  if (!lookups.definedIn.has(name) && !lookups.importedBy.has(name)) return { kind: 'keep' };
  const readers = readersOf(name, lookups);
  if (readers.filter((f) => f !== INIT_FILE).length === 0) return { kind: 'keep' };
  if (readers.length === 1) return { kind: 'file', file: readers[0] as string };
  // Reads through the package (outside code, kept code) need the original target too: a test's own names cannot
  // show that it does not run them, so no single file is picked.
  if (readers.includes(INIT_FILE)) return { kind: 'several', files: readers };
  const found = findExercisedFile(ctx.root, ctx.offset, name, readers, ctx.references, lookups);
  if (found.kind === 'chosen')
    return { kind: 'file', file: found.file, chosenFrom: readers, reason: found.reason };
  return { kind: 'several', files: readers };
}

/**
 * Where a patch of an attribute of the object `m.<head>` must go (`m.timezone.now`, `patch.dict("m.REGISTRY")`):
 * the object is shared, so only reachability matters. A name defined in the module stays re-exported: keep.
 * A name the module only imported may not stay on the package: any file that binds it reaches the same object.
 */
export function findObjectPatchDestination(head: string, ctx: SiteContext): PatchDestination {
  const { lookups } = ctx;
  if (!lookups.importedBy.has(head)) return { kind: 'keep' };
  const readers = lookups.lookedUpIn.get(head) ?? [];
  if (readers.length === 0 || readers.includes(INIT_FILE)) return { kind: 'keep' };
  if (readers.length === 1) return { kind: 'file', file: readers[0] as string };
  const found = findExercisedFile(ctx.root, ctx.offset, head, readers, ctx.references, lookups);
  return { kind: 'file', file: found.kind === 'chosen' ? found.file : (readers[0] as string) };
}

function stringNodeAt(root: SyntaxNode, start: number, end: number): SyntaxNode | undefined {
  for (let node: SyntaxNode | null = root.descendantForIndex(start, end); node; node = node.parent) {
    if (node.type === 'string') return node;
  }
  return undefined;
}

/** `patch.multiple`'s own parameters: every other keyword names an attribute to patch. */
const MULTIPLE_PARAMETERS = new Set(['target', 'spec', 'create', 'spec_set', 'autospec', 'new_callable']);

/** The attribute names a `patch.multiple(...)` call patches; `unknown` when some come from `**kwargs`. */
function multipleNames(argumentList: SyntaxNode): { names: string[]; unknown: boolean } {
  const names: string[] = [];
  let unknown = false;
  for (const child of argumentList.namedChildren) {
    if (child?.type === 'dictionary_splat') unknown = true;
    if (child?.type !== 'keyword_argument') continue;
    const name = child.childForFieldName('name')?.text ?? '';
    if (name !== '' && !MULTIPLE_PARAMETERS.has(name)) names.push(name);
  }
  return { names, unknown };
}

/**
 * The namespaces in which patching `name` does what patching `m.name` did: the one file the destination names;
 * for `keep`, the package, plus the defining file when no new file reads the name at run time (patching either
 * changes nothing anyone looks up, and both have the attribute); none for `several`.
 */
function namespacesFor(name: string, destination: PatchDestination, lookups: NameLookups): string[] {
  if (destination.kind === 'file') return [destination.file];
  if (destination.kind === 'several') return [];
  const defined = lookups.definedIn.get(name);
  const unread = readersOf(name, lookups).length === 0;
  return unread && defined !== undefined && defined !== INIT_FILE ? [INIT_FILE, defined] : [INIT_FILE];
}

function qualified(lookups: NameLookups, file: string, rest: string): string {
  const base = submoduleDotted(lookups, file);
  return rest === '' ? base : `${base}.${rest}`;
}

class PatchTargetRewriter {
  readonly edits = new Map<string, TextEdit[]>();
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly lookups: NameLookups) {}

  private edit(file: string, at: number, newText: string): void {
    const list = this.edits.get(file) ?? [];
    if (!list.some((e) => e.range.start === at)) list.push({ range: { start: at, end: at }, newText });
    this.edits.set(file, list);
  }

  /** Apply a name destination: edit at `insertAt` (inserting `.stem`), or report. */
  private applyName(
    destination: PatchDestination,
    name: string,
    site: DottedStringSite | ModuleAttributeSite,
    shown: string,
    insertAt: number,
  ): void {
    const { lookups } = this;
    if (destination.kind === 'keep') return;
    if (destination.kind === 'several') {
      const targets = destination.files.map((f) => qualified(lookups, f, name));
      this.diagnostics.push({
        code: 'MS450',
        severity: 'warning',
        message: `\`${shown}\` patches \`${name}\`, which ${destination.files.length} new files read as their own global, so one target cannot patch them all; left unchanged`,
        location: siteLocation(site),
        notes: targets.map((t) => `needed: ${t}`),
        help: `patch each of ${targets.map((t) => `\`${t}\``).join(', ')}, or only the one the test exercises`,
      });
      return;
    }
    if (destination.file === INIT_FILE) return;
    this.edit(site.file, insertAt, `.${fileStem(destination.file)}`);
    if (destination.chosenFrom) {
      const chosen = qualified(lookups, destination.file, name);
      const others = destination.chosenFrom.filter((f) => f !== destination.file);
      this.diagnostics.push({
        code: 'MS451',
        severity: 'info',
        message: `\`${shown}\` now patches \`${chosen}\`: \`${name}\` is read by ${destination.chosenFrom.length} new files and the test exercises ${destination.file}`,
        location: siteLocation(site),
        notes: [
          `evidence: ${destination.reason ?? ''}`,
          ...others.map((f) => `not patched: ${qualified(lookups, f, name)}`),
        ],
        help: 'add a patch for another listed target if the test also runs that code',
      });
    }
  }

  rewriteString(site: DottedStringSite, ctx: SiteContext, stringNode: SyntaxNode, text: string): void {
    const { lookups } = this;
    const dotted = lookups.packageDotted;
    if (text.slice(site.range.start, site.range.start + dotted.length) !== dotted) return;
    const insertAt = site.range.start + dotted.length;
    const call = patchTargetCallOf(stringNode, text);
    const kind: PatchCallKind = call?.kind ?? 'patch';
    const parts = site.attributePath === '' ? [] : site.attributePath.split('.');
    const head = parts[0];
    if (head === undefined) {
      if (call && kind === 'multiple') this.rewriteMultiple(site, ctx, call.argumentList, insertAt);
      return;
    }
    if (kind === 'dict' || kind === 'multiple' || parts.length > 1) {
      const destination = findObjectPatchDestination(head, ctx);
      if (destination.kind === 'file' && destination.file !== INIT_FILE)
        this.edit(site.file, insertAt, `.${fileStem(destination.file)}`);
      return;
    }
    this.applyName(findNamePatchDestination(head, ctx), head, site, site.value, insertAt);
  }

  /**
   * `patch.multiple("m", a=DEFAULT, b=DEFAULT)` sets several attributes of one object, so it can follow the names
   * only when one namespace serves them all: the string stays the package unless every named attribute is looked
   * up in the same new file (names nobody reads at run time fit either). Otherwise MS452, call unchanged.
   */
  private rewriteMultiple(
    site: DottedStringSite,
    ctx: SiteContext,
    argumentList: SyntaxNode,
    insertAt: number,
  ): void {
    const { names, unknown } = multipleNames(argumentList);
    const byName = names.map((name) => ({ name, destination: findNamePatchDestination(name, ctx) }));
    let common: string[] | undefined;
    for (const { name, destination } of byName) {
      const fits = namespacesFor(name, destination, this.lookups);
      common = common === undefined ? fits : common.filter((f) => fits.includes(f));
    }
    if (common === undefined || common.includes(INIT_FILE)) return;
    const only = common.length === 1 && !unknown ? common[0] : undefined;
    if (only !== undefined) {
      this.edit(site.file, insertAt, `.${fileStem(only)}`);
      return;
    }
    const notes = byName.map(({ name, destination }) =>
      destination.kind === 'several'
        ? `${name}: read by ${destination.files.map((f) => qualified(this.lookups, f, '')).join(', ')}`
        : `${name}: ${namespacesFor(name, destination, this.lookups)
            .map((f) => qualified(this.lookups, f, ''))
            .join(' or ')}`,
    );
    if (unknown) notes.push('names passed with `**` are not known, so no target is chosen for them');
    this.diagnostics.push({
      code: 'MS452',
      severity: 'warning',
      message: `\`patch.multiple("${site.value}", ...)\` patches names that are looked up in different namespaces after the split, so no one target reaches them all; left unchanged`,
      location: siteLocation(site),
      notes,
      help: 'split it into one `patch.multiple` per namespace listed',
    });
  }

  rewriteObjectSite(site: ModuleAttributeSite, ctx: SiteContext, stringNode: SyntaxNode, text: string): void {
    const list = argumentSlotOf(stringNode, text)?.argumentList;
    const first = list
      ? (positionalArguments(list)[0] ??
        keywordArgument(list, 'target', text) ??
        keywordArgument(list, 'obj', text))
      : undefined;
    if (!first) return;
    const shown = `${text.slice(first.startIndex, first.endIndex)}, "${site.name}"`;
    this.applyName(findNamePatchDestination(site.name, ctx), site.name, site, shown, first.endIndex);
  }
}

/**
 * Rewrite the project's patch targets so they keep patching the namespace where the lookup happens.
 *
 * ```python
 * @mock.patch("app.models.GitHubClient")              # -> "app.models.github.GitHubClient"
 * mock.patch.object(models, "post_slack_message")     # -> mock.patch.object(models.slack, "post_slack_message")
 * mock.patch("app.models.GitHubIntegration.refresh")  # unchanged: a class attribute is the same object
 * mock.patch("app.models.timezone.now")               # -> "app.models.credentials.timezone.now"
 * ```
 * `readText` gives the current text of a project file (the text `usage` was scanned from).
 */
export async function collectPatchTargetEdits(
  analysis: ModuleAnalysis,
  location: ModuleLocation,
  usage: ProjectUsage,
  resolved: ResolvedPlan,
  readText: ReadProjectText,
): Promise<ConsistencyEdits> {
  const lookups = collectNameLookups(analysis, location, usage, resolved);
  const rewriter = new PatchTargetRewriter(lookups);
  const strings = usage.dottedStrings.filter((s) => s.context === 'patch-target' && !isMigrationPath(s.file));
  const objects = usage.attributeSites.filter(
    (s) => s.context === 'patch-object' && !isMigrationPath(s.file),
  );
  const files = [...new Set([...strings, ...objects].map((s) => s.file))].sort();
  for (const file of files) {
    const text = tryRead(readText, file);
    if (text === undefined) continue;
    const references: FileReferences = {
      path: file,
      importers: usage.importers.filter((s) => s.file === file),
      attributeSites: usage.attributeSites.filter((s) => s.file === file),
      dottedStrings: usage.dottedStrings.filter((s) => s.file === file),
    };
    await withParsedPython(text, (root) => {
      for (const site of strings.filter((s) => s.file === file)) {
        const node = stringNodeAt(root, site.range.start, site.range.end);
        if (!node) continue;
        rewriter.rewriteString(site, { root, offset: site.range.start, references, lookups }, node, text);
      }
      for (const site of objects.filter((s) => s.file === file)) {
        const node = stringNodeAt(root, site.range.start, site.range.end);
        if (!node) continue;
        rewriter.rewriteObjectSite(site, { root, offset: site.range.start, references, lookups }, node, text);
      }
    });
  }
  return { changes: editChanges(rewriter.edits), diagnostics: rewriter.diagnostics };
}
