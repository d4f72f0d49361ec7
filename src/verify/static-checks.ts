// Checks of a change set before anything is written, with the parser only: every .py re-parses, every statement of
// the original lands in exactly one new file, sibling imports are acyclic, names resolve, no new unused import.
// Scope-exact name checks come from analyze's collectStatementFacts; dynamic names (`globals()[x] = ...`) are the
// Python oracle's business, so names the original could not resolve statically are not reported here either.

import { posix } from 'node:path';
import { collectStatementFacts, type StatementFacts } from '../analyze/dependencies/index.js';
import { collectImportBindings, isImportStatement } from '../analyze/units/import-bindings.js';
import type { ChangeSet } from '../model/changes.js';
import type { Diagnostic, DiagnosticLocation } from '../model/diagnostics.js';
import { PYTHON_BUILTINS } from '../model/python-names.js';
import type { SourceFile } from '../model/source.js';
import { applyEdits, computeLineStarts, positionAt, type TextRange } from '../model/text.js';
import type { ImportBinding } from '../model/units.js';
import { findSyntaxError, parsePython, type SyntaxNode } from '../read/parse-python.js';
import { collectSiblingImports, findImportCycles, type SiblingImport } from './sibling-imports.js';

export interface StaticVerifyContext {
  /** The new package's folder relative to the change set's root, POSIX (`shop/models`); new files live in it. */
  readonly packageDir: string;
  /** Dotted name of the package (`shop.models`), to recognize absolute sibling imports. */
  readonly packageDotted?: string;
  /**
   * Ranges of the original text that must each land verbatim in exactly one new file (e.g. the moved units'
   * ranges). Default: every top-level statement except imports (and blocks of only imports), the docstring and
   * `__all__`.
   */
  readonly slices?: readonly TextRange[];
  /** Current text of files the change set edits (path relative to root → text), so they can be re-parsed. */
  readonly fileTexts?: Readonly<Record<string, string>>;
  /**
   * Slices of the original deliberately repeated in several files (the per-module idiom
   * `logger = logging.getLogger(__name__)`, chosen and reported by the plan): they must appear at least once.
   */
  readonly allowedCopies?: readonly TextRange[];
}

/** What one parsed file tells the checks. */
interface FileFacts {
  /** Names bound at module level (assignments, defs, imports, `global` writes). */
  readonly defined: ReadonlySet<string>;
  /** `defined` plus builtins. */
  readonly bound: ReadonlySet<string>;
  /** Global uses, first occurrence per name (string references excluded: they are not loads). */
  readonly uses: ReadonlyMap<string, number>;
  /** Every name the file mentions as a global, including string annotations and `__all__` entries. */
  readonly mentioned: ReadonlySet<string>;
  readonly imports: readonly { readonly binding: ImportBinding; readonly noqa: boolean }[];
  readonly hasStarImport: boolean;
  readonly siblingImports: readonly SiblingImport[];
}

function relativePath(root: string, path: string): string {
  const normalized = path.replaceAll('\\', '/');
  if (!posix.isAbsolute(normalized)) return posix.normalize(normalized);
  return posix.relative(root.replaceAll('\\', '/'), normalized);
}

/** Final text of every .py file the change set creates, renames with content, or edits. */
function collectFinalTexts(
  changeSet: ChangeSet,
  original: SourceFile,
  originalPath: string,
  context: StaticVerifyContext,
  diagnostics: Diagnostic[],
): Map<string, string> {
  const texts = new Map<string, string>();
  const known = (path: string) =>
    path === originalPath ? original.text : (texts.get(path) ?? context.fileTexts?.[path]);
  for (const change of changeSet.changes) {
    if (change.kind === 'create') texts.set(change.path, change.text);
    else if (change.kind === 'rename') {
      const text = change.text ?? known(change.from);
      texts.delete(change.from);
      if (text !== undefined) texts.set(change.to, text);
    } else if (change.kind === 'delete') texts.delete(change.path);
    else {
      const base = known(change.path);
      if (base === undefined) {
        if (change.path.endsWith('.py')) {
          diagnostics.push({
            code: 'MS607',
            severity: 'info',
            message: `${change.path} is edited but its text was not given, so it was not re-parsed`,
            location: { path: change.path, line: 1, column: 1 },
            help: 'pass the file’s text in context.fileTexts',
          });
        }
        continue;
      }
      texts.set(change.path, applyEdits(base, change.edits));
    }
  }
  for (const path of [...texts.keys()]) if (!path.endsWith('.py')) texts.delete(path);
  return texts;
}

function locate(
  path: string,
  text: string,
  offset: number,
  lineStarts?: readonly number[],
): DiagnosticLocation {
  const { line, column } = positionAt(lineStarts ?? computeLineStarts(text), offset);
  return { path, line, column };
}

const noqaPattern = /#\s*noqa(?::[^\n\r]*\bF401\b|(?![:\w]))/i;

function hasNoqa(text: string, statement: SyntaxNode): boolean {
  const end = text.slice(statement.endIndex).search(/[\r\n]|$/);
  return noqaPattern.test(text.slice(statement.startIndex, statement.endIndex + end));
}

function collectFileFacts(
  root: SyntaxNode,
  text: string,
  stems: ReadonlySet<string>,
  packageDotted: string | undefined,
): FileFacts {
  const facts: StatementFacts[] = collectStatementFacts(root);
  const defined = new Set<string>();
  const uses = new Map<string, number>();
  const mentioned = new Set<string>();
  let hasStarImport = false;
  for (const fact of facts) {
    for (const name of [...fact.binds, ...fact.globalWrites]) defined.add(name);
    if (fact.starImports && fact.starImports.length > 0) hasStarImport = true;
    for (const use of fact.uses) {
      mentioned.add(use.name);
      if (use.when !== 'string-ref' && !uses.has(use.name)) uses.set(use.name, use.range.start);
    }
    if (fact.binds.includes('__all__')) {
      for (const match of text.slice(fact.start, fact.end).matchAll(/['"]([A-Za-z_]\w*)['"]/g)) {
        mentioned.add(match[1] as string);
      }
    }
  }
  const imports: { binding: ImportBinding; noqa: boolean }[] = [];
  for (const statement of root.namedChildren) {
    if (!statement || statement.type === 'comment') continue;
    const bindings = collectImportBindings(statement);
    for (const binding of bindings) {
      if (binding.name === '*' || binding.module === '__future__') continue;
      const host = isImportStatement(statement)
        ? statement
        : innermostStatement(statement, binding.range.start);
      imports.push({ binding, noqa: hasNoqa(text, host) });
    }
  }
  return {
    defined,
    bound: new Set([...PYTHON_BUILTINS, ...defined]),
    uses,
    mentioned,
    imports,
    hasStarImport,
    siblingImports: collectSiblingImports(root, stems, packageDotted),
  };
}

/** The import statement (inside a module-level block) that contains `offset`. */
function innermostStatement(statement: SyntaxNode, offset: number): SyntaxNode {
  const node = statement.descendantForIndex(offset);
  for (let current: SyntaxNode | null = node; current; current = current.parent) {
    if (isImportStatement(current)) return current;
  }
  return statement;
}

function isDocstring(statement: SyntaxNode, index: number): boolean {
  return (
    index === 0 &&
    statement.type === 'expression_statement' &&
    statement.namedChildCount === 1 &&
    statement.namedChild(0)?.type === 'string'
  );
}

/** A compound statement that holds imports only (`if TYPE_CHECKING:`, `try: import x / except: import y`). */
function holdsOnlyImports(node: SyntaxNode): boolean {
  if (isImportStatement(node)) return true;
  if (node.type === 'pass_statement' || node.type === 'comment') return true;
  if (!/_statement$|_clause$|^block$/.test(node.type) || node.type === 'expression_statement') return false;
  let sawBlock = false;
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'block' || child.type.endsWith('_clause')) {
      sawBlock = true;
      if (!holdsOnlyImports(child)) return false;
    } else if (node.type === 'block' && !holdsOnlyImports(child)) return false;
  }
  return sawBlock || node.type === 'block';
}

/** Default slices: the original's top-level statements that must move verbatim. */
function collectDefaultSlices(root: SyntaxNode, facts: readonly StatementFacts[]): TextRange[] {
  const slices: TextRange[] = [];
  let index = 0;
  let factIndex = 0;
  for (const statement of root.namedChildren) {
    if (!statement || statement.type === 'comment') continue;
    const fact = facts[factIndex++];
    const first = index++;
    if (isDocstring(statement, first) || holdsOnlyImports(statement)) continue;
    if (fact?.binds.includes('__all__') && fact.binds.length === 1) continue;
    slices.push({ start: statement.startIndex, end: statement.endIndex });
  }
  return slices;
}

/** Where `needle` occurs in `text`; at line starts only when `atLineStart`. */
function findOccurrences(text: string, needle: string, atLineStart: boolean): number[] {
  const found: number[] = [];
  if (needle.length === 0) return found;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const before = at === 0 ? '\n' : text[at - 1];
    if (!atLineStart || before === '\n' || before === '\r') found.push(at);
  }
  return found;
}

function checkCoverage(
  original: SourceFile,
  originalPath: string,
  slices: readonly TextRange[],
  newFiles: ReadonlyMap<string, string>,
  allowedCopies: readonly TextRange[],
  diagnostics: Diagnostic[],
): void {
  const copiesAllowed = new Set(allowedCopies.map((r) => original.text.slice(r.start, r.end)));
  const originalStarts = computeLineStarts(original.text);
  const byText = new Map<string, TextRange[]>();
  for (const slice of slices) {
    const text = original.text.slice(slice.start, slice.end);
    if (text.trim() === '') continue;
    const list = byText.get(text) ?? [];
    list.push(slice);
    byText.set(text, list);
  }
  for (const [text, ranges] of byText) {
    const first = ranges[0] as TextRange;
    const atLineStart = first.start === 0 || /[\r\n]/.test(original.text[first.start - 1] ?? '');
    const expected = findOccurrences(original.text, text, atLineStart).length;
    const places: { path: string; offsets: number[] }[] = [];
    let actual = 0;
    for (const [path, fileText] of newFiles) {
      const offsets = findOccurrences(fileText, text, atLineStart);
      if (offsets.length > 0) places.push({ path, offsets });
      actual += offsets.length;
    }
    const head = text.split(/\r\n|\r|\n/)[0] ?? '';
    const shown = head.length > 60 ? `${head.slice(0, 57)}...` : head;
    if (actual < expected) {
      diagnostics.push({
        code: 'MS602',
        severity: 'error',
        message: `\`${shown}\` (${originalPath}) is missing from the new files: it would be lost`,
        location: locate(originalPath, original.text, first.start, originalStarts),
        ...(actual > 0 ? { notes: [`found ${actual} of ${expected} copies`] } : {}),
        help: 'place the statement in exactly one new file',
      });
    } else if (actual > expected && !copiesAllowed.has(text)) {
      const where = places[0] as { path: string; offsets: number[] };
      const newText = newFiles.get(where.path) as string;
      diagnostics.push({
        code: 'MS603',
        severity: 'error',
        message: `\`${shown}\` appears ${actual} times in the new files (${expected} in ${originalPath}): a copy is a second object`,
        location: locate(where.path, newText, where.offsets[0] as number),
        notes: places.map((p) => `${p.path}: ${p.offsets.length}×`),
        help: 'keep the statement in one file and import it in the others',
      });
    }
  }
}

/** Unresolved names and unused imports that the original module did not have already. */
function checkNames(
  path: string,
  text: string,
  facts: FileFacts,
  originalFacts: FileFacts,
  isInit: boolean,
  diagnostics: Diagnostic[],
): void {
  const lineStarts = computeLineStarts(text);
  if (!facts.hasStarImport) {
    for (const [name, offset] of facts.uses) {
      if (facts.bound.has(name)) continue;
      if (!originalFacts.hasStarImport && !originalFacts.bound.has(name)) continue;
      diagnostics.push({
        code: 'MS605',
        severity: 'error',
        message: `\`${name}\` is used in ${path} but neither defined nor imported there`,
        location: locate(path, text, offset, lineStarts),
        help: `import \`${name}\` in ${path} from where it is now defined`,
      });
    }
  }
  if (isInit) return;
  // An import the original already had and never used (nor marked `# noqa`) is not new: leave it to the linter.
  const unusedBefore = (name: string) =>
    !originalFacts.mentioned.has(name) &&
    originalFacts.imports.some((i) => !i.noqa && i.binding.name === name);
  for (const { binding, noqa } of facts.imports) {
    if (noqa || facts.mentioned.has(binding.name) || unusedBefore(binding.name)) continue;
    diagnostics.push({
      code: 'MS606',
      severity: 'warning',
      message: `\`${binding.name}\` is imported in ${path} but never used there`,
      location: locate(path, text, binding.range.start, lineStarts),
      help: 'remove the import (or mark a side-effect import with `# noqa: F401`)',
    });
  }
}

/** `from .b import g` where b.py (a new file) binds no `g`: ImportError at import time. */
function checkSiblingNames(
  path: string,
  text: string,
  facts: FileFacts,
  packageDir: string,
  factsByPath: ReadonlyMap<string, FileFacts>,
  diagnostics: Diagnostic[],
): void {
  for (const imp of facts.siblingImports) {
    if (imp.name === undefined) continue;
    const targetPath = posix.join(packageDir, `${imp.target}.py`);
    const target = factsByPath.get(targetPath);
    if (!target || target.hasStarImport || target.defined.has(imp.name)) continue;
    diagnostics.push({
      code: 'MS608',
      severity: 'error',
      message: `${path} imports \`${imp.name}\` from ${targetPath}, which does not define it`,
      location: locate(path, text, imp.offset),
      help: `move \`${imp.name}\` to ${targetPath}, or import it from the file that defines it`,
    });
  }
}

function checkCycles(
  packageDir: string,
  newFiles: ReadonlyMap<string, string>,
  factsByPath: ReadonlyMap<string, FileFacts>,
  diagnostics: Diagnostic[],
): void {
  const edges = new Map<string, string[]>();
  const firstImport = new Map<string, SiblingImport>();
  const pathOf = (stem: string) => posix.join(packageDir, `${stem}.py`);
  for (const [path, facts] of factsByPath) {
    const stem = posix.basename(path, '.py');
    const targets: string[] = [];
    for (const imp of facts.siblingImports) {
      if (imp.target === stem) continue;
      if (!targets.includes(imp.target)) targets.push(imp.target);
      const key = `${stem}\0${imp.target}`;
      if (!firstImport.has(key)) firstImport.set(key, imp);
    }
    edges.set(stem, targets);
  }
  for (const cycle of findImportCycles(edges)) {
    const hops = cycle.map((stem, i) => [stem, cycle[(i + 1) % cycle.length] as string] as const);
    const notes = hops.map(([from, to]) => {
      const imp = firstImport.get(`${from}\0${to}`) as SiblingImport;
      const where = locate(pathOf(from), newFiles.get(pathOf(from)) ?? '', imp.offset);
      return `${where.path}:${where.line}: ${imp.statement}`;
    });
    const [from, to] = hops[0] as readonly [string, string];
    const imp = firstImport.get(`${from}\0${to}`) as SiblingImport;
    diagnostics.push({
      code: 'MS604',
      severity: 'error',
      message: `new files import each other at module level: ${[...cycle, cycle[0]].map((s) => `${s}.py`).join(' -> ')}`,
      location: locate(pathOf(from), newFiles.get(pathOf(from)) ?? '', imp.offset),
      notes,
      help: 'put the files of the cycle together, or move the shared names to a file both import',
    });
  }
}

/**
 * Check a change set without running anything: every created or edited `.py` parses cleanly (MS601); every slice
 * of the original lands verbatim in exactly one file of `context.packageDir` (MS602 lost, MS603 copied); the new
 * files' module-level sibling imports are acyclic (MS604) and take only names the sibling binds (MS608); every
 * name a new file uses is bound there, imported or a builtin (MS605); no new file imports a name it never uses
 * (MS606, `__init__.py` re-exports exempt). Returns diagnostics located at `path:line:column`.
 *
 * ```python
 * # billing.py uses Decimal, but only models.py imported it  -> MS605 billing.py:6:16
 * ```
 */
export async function verifyChangeSetStatically(
  changeSet: ChangeSet,
  originalSource: SourceFile,
  context: StaticVerifyContext,
): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  const originalPath = relativePath(changeSet.root, originalSource.path);
  const packageDir = posix.normalize(context.packageDir.replaceAll('\\', '/')).replace(/\/$/, '');
  const texts = collectFinalTexts(changeSet, originalSource, originalPath, context, diagnostics);
  const newFiles = new Map([...texts].filter(([path]) => posix.dirname(path) === packageDir));
  const stems = new Set([...newFiles.keys()].map((path) => posix.basename(path, '.py')));

  const originalTree = await parsePython(originalSource.text);
  let originalFacts: FileFacts;
  let slices: readonly TextRange[];
  try {
    const root = originalTree.rootNode;
    originalFacts = collectFileFacts(root, originalSource.text, new Set(), undefined);
    slices = context.slices ?? collectDefaultSlices(root, collectStatementFacts(root));
  } finally {
    originalTree.delete();
  }

  const factsByPath = new Map<string, FileFacts>();
  for (const [path, text] of texts) {
    const tree = await parsePython(text);
    try {
      const error = findSyntaxError(tree.rootNode);
      if (error) {
        diagnostics.push({
          code: 'MS601',
          severity: 'error',
          message: `${path} does not parse: ${error.isMissing ? `missing \`${error.type}\`` : 'syntax error'} here`,
          location: locate(path, text, error.startIndex),
          help: 'report this as a modsplit bug, with the module and the plan',
        });
        continue;
      }
      if (newFiles.has(path)) {
        factsByPath.set(path, collectFileFacts(tree.rootNode, text, stems, context.packageDotted));
      }
    } finally {
      tree.delete();
    }
  }

  checkCoverage(originalSource, originalPath, slices, newFiles, context.allowedCopies ?? [], diagnostics);
  checkCycles(packageDir, newFiles, factsByPath, diagnostics);
  for (const [path, facts] of factsByPath) {
    const isInit = posix.basename(path) === '__init__.py';
    checkSiblingNames(path, newFiles.get(path) as string, facts, packageDir, factsByPath, diagnostics);
    checkNames(path, newFiles.get(path) as string, facts, originalFacts, isInit, diagnostics);
  }
  return diagnostics;
}
