// Edits on import statements, on the original text: trim a statement to the names a file uses (keeping aliases,
// parentheses, comments and style) and move relative imports one package level deeper. Never re-prints a
// statement; whatever is kept is the original slice.

import type { TextEdit, TextRange } from '../model/text.js';
import type { SyntaxNode } from '../read/parse-python.js';

const IMPORT_TYPES = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

export function isImportNode(node: SyntaxNode): boolean {
  return IMPORT_TYPES.has(node.type);
}

/** The name a clause binds: `a` for `import a.b`, `z` for `y as z`, `y` for `from x import y`, `*`. */
export function clauseBoundName(clause: SyntaxNode, statement: SyntaxNode): string {
  if (clause.type === 'wildcard_import') return '*';
  if (clause.type === 'aliased_import') return clause.childForFieldName('alias')?.text ?? clause.text;
  if (statement.type === 'import_statement') return clause.text.split('.')[0]?.trim() ?? clause.text;
  return clause.text;
}

/** The clauses of an import statement in order (`name` fields, or the wildcard). */
export function collectClauses(statement: SyntaxNode): SyntaxNode[] {
  const wildcard = statement.namedChildren.find((c) => c?.type === 'wildcard_import');
  if (wildcard) return [wildcard];
  return statement.childrenForFieldName('name').filter((c): c is SyntaxNode => c !== null);
}

/**
 * Edits that trim one import statement to the clauses whose bound name `keep` accepts; `[]` when all are kept,
 * `null` when none is (the caller drops the statement).
 *
 * ```python
 * from x import (a,  # about a
 *     b, c)          # keep a, c  ->  from x import (a,  # about a
 *                    #                    c)
 * ```
 */
export function trimImportEdits(
  text: string,
  statement: SyntaxNode,
  keep: (name: string) => boolean,
): TextEdit[] | null {
  if (statement.type === 'future_import_statement') return [];
  const clauses = collectClauses(statement);
  const kept = clauses.map((c) => keep(clauseBoundName(c, statement)));
  if (kept.every((k) => k)) return [];
  if (!kept.some((k) => k)) return null;
  const edits: TextEdit[] = [];
  const parenthesized = statement.children.some((c) => c?.type === '(');
  const n = clauses.length;
  const lastKept = kept.lastIndexOf(true);
  // Dropped clauses before the last kept one: remove from the clause to the next clause's start.
  for (let i = 0; i < lastKept; i++) {
    if (kept[i]) continue;
    const clause = clauses[i] as SyntaxNode;
    edits.push({
      range: { start: clause.startIndex, end: (clauses[i + 1] as SyntaxNode).startIndex },
      newText: '',
    });
  }
  if (lastKept < n - 1) {
    const keptClause = clauses[lastKept] as SyntaxNode;
    const lastClause = clauses[n - 1] as SyntaxNode;
    const separator = text.slice(keptClause.endIndex, (clauses[lastKept + 1] as SyntaxNode).startIndex);
    const newline = /\r\n|\n|\r/.exec(separator);
    if (parenthesized && newline) {
      // Keep the kept clause's comma and comment line; the closing part loses the dropped clause's comma/comment.
      const cut = keptClause.endIndex + newline.index + newline[0].length;
      const tail = text.slice(lastClause.endIndex, statement.endIndex);
      const junk = /^,?[ \t]*(#[^\r\n]*)?(\r\n|\n|\r)?[ \t]*/.exec(tail)?.[0] ?? '';
      edits.push({ range: { start: cut, end: lastClause.endIndex + junk.length }, newText: '' });
    } else {
      edits.push({ range: { start: keptClause.endIndex, end: lastClause.endIndex }, newText: '' });
    }
  }
  return edits;
}

/**
 * Edits that make every relative import inside `range` `depth` levels deeper (`from .exc import X` ->
 * `from ..exc import X`, `from . import utils` -> `from .. import utils`), including imports inside functions.
 */
export function rebaseRelativeImportEdits(
  nodes: readonly SyntaxNode[],
  depth: number,
  range: TextRange,
): TextEdit[] {
  if (depth === 0) return [];
  const edits: TextEdit[] = [];
  const dots = '.'.repeat(depth);
  for (const node of nodes) {
    const statements = node.type === 'import_from_statement' ? [node] : [];
    statements.push(
      ...node.descendantsOfType('import_from_statement').filter((s): s is SyntaxNode => s !== null),
    );
    for (const statement of statements) {
      const module = statement.childForFieldName('module_name');
      if (module?.type !== 'relative_import') continue;
      const prefix = module.namedChildren.find((c) => c?.type === 'import_prefix') ?? module;
      if (prefix.startIndex < range.start || prefix.startIndex > range.end) continue;
      edits.push({ range: { start: prefix.startIndex, end: prefix.startIndex }, newText: dots });
    }
  }
  return dedupeEdits(edits);
}

function dedupeEdits(edits: TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const key = `${e.range.start}:${e.range.end}:${e.newText}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** End of the line holding `offset`, including its newline. */
export function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  return i < text.length ? i + 1 : i;
}

/**
 * Edits that trim an import-only unit (simple imports, `if TYPE_CHECKING:` blocks, try/except import fallbacks)
 * to the names `keep` accepts: unused clauses and statements go, a branch left empty gets `pass`, and an
 * except-branch fallback `name = None` goes with its name. Null when nothing of the unit is needed.
 */
export function trimImportUnitEdits(
  text: string,
  statements: readonly SyntaxNode[],
  keep: (name: string) => boolean,
): TextEdit[] | null {
  if (statements.every((s) => isImportNode(s))) {
    const results = statements.map((s) => trimImportEdits(text, s, keep));
    if (results.every((r) => r === null)) return null;
    const edits: TextEdit[] = [];
    statements.forEach((statement, i) => {
      const result = results[i];
      if (result !== null && result !== undefined) {
        edits.push(...result);
        return;
      }
      // Several statements on one line (`import a; import b`): drop this one with its `;` separator.
      const next = statements[i + 1];
      const prev = statements[i - 1];
      if (next) edits.push({ range: { start: statement.startIndex, end: next.startIndex }, newText: '' });
      else if (prev) edits.push({ range: { start: prev.endIndex, end: statement.endIndex }, newText: '' });
    });
    return sortEdits(edits);
  }
  let anyImportKept = false;
  const edits: TextEdit[] = [];
  const visitBlock = (block: SyntaxNode) => {
    const children = block.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
    const dropped: SyntaxNode[] = [];
    let survivors = 0;
    for (const child of children) {
      if (isImportNode(child)) {
        const result = trimImportEdits(text, child, keep);
        if (result === null) dropped.push(child);
        else {
          anyImportKept = true;
          survivors++;
          edits.push(...result);
        }
      } else if (child.type === 'if_statement' || child.type === 'try_statement') {
        for (const inner of branchBlocks(child)) visitBlock(inner);
        survivors++;
      } else if (isFallbackAssignment(child) && !keep(fallbackTarget(child))) {
        dropped.push(child);
      } else {
        survivors++;
      }
    }
    dropped.forEach((node, i) => {
      const start = lineStartOf(text, node.startIndex);
      const end = lineEndOf(text, node.endIndex);
      if (survivors === 0 && i === 0) {
        edits.push({ range: { start: node.startIndex, end: node.endIndex }, newText: 'pass' });
      } else {
        edits.push({ range: { start, end }, newText: '' });
      }
    });
  };
  for (const statement of statements) for (const block of branchBlocks(statement)) visitBlock(block);
  if (!anyImportKept) return null;
  return sortEdits(edits);
}

function branchBlocks(node: SyntaxNode): SyntaxNode[] {
  const blocks: SyntaxNode[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'block') blocks.push(child);
    else if (/_clause$/.test(child.type)) {
      for (const inner of child.namedChildren) if (inner?.type === 'block') blocks.push(inner);
    }
  }
  return blocks;
}

function isFallbackAssignment(node: SyntaxNode): boolean {
  const assignment = node.type === 'expression_statement' ? node.namedChild(0) : null;
  return assignment?.type === 'assignment' && assignment.childForFieldName('left')?.type === 'identifier';
}

function fallbackTarget(node: SyntaxNode): string {
  return node.namedChild(0)?.childForFieldName('left')?.text ?? '';
}

/** Edits in text order (touching deletions are fine: applyEdits rejects only overlaps). */
function sortEdits(edits: TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

/**
 * Edits that write `X as X` for plain clauses binding one of `names` (ruff's F401 reads a redundant alias in
 * `__init__.py` as an explicit re-export). Dotted `import a.b` is left alone: `as` would change what it binds.
 */
export function redundantAliasEdits(
  statements: readonly SyntaxNode[],
  names: ReadonlySet<string>,
): TextEdit[] {
  const edits: TextEdit[] = [];
  const visit = (node: SyntaxNode) => {
    if (node.type === 'import_statement' || node.type === 'import_from_statement') {
      for (const clause of collectClauses(node)) {
        if (clause.type !== 'dotted_name' || clause.text.includes('.')) continue;
        if (names.has(clause.text))
          edits.push({
            range: { start: clause.endIndex, end: clause.endIndex },
            newText: ` as ${clause.text}`,
          });
      }
      return;
    }
    for (const child of node.namedChildren) if (child) visit(child);
  };
  for (const statement of statements) visit(statement);
  return edits;
}
