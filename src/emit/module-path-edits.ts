// `__file__`, `__name__`, `__package__`, `__spec__` in code that moves into a submodule now describe the submodule.
// Known directory forms are rewritten one level up (and reported); anything else involving `__file__`,
// `__package__` or `__spec__` is refused (MS402). This file finds and edits; it does not decide what moves.

import type { Diagnostic } from '../model/diagnostics.js';
import type { TextEdit } from '../model/text.js';
import type { SyntaxNode } from '../read/parse-python.js';

export interface ModulePathContext {
  /** How many folders deeper the code now sits: 1 when `m.py` becomes `m/x.py`, 0 for a package's `__init__.py`. */
  readonly depth: number;
  /** Whether the code stays in the package's `__init__.py` (where `__name__` keeps its meaning). */
  readonly inInit: boolean;
  /** Whether the code goes to `__main__.py`, where `__name__ == "__main__"` keeps working under `python -m`. */
  readonly inMain?: boolean;
  /** Path and line starts of the original module, for locations. */
  readonly path: string;
  readonly lineOf: (offset: number) => { line: number; column: number };
  /** Dotted name the code had (`app.models`) and will have (`app.models.github`), for messages. */
  readonly oldName: string;
  readonly newName: string;
}

export interface ModulePathResult {
  readonly edits: TextEdit[];
  readonly diagnostics: Diagnostic[];
}

const NAMES = new Set(['__file__', '__name__', '__package__', '__spec__']);

/** Identifier nodes that read one of the four module attributes (not `obj.__name__`, not `f(__name__=1)`). */
function collectReads(nodes: readonly SyntaxNode[]): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const node of nodes) {
    for (const id of node.descendantsOfType('identifier')) {
      if (!id || !NAMES.has(id.text)) continue;
      const parent = id.parent;
      if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.equals(id)) continue;
      if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.equals(id)) continue;
      out.push(id);
    }
  }
  return out;
}

/** `Path`, `pathlib.Path`, `PurePath`...: the callee of `Path(__file__)`. */
function isPathCall(call: SyntaxNode | null): call is SyntaxNode {
  if (call?.type !== 'call') return false;
  const fn = call.childForFieldName('function')?.text ?? '';
  return /(^|\.)(Pure|PurePosix|PureWindows|Posix|Windows)?Path$/.test(fn);
}

function callArgument(call: SyntaxNode): SyntaxNode | null {
  const args = call.childForFieldName('arguments');
  const named = args?.namedChildren.filter((c) => c?.type !== 'comment') ?? [];
  return named.length === 1 ? (named[0] ?? null) : null;
}

function isDirnameCall(call: SyntaxNode | null): call is SyntaxNode {
  if (call?.type !== 'call') return false;
  return /(^|\.)dirname$/.test(call.childForFieldName('function')?.text ?? '');
}

/** `__file__`, `os.path.abspath(__file__)`, `os.path.realpath(__file__)`. */
function isFileExpression(node: SyntaxNode, id: SyntaxNode): boolean {
  if (node.equals(id)) return true;
  if (node.type !== 'call') return false;
  const fn = node.childForFieldName('function')?.text ?? '';
  const arg = callArgument(node);
  return /(^|\.)(abspath|realpath|normpath)$/.test(fn) && arg?.equals(id) === true;
}

/**
 * How `__file__` at `id` is used, when it is a known folder form:
 * - `{ kind: 'parent', at }`: `Path(__file__)[.resolve()|.absolute()].parent` (insert `.parent` at `at`)
 * - `{ kind: 'parents', index }`: `Path(__file__).parents[N]` (replace the index node)
 * - `{ kind: 'dirname', call }`: `os.path.dirname(__file__)` (wrap the call in one more dirname)
 */
type FileForm =
  | { kind: 'parent'; at: number }
  | { kind: 'parents'; index: SyntaxNode }
  | { kind: 'dirname'; call: SyntaxNode };

function recognizeFileForm(id: SyntaxNode): FileForm | null {
  const args = id.parent;
  const call = args?.type === 'argument_list' ? args.parent : null;
  if (isDirnameCall(call) && callArgument(call)?.equals(id)) return { kind: 'dirname', call };
  if (call?.type === 'call' && isFileExpression(call, id)) {
    const outer = call.parent?.type === 'argument_list' ? call.parent.parent : null;
    if (isDirnameCall(outer) && callArgument(outer)?.equals(call)) return { kind: 'dirname', call: outer };
  }
  if (!isPathCall(call) || !callArgument(call)?.equals(id)) return null;
  // Walk `.resolve()` / `.absolute()` calls up to the first `.parent` / `.parents[N]`.
  let node: SyntaxNode = call;
  for (;;) {
    const parent = node.parent;
    if (parent?.type !== 'attribute' || !parent.childForFieldName('object')?.equals(node)) return null;
    const attr = parent.childForFieldName('attribute')?.text;
    if (attr === 'parent') return { kind: 'parent', at: parent.endIndex };
    if (attr === 'parents') {
      const sub = parent.parent;
      const index = sub?.type === 'subscript' ? sub.childForFieldName('subscript') : null;
      return index?.type === 'integer' ? { kind: 'parents', index } : null;
    }
    if ((attr === 'resolve' || attr === 'absolute') && parent.parent?.type === 'call') {
      node = parent.parent;
      continue;
    }
    return null;
  }
}

function isLoggerName(id: SyntaxNode): boolean {
  const args = id.parent;
  const call = args?.type === 'argument_list' ? args.parent : null;
  return call?.type === 'call' && /(^|\.)getLogger$/.test(call.childForFieldName('function')?.text ?? '');
}

/**
 * Edits and diagnostics for the module attributes read by `nodes` (the statements of one unit).
 *
 * ```python
 * BASE = Path(__file__).resolve().parent        # -> Path(__file__).resolve().parent.parent   (MS403)
 * HERE = os.path.dirname(__file__)              # -> os.path.dirname(os.path.dirname(__file__)) (MS403)
 * logger = logging.getLogger(__name__)          # unchanged; the logger becomes a child       (MS404)
 * files(__package__)                            # refused                                    (MS402)
 * ```
 */
export function modulePathEdits(
  text: string,
  nodes: readonly SyntaxNode[],
  context: ModulePathContext,
): ModulePathResult {
  const edits: TextEdit[] = [];
  const diagnostics: Diagnostic[] = [];
  const at = (node: SyntaxNode) => ({ path: context.path, ...context.lineOf(node.startIndex) });
  for (const id of collectReads(nodes)) {
    const name = id.text;
    if (name === '__name__') {
      if (context.inInit || context.inMain) continue;
      if (isLoggerName(id)) {
        diagnostics.push({
          code: 'MS404',
          severity: 'info',
          message: `\`getLogger(__name__)\` now names \`${context.newName}\`, a child of \`${context.oldName}\`: handlers and levels set on \`${context.oldName}\` still apply`,
          location: at(id),
        });
      } else {
        diagnostics.push({
          code: 'MS405',
          severity: 'warning',
          message: `\`__name__\` is now \`${context.newName}\` instead of \`${context.oldName}\``,
          location: at(id),
          help: `check what reads this value; write "${context.oldName}" if the old name is needed`,
        });
      }
      continue;
    }
    if (name === '__package__' || name === '__spec__') {
      if (context.depth === 0 && name === '__package__') continue;
      if (context.inInit && context.depth === 0) continue;
      diagnostics.push({
        code: 'MS402',
        severity: 'error',
        message: `\`${name}\` changes meaning in the new file (${context.oldName} -> ${context.inInit ? context.oldName : context.newName}), and modsplit cannot rewrite this use`,
        location: at(id),
        help: `replace \`${name}\` with the explicit package name before splitting, e.g. importlib.resources.files("${context.oldName.split('.').slice(0, -1).join('.') || context.oldName}")`,
      });
      continue;
    }
    // __file__
    const form = recognizeFileForm(id);
    if (!form) {
      if (context.inInit && context.depth === 0) continue;
      diagnostics.push({
        code: 'MS402',
        severity: 'error',
        message: '`__file__` now names the new file, and modsplit does not recognize this use of it',
        location: at(id),
        help: 'use `Path(__file__).parent` or `os.path.dirname(__file__)` for the folder, or make the path explicit, then split again',
      });
      continue;
    }
    if (context.depth === 0) continue;
    if (form.kind === 'parent') {
      edits.push({ range: { start: form.at, end: form.at }, newText: '.parent'.repeat(context.depth) });
    } else if (form.kind === 'parents') {
      const value = Number.parseInt(form.index.text, 10) + context.depth;
      edits.push({
        range: { start: form.index.startIndex, end: form.index.endIndex },
        newText: String(value),
      });
    } else {
      const fn = form.call.childForFieldName('function')?.text ?? 'os.path.dirname';
      edits.push({
        range: { start: form.call.startIndex, end: form.call.startIndex },
        newText: `${fn}(`.repeat(context.depth),
      });
      edits.push({
        range: { start: form.call.endIndex, end: form.call.endIndex },
        newText: ')'.repeat(context.depth),
      });
    }
    const line = text
      .slice(id.startIndex - (context.lineOf(id.startIndex).column - 1))
      .split(/\r\n|\n|\r/)[0]
      ?.trim();
    diagnostics.push({
      code: 'MS403',
      severity: 'warning',
      message: `the file moves one folder deeper, so this \`__file__\` folder expression gets one more level: ${line}`,
      location: at(id),
      help: 'check that the rewritten path points where it did before',
    });
  }
  return { edits, diagnostics };
}
