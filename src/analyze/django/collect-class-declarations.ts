// The top-level classes of a parsed Python file as Django would see them: bases, `class Meta` flags, and the
// relation fields declared in the class body (ForeignKey, OneToOneField, ManyToManyField, ForeignObject) with the
// arguments that matter when splitting. Syntax only: it does not resolve names or decide what is a model.

import type { SyntaxNode } from '../../read/parse-python.js';

export type RelationKind = 'ForeignKey' | 'OneToOneField' | 'ManyToManyField' | 'ForeignObject';

/**
 * How the target of a relation is written:
 * - `class`: a name (`IntegrationCredential`) or attribute (`teams_models.Team`) evaluated at import time;
 * - `string`: a lazy reference (`"GitHubAppInstallation"`, `"integrations.TrackedRepository"`), resolved by Django
 *   once the app registry is ready; `self` is `"self"`;
 * - `setting`: `settings.AUTH_USER_MODEL`;
 * - `expression`: anything else (a call, a subscript), left unresolved.
 */
export type RelationReference = 'class' | 'string' | 'self' | 'setting' | 'expression';

export interface RelationFieldDeclaration {
  /** Attribute name in the class body (`credential`). */
  readonly name: string;
  readonly kind: RelationKind;
  /** The callee as written (`models.OneToOneField`). */
  readonly callee: string;
  /** The target as written, without quotes for strings (`GitHubAppInstallation`, `settings.AUTH_USER_MODEL`). */
  readonly target: string;
  readonly reference: RelationReference;
  /** `null=True` given literally. */
  readonly nullable: boolean;
  /** Last segment of the `on_delete` argument (`CASCADE`), or null when not given (M2M). */
  readonly onDelete: string | null;
  /** `related_name` as written (a string literal's value), or null. */
  readonly relatedName: string | null;
  /** `symmetrical=False` given literally (M2M to self). */
  readonly asymmetrical: boolean;
  /** `parent_link=True`. */
  readonly parentLink: boolean;
  /** 1-based line of the assignment. */
  readonly line: number;
}

export interface ClassDeclaration {
  readonly name: string;
  /** 1-based line of the `class` keyword (after decorators). */
  readonly line: number;
  /** Base classes as written, keyword arguments (`metaclass=`) left out. */
  readonly bases: readonly string[];
  /** `class Meta: abstract = True`. */
  readonly abstract: boolean;
  /** `class Meta: proxy = True`. */
  readonly proxy: boolean;
  /** Some assignment in the body calls a `...Field(...)`, `ForeignKey(...)` or `ForeignObject(...)`. */
  readonly declaresFields: boolean;
  readonly relations: readonly RelationFieldDeclaration[];
}

/** Top-level `from x import y as z` and `import x.y as z` bindings of a file: local name → where it comes from. */
export interface FileImport {
  /** Module as written (`apps.teams.models`, `.models`, `..`). */
  readonly module: string;
  readonly level: number;
  /** Imported attribute, or null for `import x.y as z` (then `module` is the full dotted name). */
  readonly imported: string | null;
}

const KIND_SUFFIXES: readonly [string, RelationKind][] = [
  ['OneToOneField', 'OneToOneField'],
  ['ManyToManyField', 'ManyToManyField'],
  ['ForeignKey', 'ForeignKey'],
  ['ForeignObject', 'ForeignObject'],
];

/**
 * Every top-level class (decorated or not) of a parsed file, in source order.
 *
 * @example
 * // class Repo(TeamScopedModel):
 * //     integration = models.ForeignKey(GitHubIntegration, on_delete=models.CASCADE, related_name="repositories")
 * // -> [{ name: 'Repo', bases: ['TeamScopedModel'], relations: [{ name: 'integration', kind: 'ForeignKey',
 * //      target: 'GitHubIntegration', reference: 'class', onDelete: 'CASCADE', relatedName: 'repositories', ... }] }]
 */
export function collectClassDeclarations(root: SyntaxNode): ClassDeclaration[] {
  const out: ClassDeclaration[] = [];
  for (const statement of root.namedChildren) {
    if (!statement) continue;
    const node =
      statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (node?.type === 'class_definition') out.push(describeClass(node));
  }
  return out;
}

/** Top-level imports of a parsed file (not those inside functions or `if TYPE_CHECKING:`). */
export function collectFileImports(root: SyntaxNode): Map<string, FileImport> {
  const out = new Map<string, FileImport>();
  for (const node of root.namedChildren) {
    if (!node) continue;
    if (node.type === 'import_from_statement') {
      const moduleNode = node.childForFieldName('module_name');
      if (!moduleNode) continue;
      const moduleText = moduleNode.text.replace(/\s+/g, '');
      const level = /^\.*/.exec(moduleText)?.[0].length ?? 0;
      for (const child of node.childrenForFieldName('name')) {
        if (!child) continue;
        if (child.type === 'aliased_import') {
          const name = child.childForFieldName('name')?.text;
          const alias = child.childForFieldName('alias')?.text;
          if (name && alias) out.set(alias, { module: moduleText, level, imported: name });
        } else {
          out.set(child.text, { module: moduleText, level, imported: child.text });
        }
      }
    } else if (node.type === 'import_statement') {
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type === 'aliased_import') {
          const name = child.childForFieldName('name')?.text.replace(/\s+/g, '');
          const alias = child.childForFieldName('alias')?.text;
          if (name && alias) out.set(alias, { module: name, level: 0, imported: null });
        } else if (child.type === 'dotted_name') {
          const name = child.text.replace(/\s+/g, '');
          const head = name.split('.')[0] as string;
          out.set(head, { module: head, level: 0, imported: null });
        }
      }
    }
  }
  return out;
}

function describeClass(node: SyntaxNode): ClassDeclaration {
  const name = node.childForFieldName('name')?.text ?? '';
  const bases: string[] = [];
  const superclasses = node.childForFieldName('superclasses');
  for (const arg of superclasses?.namedChildren ?? []) {
    if (!arg || arg.type === 'keyword_argument' || arg.type === 'comment') continue;
    if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') continue;
    bases.push(arg.text.replace(/\s+/g, ''));
  }
  let abstract = false;
  let proxy = false;
  let declaresFields = false;
  const relations: RelationFieldDeclaration[] = [];
  const body = node.childForFieldName('body');
  for (const statement of body?.namedChildren ?? []) {
    if (!statement) continue;
    if (statement.type === 'class_definition' && statement.childForFieldName('name')?.text === 'Meta') {
      abstract ||= hasTrueAssignment(statement, 'abstract');
      proxy ||= hasTrueAssignment(statement, 'proxy');
      continue;
    }
    if (statement.type !== 'expression_statement') continue;
    const assignment = statement.namedChildren[0];
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type !== 'identifier' || right?.type !== 'call') continue;
    const callee = right.childForFieldName('function');
    if (!callee) continue;
    const calleeText = callee.text.replace(/\s+/g, '');
    const last = calleeText.split('.').pop() ?? '';
    const kind = KIND_SUFFIXES.find(([suffix]) => last.endsWith(suffix))?.[1];
    if (kind || last.endsWith('Field')) declaresFields = true;
    if (!kind) continue;
    const relation = describeRelation(left.text, kind, calleeText, right);
    if (relation) relations.push(relation);
  }
  return {
    name,
    line: node.startPosition.row + 1,
    bases,
    abstract,
    proxy,
    declaresFields,
    relations,
  };
}

function hasTrueAssignment(meta: SyntaxNode, attribute: string): boolean {
  const body = meta.childForFieldName('body');
  for (const statement of body?.namedChildren ?? []) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
    if (assignment?.type !== 'assignment') continue;
    if (assignment.childForFieldName('left')?.text !== attribute) continue;
    if (assignment.childForFieldName('right')?.text === 'True') return true;
  }
  return false;
}

function describeRelation(
  name: string,
  kind: RelationKind,
  callee: string,
  call: SyntaxNode,
): RelationFieldDeclaration | undefined {
  const args = call.childForFieldName('arguments');
  const positional: SyntaxNode[] = [];
  const keywords = new Map<string, SyntaxNode>();
  for (const arg of args?.namedChildren ?? []) {
    if (!arg || arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const key = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (key && value) keywords.set(key, value);
    } else {
      positional.push(arg);
    }
  }
  const targetNode = keywords.get('to') ?? positional[0];
  if (!targetNode) return undefined;
  const onDeleteNode = keywords.get('on_delete') ?? (kind === 'ManyToManyField' ? undefined : positional[1]);
  const related = keywords.get('related_name');
  const { target, reference } = describeTarget(targetNode);
  return {
    name,
    kind,
    callee,
    target,
    reference,
    nullable: keywords.get('null')?.text === 'True',
    onDelete: onDeleteNode ? (onDeleteNode.text.replace(/\s+/g, '').split('.').pop() ?? null) : null,
    relatedName: related ? (stringValue(related) ?? related.text) : null,
    asymmetrical: keywords.get('symmetrical')?.text === 'False',
    parentLink: keywords.get('parent_link')?.text === 'True',
    line: call.startPosition.row + 1,
  };
}

function describeTarget(node: SyntaxNode): { target: string; reference: RelationReference } {
  const value = stringValue(node);
  if (value !== undefined) return { target: value, reference: value === 'self' ? 'self' : 'string' };
  const text = node.text.replace(/\s+/g, '');
  if (node.type === 'identifier') return { target: text, reference: 'class' };
  if (node.type === 'attribute') {
    if (/^settings\.[A-Z_]+$/.test(text)) return { target: text, reference: 'setting' };
    return { target: text, reference: 'class' };
  }
  return { target: text, reference: 'expression' };
}

/** The value of a plain string literal (no f-string, no concatenation), or undefined. */
function stringValue(node: SyntaxNode): string | undefined {
  if (node.type !== 'string') return undefined;
  if (node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  const match = /^[rRuU]?("""|'''|"|')([\s\S]*)\1$/.exec(node.text);
  return match ? (match[2] as string) : undefined;
}
