// Everything one parsed file does with the module: importer sites, dotted strings and attribute sites. Pure: it
// reads the tree and the text. It visits only the places where the module's last name (or an alias) occurs.

import type { DottedStringSite, ImporterSite, ModuleAttributeSite } from '../../model/project.js';
import { computeLineStarts } from '../../model/text.js';
import type { SyntaxNode } from '../../read/parse-python.js';
import { wordPattern } from '../../read/project-files.js';
import { collectAttributeSites } from './collect-attribute-sites.js';
import { collectDottedString } from './collect-dotted-strings.js';
import { collectImporterSites, type FoundImporter } from './collect-importer-sites.js';
import { RELATIVE_FROM } from './may-refer-to-module.js';
import { isInsidePackage, type ModuleTarget, type ScannedFile } from './module-target.js';
import { ScopeResolver } from './python-scopes.js';

export interface FileUsage {
  readonly importers: readonly ImporterSite[];
  readonly dottedStrings: readonly DottedStringSite[];
  readonly attributeSites: readonly ModuleAttributeSite[];
}

/** Node types that end the walk up from an occurrence: past them it can be neither in an import nor a string. */
const STOP_TYPES = new Set([
  'module',
  'block',
  'expression_statement',
  'function_definition',
  'class_definition',
  'decorated_definition',
  'call',
  'argument_list',
  'comment',
]);

/**
 * Collect the file's usage of the module. Every import naming the module and every string holding its dotted name
 * contains the module's last name as a word, so only the nodes at those occurrences are examined.
 */
export function collectFileUsage(
  root: SyntaxNode,
  text: string,
  file: ScannedFile,
  target: ModuleTarget,
): FileUsage {
  const lineStarts = computeLineStarts(text);
  const word = target.parts[target.parts.length - 1] as string;
  const importers: FoundImporter[] = [];
  const dottedStrings: DottedStringSite[] = [];
  const seen = new Set<number>();
  const occurrences: { index: number; length: number }[] = [];
  const pattern = wordPattern(word);
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    occurrences.push({ index: match.index, length: word.length });
  }
  if (isInsidePackage(target, file.path)) {
    // Relative imports of a package from inside it need not spell its name: `from . import Field`.
    const relative = new RegExp(RELATIVE_FROM.source, 'gu');
    for (let match = relative.exec(text); match; match = relative.exec(text)) {
      occurrences.push({ index: match.index, length: 'from'.length });
    }
  }
  for (const { index, length } of occurrences) {
    for (let node = root.descendantForIndex(index, index + length); node; node = node.parent) {
      const type = node.type;
      if (type === 'import_statement' || type === 'import_from_statement') {
        if (!seen.has(node.id)) importers.push(...collectImporterSites(node, text, lineStarts, file, target));
        seen.add(node.id);
        break;
      }
      if (type === 'string') {
        if (!seen.has(node.id)) {
          const site = collectDottedString(node, text, lineStarts, file.path, target);
          if (site) dottedStrings.push(site);
        }
        seen.add(node.id);
        break;
      }
      if (STOP_TYPES.has(type)) break;
    }
  }
  const attributeSites = importers.some((found) => found.site.moduleAlias !== undefined)
    ? collectAttributeSites(root, text, lineStarts, file.path, importers, new ScopeResolver(root, text))
    : [];
  return {
    importers: importers.map((found) => found.site).sort((a, b) => a.range.start - b.range.start),
    dottedStrings,
    attributeSites,
  };
}
