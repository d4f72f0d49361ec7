// `--rewrite-imports`: point every `from m import A, B` at the submodule that defines each name (split into one
// statement per submodule, keeping indentation, parentheses, aliases and comments). Names the module only imported
// point at their absolute origin. Module-object and star imports, and migrations, are left alone.

import type { Diagnostic } from '../model/diagnostics.js';
import type { ResolvedPlan } from '../model/plan.js';
import type { ImporterSite, ModuleLocation, ProjectUsage } from '../model/project.js';
import { applyEdits, type TextEdit } from '../model/text.js';
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
  tryRead,
} from './collect-name-lookups.js';
import { compareFromImports, compareNatural, type FromImport, parseFromImport } from './import-order.js';

/** One imported name of a from-import, with the text around it that travels with it. */
interface ImportEntry {
  readonly node: SyntaxNode;
  /** The name as imported (`B` of `B as C`). */
  readonly name: string;
  /** Where it must be imported from after the split (module text as written in this statement). */
  readonly module: string;
  /** Its clause after the split (`B as C`, or `timezone` re-pointed at its origin). */
  readonly clause: string;
  /** Comment lines standing alone just above it inside parentheses (with their indentation and newlines). */
  readonly leading: string;
  /** Text between the start of its line and the clause (indentation, for the one-per-line style). */
  readonly indent: string;
  /** A comma follows it in the original. */
  readonly comma: boolean;
  /** Text after the clause (and its comma) to the end of its line: spaces and a trailing comment. */
  readonly trailing: string;
}

/** Where `name`, imported from the package through `moduleText`, must come from after the split. */
function destinationOf(
  name: string,
  local: string,
  moduleText: string,
  lookups: NameLookups,
): { module: string; clause: string } {
  const stay = { module: moduleText, clause: name === local ? name : `${name} as ${local}` };
  const defined = lookups.definedIn.get(name);
  if (defined !== undefined) {
    if (defined === INIT_FILE) return stay;
    const stem = fileStem(defined);
    return {
      module: /^\.+$/.test(moduleText) ? `${moduleText}${stem}` : `${moduleText}.${stem}`,
      clause: stay.clause,
    };
  }
  const binding = lookups.importedBy.get(name);
  if (binding && binding.level === 0 && binding.imported !== null && binding.imported !== '*') {
    const origin = binding.imported;
    return { module: binding.module, clause: origin === local ? origin : `${origin} as ${local}` };
  }
  return stay;
}

/** A trailing comment that tools read per line. */
const PRAGMA = /^\s*#\s*(noqa|type:\s*ignore|pragma|pylint:|pyright:|mypy:|isort:|fmt:)/i;

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function newlineAt(text: string, offset: number): string {
  const end = lineEndOf(text, offset);
  if (text.startsWith('\r\n', end)) return '\r\n';
  if (text[end] === '\r') return '\r';
  if (text[end] === '\n') return '\n';
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Newline-terminated lines of `text` from the line after `from` up to (not including) the line of `to`. */
function wholeLinesBetween(text: string, from: number, to: number): string {
  let start = lineEndOf(text, from);
  if (text.startsWith('\r\n', start)) start += 2;
  else if (start < text.length) start += 1;
  const end = lineStartOf(text, to);
  return start < end ? text.slice(start, end) : '';
}

interface RenderedImport {
  readonly edits: TextEdit[];
}

/**
 * The edits for one from-import statement: nothing when every name stays, the module name (and changed clauses)
 * when all names go to one module, else the statement replaced by one statement per destination module.
 */
function rewriteStatement(statement: SyntaxNode, text: string, lookups: NameLookups): RenderedImport {
  const moduleNode = statement.childForFieldName('module_name');
  if (!moduleNode) return { edits: [] };
  const moduleText = text.slice(moduleNode.startIndex, moduleNode.endIndex);
  const children = statement.children.filter((c): c is SyntaxNode => c !== null);
  const open = children.find((c) => c.type === '(');
  const close = children.find((c) => c.type === ')');
  const nameNodes = statement.childrenForFieldName('name').filter((c): c is SyntaxNode => c !== null);
  const entries: ImportEntry[] = [];
  let previousEnd = open ? open.endIndex : -1;
  for (const node of nameNodes) {
    const nameNode = node.type === 'aliased_import' ? node.childForFieldName('name') : node;
    const aliasNode = node.type === 'aliased_import' ? node.childForFieldName('alias') : null;
    const name = nameNode ? nameNode.text : node.text;
    const local = aliasNode ? aliasNode.text : name;
    const destination = destinationOf(name, local, moduleText, lookups);
    const next = node.nextSibling;
    const comma = next?.type === ',';
    const after = comma && next ? next.endIndex : node.endIndex;
    const lineEnd = lineEndOf(text, after);
    const following = children.find((c) => c.startIndex >= after && c.type !== 'comment');
    const trailingEnd = following && following.startIndex < lineEnd ? after : lineEnd;
    entries.push({
      node,
      name,
      module: destination.module,
      clause:
        destination.clause === text.slice(node.startIndex, node.endIndex) ? node.text : destination.clause,
      leading: previousEnd >= 0 ? wholeLinesBetween(text, previousEnd, node.startIndex) : '',
      indent: text.slice(lineStartOf(text, node.startIndex), node.startIndex),
      comma,
      trailing: text.slice(after, trailingEnd),
    });
    previousEnd = trailingEnd;
  }
  if (entries.length === 0) return { edits: [] };
  const asImport = (module: string): FromImport => {
    const level = /^\.*/.exec(module)?.[0].length ?? 0;
    const first = entries.find((e) => e.module === module)?.clause ?? '';
    return { level, module: module.slice(level), names: [first] };
  };
  const modules = [...new Set(entries.map((e) => e.module))].sort((a, b) =>
    compareFromImports(asImport(a), asImport(b)),
  );
  const clauseChanged = (e: ImportEntry) => e.clause !== text.slice(e.node.startIndex, e.node.endIndex);
  if (modules.length === 1) {
    const only = modules[0] as string;
    const edits: TextEdit[] = [];
    if (only !== moduleText)
      edits.push({ range: { start: moduleNode.startIndex, end: moduleNode.endIndex }, newText: only });
    for (const e of entries) {
      if (clauseChanged(e))
        edits.push({ range: { start: e.node.startIndex, end: e.node.endIndex }, newText: e.clause });
    }
    return { edits };
  }
  const nl = newlineAt(text, statement.startIndex);
  const statementIndent = text.slice(lineStartOf(text, statement.startIndex), statement.startIndex);
  const separator = /^[ \t]*$/.test(statementIndent) ? `${nl}${statementIndent}` : '; ';
  const onePerLine =
    open !== undefined &&
    close !== undefined &&
    entries.every((e) => /^[ \t]*$/.test(e.indent)) &&
    new Set(entries.map((e) => lineStartOf(text, e.node.startIndex))).size === entries.length &&
    lineStartOf(text, close.startIndex) >
      lineStartOf(text, (entries[entries.length - 1] as ImportEntry).node.startIndex);
  const last = entries[entries.length - 1] as ImportEntry;
  const rendered = modules.map((module) => {
    const mine = entries.filter((e) => e.module === module);
    const before = text.slice(statement.startIndex, moduleNode.startIndex);
    if (!onePerLine || !open || !close) {
      const names = mine.map((e) => e.clause).join(', ');
      const body = open && mine.length > 1 ? `(${names})` : names;
      return `${before}${module} import ${body}`;
    }
    const header = `${before}${module}${text.slice(moduleNode.endIndex, lineEndOf(text, open.endIndex))}${nl}`;
    const lines = mine.map((e, i) => {
      const comma = e.comma || i < mine.length - 1 ? ',' : '';
      return `${e.leading}${e.indent}${e.clause}${comma}${e.trailing}${nl}`;
    });
    // Comment lines between the last name and `)` stay with the group that held the last name.
    const tail = mine.includes(last) ? wholeLinesBetween(text, last.node.endIndex, close.startIndex) : '';
    const footer = text.slice(lineStartOf(text, close.startIndex), close.endIndex);
    return `${header}${lines.join('')}${tail}${footer}`;
  });
  // A pragma after the statement (`# noqa: F401`, `# type: ignore`) applies per line: repeat it on each new line.
  const after = text.slice(statement.endIndex, lineEndOf(text, statement.endIndex));
  const pragma = PRAGMA.test(after) && separator !== '; ' ? after : '';
  const joined = rendered.map((r, i) => (i < rendered.length - 1 ? `${r}${pragma}` : r)).join(separator);
  return { edits: [{ range: { start: statement.startIndex, end: statement.endIndex }, newText: joined }] };
}

function statementAt(root: SyntaxNode, site: ImporterSite): SyntaxNode | undefined {
  for (
    let node: SyntaxNode | null = root.descendantForIndex(site.range.start, site.range.end);
    node;
    node = node.parent
  ) {
    if (node.type === 'import_from_statement' && node.startIndex === site.range.start) return node;
  }
  return undefined;
}

/**
 * For `--rewrite-imports`: edits pointing each importer at the submodule that defines what it imports.
 *
 * ```python
 * from app.models import GitHubIntegration, JiraIssue as Issue   # before
 * from app.models.github import GitHubIntegration                 # after (one statement per submodule,
 * from app.models.jira import JiraIssue as Issue                  #  modules in sorted order)
 * from .models import SYNC_STATUS_SYNCED    # -> from app.constants import SYNC_STATUS_SYNCED (the module's own
 *                                           #    absolute import of it); relative origins stay on the package
 * import app.models as m                    # unchanged (MS470): m.GitHubIntegration works through re-exports
 * ```
 * Migrations are never edited. When the module is a package's `__init__.py`, files inside that package are left
 * alone too: pointing them at a submodule can close an import cycle through the new files.
 */
export async function collectImportRewriteEdits(
  analysis: ModuleAnalysis,
  location: ModuleLocation,
  usage: ProjectUsage,
  resolved: ResolvedPlan,
  readText: ReadProjectText,
): Promise<ConsistencyEdits> {
  const lookups = collectNameLookups(analysis, location, usage, resolved);
  const packageFolder = location.isPackageInit
    ? location.modulePath.replace(/\/?__init__\.py$/, '')
    : undefined;
  const insidePackage = (file: string) =>
    packageFolder !== undefined && (packageFolder === '' || file.startsWith(`${packageFolder}/`));
  const diagnostics: Diagnostic[] = [];
  const edits = new Map<string, TextEdit[]>();
  const sites = usage.importers.filter((s) => !isMigrationPath(s.file));
  for (const site of sites) {
    const where = siteLocation(site);
    if (site.form === 'star-import') {
      diagnostics.push({
        code: 'MS471',
        severity: 'info',
        message: `\`from ${location.dotted} import *\` is left as is: the package gives it what the module gave`,
        location: where,
        help: 'replace it with explicit imports if they should name the submodules',
      });
    } else if (site.moduleAlias !== undefined) {
      diagnostics.push({
        code: 'MS470',
        severity: 'info',
        message: `\`${site.moduleAlias}\` is the module object: \`${site.moduleAlias}.X\` keeps working through the package's re-exports, so this import is left as is`,
        location: where,
        help: 'import from the submodules directly if you prefer the new paths',
      });
    }
  }
  const fromSites = sites.filter(
    (s) => (s.form === 'from-import' || s.form === 'relative-from-import') && !insidePackage(s.file),
  );
  const files = [...new Set(fromSites.map((s) => s.file))].sort();
  for (const file of files) {
    const text = tryRead(readText, file);
    if (text === undefined) continue;
    const rewritten = new Map<SyntaxNode, TextEdit[]>();
    await withParsedPython(text, (root) => {
      for (const site of fromSites.filter((s) => s.file === file)) {
        const statement = statementAt(root, site);
        if (!statement) continue;
        const result = rewriteStatement(statement, text, lookups).edits;
        if (result.length > 0) rewritten.set(statement, result);
      }
      edits.set(file, sortedBlockEdits(root, text, rewritten));
    });
  }
  return { changes: editChanges(edits), diagnostics };
}

/**
 * The rewrite edits, with each module-level block of adjacent imports that holds a rewritten statement re-sorted
 * the way ruff sorts it, when the original block was sorted (then the rewritten names would otherwise leave it
 * unsorted: `models.github` before `models.credentials`). A block ends at a blank line, a comment line or any
 * other statement; nothing moves across them, and unsorted blocks are left in their order.
 */
function sortedBlockEdits(
  root: SyntaxNode,
  text: string,
  rewritten: ReadonlyMap<SyntaxNode, TextEdit[]>,
): TextEdit[] {
  const out: TextEdit[] = [];
  // tree-sitter hands out a new node object per access: statements are known by their start offset.
  const byStart = new Map([...rewritten].map(([node, edits]) => [node.startIndex, edits]));
  const done = new Set<number>();
  const top = root.namedChildren.filter((c): c is SyntaxNode => c !== null);
  for (const statement of rewritten.keys()) {
    if (done.has(statement.startIndex)) continue;
    const atTop = statement.parent?.type === 'module';
    const block = atTop ? findImportBlock(top, statement, text) : [statement];
    for (const member of block) done.add(member.startIndex);
    const blockEdits = block.flatMap((member) => byStart.get(member.startIndex) ?? []);
    out.push(...((block.length > 1 ? resortBlock(block, text, blockEdits) : undefined) ?? blockEdits));
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

/** Module-level import statements adjacent to `statement`: one per line, no blank or comment line between. */
function findImportBlock(top: readonly SyntaxNode[], statement: SyntaxNode, text: string): SyntaxNode[] {
  const statements = top.filter((n) => n.type !== 'comment');
  const at = statements.findIndex((n) => n.startIndex === statement.startIndex);
  const isImport = (n: SyntaxNode | undefined) =>
    n !== undefined && (n.type === 'import_statement' || n.type === 'import_from_statement');
  // Adjacent: the next statement starts on the line right after this one ends, with only a same-line comment.
  const adjacent = (a: SyntaxNode, b: SyntaxNode) => {
    const between = text.slice(a.endIndex, b.startIndex);
    return /^[ \t]*(#[^\r\n]*)?(\r\n|\n|\r)$/.test(between);
  };
  let first = at;
  while (
    first > 0 &&
    isImport(statements[first - 1]) &&
    adjacent(statements[first - 1] as SyntaxNode, statements[first] as SyntaxNode)
  )
    first--;
  let last = at;
  while (
    isImport(statements[last + 1]) &&
    adjacent(statements[last] as SyntaxNode, statements[last + 1] as SyntaxNode)
  )
    last++;
  return statements.slice(first, last + 1);
}

/** Sort key of one import statement's text, as ruff orders statements in one section; undefined if unknown. */
function statementKey(
  statementText: string,
): { plain: boolean; from?: FromImport; module: string } | undefined {
  const plain = /^import\s+([\w.]+)/.exec(statementText);
  if (plain) return { plain: true, module: plain[1] as string };
  const from = parseFromImport(statementText);
  return from ? { plain: false, from, module: from.module } : undefined;
}

function compareStatements(
  a: NonNullable<ReturnType<typeof statementKey>>,
  b: NonNullable<ReturnType<typeof statementKey>>,
): number {
  if (a.plain !== b.plain) return a.plain ? -1 : 1;
  if (a.plain)
    return (
      compareNatural(a.module.toLowerCase(), b.module.toLowerCase()) || compareNatural(a.module, b.module)
    );
  return compareFromImports(a.from as FromImport, b.from as FromImport);
}

/**
 * One edit replacing the block by its rewritten statements in ruff's order, or undefined when the original block
 * was not sorted (or a statement is not understood).
 */
function resortBlock(
  block: readonly SyntaxNode[],
  text: string,
  edits: readonly TextEdit[],
): TextEdit[] | undefined {
  const lineText = (n: SyntaxNode) => ({ start: n.startIndex, end: lineEndOf(text, n.endIndex) });
  const originalKeys = block.map((n) => statementKey(text.slice(n.startIndex, n.endIndex)));
  if (originalKeys.some((k) => k === undefined)) return undefined;
  const keys = originalKeys as NonNullable<ReturnType<typeof statementKey>>[];
  if (keys.some((k, i) => i > 0 && compareStatements(keys[i - 1] as (typeof keys)[number], k) > 0))
    return undefined;
  const nl = newlineAt(text, (block[0] as SyntaxNode).startIndex);
  const parts: { text: string; key: NonNullable<ReturnType<typeof statementKey>> }[] = [];
  for (const node of block) {
    const range = lineText(node);
    const inside = edits
      .filter((e) => e.range.start >= range.start && e.range.end <= range.end)
      .map((e) => ({
        range: { start: e.range.start - range.start, end: e.range.end - range.start },
        newText: e.newText,
      }));
    const rewritten = applyEdits(text.slice(range.start, range.end), inside);
    // A statement split per submodule: one part per statement (each starts a line with `from`).
    for (const part of rewritten.split(/(?:\r\n|\n|\r)(?=from\s|import\s)/)) {
      const key = statementKey(part);
      if (!key) return undefined;
      parts.push({ text: part, key });
    }
  }
  const sorted = parts
    .map((p, i) => ({ ...p, i }))
    .sort((a, b) => compareStatements(a.key, b.key) || a.i - b.i);
  const start = (block[0] as SyntaxNode).startIndex;
  const end = lineEndOf(text, (block[block.length - 1] as SyntaxNode).endIndex);
  return [{ range: { start, end }, newText: sorted.map((p) => p.text).join(nl) }];
}
