// Import statements of one parsed file that reach the module, in every form (absolute, relative, star, module
// object), with where they sit (function body, `if TYPE_CHECKING:`). `import m.sub` imports a submodule: not a site.

import type { ImporterSite } from '../../model/project.js';
import { positionAt } from '../../model/text.js';
import type { SyntaxNode } from '../../read/parse-python.js';
import { type ModuleTarget, packagePartsOf, type ScannedFile } from './module-target.js';
import { dottedNameParts, placementOf, textOf } from './python-syntax.js';

function sameParts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

interface ImportedName {
  readonly name: string;
  readonly alias?: string;
}

function importedNames(statement: SyntaxNode, text: string): ImportedName[] {
  const out: ImportedName[] = [];
  for (const child of statement.childrenForFieldName('name')) {
    if (!child) continue;
    if (child.type === 'aliased_import') {
      const name = child.childForFieldName('name');
      const alias = child.childForFieldName('alias');
      if (name)
        out.push({
          name: dottedNameParts(name, text).join('.'),
          ...(alias && { alias: textOf(alias, text) }),
        });
    } else out.push({ name: dottedNameParts(child, text).join('.') });
  }
  return out;
}

/**
 * The absolute dotted parts an `import_from_statement` takes names from, or undefined when a relative import cannot
 * reach the module (beyond the top-level package, or resolved inside another import root).
 */
function sourceModuleOf(statement: SyntaxNode, text: string, file: ScannedFile, target: ModuleTarget) {
  const moduleName = statement.childForFieldName('module_name');
  if (!moduleName) return undefined;
  if (moduleName.type !== 'relative_import')
    return { parts: dottedNameParts(moduleName, text), relative: false };
  const prefix = moduleName.namedChildren.find((c) => c?.type === 'import_prefix');
  const dotted = moduleName.namedChildren.find((c) => c?.type === 'dotted_name');
  const level = prefix ? textOf(prefix, text).replace(/\s/g, '').length : 0;
  const pkg = packagePartsOf(file);
  // Python: `from ..x import y` needs a package at least `level` deep ("beyond top-level package" otherwise).
  if (level === 0 || pkg.length < level || file.importRoot !== target.importRoot) return undefined;
  const base = pkg.slice(0, pkg.length - (level - 1));
  return { parts: [...base, ...(dotted ? dottedNameParts(dotted, text) : [])], relative: true };
}

export interface FoundImporter {
  readonly site: ImporterSite;
  readonly statement: SyntaxNode;
}

/**
 * The importer sites of one import statement (several when it binds the module object more than once, as in
 * `from . import models, models as m`).
 *
 * ```python
 * from apps.integrations.models import Invoice, Line as L   # from-import, names [Invoice, Line], aliases {Line: L}
 * import apps.integrations.models as m                       # import, moduleAlias m
 * from .. import models                                      # relative-package-import, moduleAlias models
 * ```
 */
export function collectImporterSites(
  statement: SyntaxNode,
  text: string,
  lineStarts: readonly number[],
  file: ScannedFile,
  target: ModuleTarget,
): FoundImporter[] {
  const { line, column } = positionAt(lineStarts, statement.startIndex);
  const { inFunction, typeCheckingOnly } = placementOf(statement, text);
  const range = { start: statement.startIndex, end: statement.endIndex };
  const site = (form: ImporterSite['form'], extra: Partial<ImporterSite>): FoundImporter => ({
    site: { file: file.path, line, column, form, names: [], ...extra, inFunction, typeCheckingOnly, range },
    statement,
  });
  const found: FoundImporter[] = [];
  if (statement.type === 'import_statement') {
    for (const { name, alias } of importedNames(statement, text)) {
      if (name === target.dotted) found.push(site('import', { moduleAlias: alias ?? name }));
    }
    return found;
  }
  if (statement.type !== 'import_from_statement') return found;
  const source = sourceModuleOf(statement, text, file, target);
  if (!source) return found;
  if (sameParts(source.parts, target.parts)) {
    if (statement.namedChildren.some((c) => c?.type === 'wildcard_import')) return [site('star-import', {})];
    const imported = importedNames(statement, text);
    const aliases: Record<string, string> = {};
    for (const { name, alias } of imported) if (alias !== undefined) aliases[name] = alias;
    const names = imported.map((entry) => entry.name);
    const form = source.relative ? 'relative-from-import' : 'from-import';
    return [site(form, { names, ...(Object.keys(aliases).length > 0 && { aliases }) })];
  }
  if (!sameParts(source.parts, target.parts.slice(0, -1))) return found;
  const last = target.parts[target.parts.length - 1];
  for (const { name, alias } of importedNames(statement, text)) {
    if (name !== last) continue;
    const form = source.relative ? 'relative-package-import' : 'from-package-import';
    found.push(site(form, { moduleAlias: alias ?? name }));
  }
  return found;
}
