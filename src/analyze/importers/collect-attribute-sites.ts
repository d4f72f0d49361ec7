// Uses of the module object through a local name in one file: `alias.name`, `patch.object(alias, "name")`,
// `monkeypatch.setattr(alias, "name", v)`, `mocker.spy(alias, "name")`, also by keyword; only where the name is that
// import's binding (Python's scoping rules: a shadowing parameter or assignment hides it). No flow analysis.

import type { ModuleAttributeSite } from '../../model/project.js';
import { positionAt } from '../../model/text.js';
import type { SyntaxNode } from '../../read/parse-python.js';
import { wordPattern } from '../../read/project-files.js';
import type { FoundImporter } from './collect-importer-sites.js';
import { type ScopeResolver, scopeOf } from './python-scopes.js';
import { patchedAttributeOf, plainStringContents, sameNode, textOf } from './python-syntax.js';

/** The `a.b.models` attribute chain starting at identifier `head`, or undefined when the chain differs. */
function climbChain(head: SyntaxNode, parts: readonly string[], text: string): SyntaxNode | undefined {
  let current = head;
  for (const part of parts.slice(1)) {
    const parent = current.parent;
    if (parent?.type !== 'attribute' || !sameNode(parent.childForFieldName('object'), current))
      return undefined;
    const attribute = parent.childForFieldName('attribute');
    if (!attribute || textOf(attribute, text) !== part) return undefined;
    current = parent;
  }
  return current;
}

/**
 * Attribute sites of every module alias the file's importers bind (`m` for `import a.b.models as m`, the chain
 * `a.b.models` for a plain `import a.b.models`).
 *
 * ```python
 * from apps.integrations import models
 * models.helper()                          # attribute site: alias models, name helper
 * mock.patch.object(models, "helper")      # patch-object site: name helper (range: the string's contents)
 * ```
 */
export function collectAttributeSites(
  root: SyntaxNode,
  text: string,
  lineStarts: readonly number[],
  filePath: string,
  importers: readonly FoundImporter[],
  resolver: ScopeResolver,
): ModuleAttributeSite[] {
  const scopesByAlias = new Map<string, Set<number>>();
  for (const { site, statement } of importers) {
    if (site.moduleAlias === undefined) continue;
    const scopes = scopesByAlias.get(site.moduleAlias) ?? new Set<number>();
    scopes.add(scopeOf(statement).id);
    scopesByAlias.set(site.moduleAlias, scopes);
  }
  const sites: ModuleAttributeSite[] = [];
  for (const [alias, scopes] of scopesByAlias) {
    const parts = alias.split('.');
    const head = parts[0] as string;
    const pattern = wordPattern(head);
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const node = root.descendantForIndex(match.index, match.index + head.length);
      if (node?.type !== 'identifier') continue;
      const chain = climbChain(node, parts, text);
      if (!chain) continue;
      const parent = chain.parent;
      let site: Omit<ModuleAttributeSite, 'line' | 'column'> | undefined;
      if (parent?.type === 'attribute' && sameNode(parent.childForFieldName('object'), chain)) {
        const attribute = parent.childForFieldName('attribute');
        if (attribute) {
          const range = { start: chain.startIndex, end: parent.endIndex };
          site = { file: filePath, alias, name: textOf(attribute, text), range, context: 'attribute' };
        }
      } else {
        const attribute = patchedAttributeOf(chain, text);
        const contents = attribute ? plainStringContents(attribute, text) : undefined;
        if (contents) {
          site = {
            file: filePath,
            alias,
            name: contents.value,
            range: contents.range,
            context: 'patch-object',
          };
        }
      }
      if (!site || !scopes.has(resolver.bindingScopeOf(node, head).id)) continue;
      const { line, column } = positionAt(lineStarts, site.range.start);
      sites.push({
        file: filePath,
        line,
        column,
        alias,
        name: site.name,
        range: site.range,
        context: site.context,
      });
    }
  }
  return sites.sort((a, b) => a.range.start - b.range.start);
}
