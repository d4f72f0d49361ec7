// String literals naming the module or something in it (`"apps.integrations.models.helper"`), with what they are
// used for: a mock patch target (positional or `target=`/`in_dict=`), a migration, settings. F-strings, bytes and
// concatenated pieces are skipped.

import type { DottedStringSite } from '../../model/project.js';
import { positionAt } from '../../model/text.js';
import type { SyntaxNode } from '../../read/parse-python.js';
import type { ModuleTarget } from './module-target.js';
import { patchTargetCallOf, plainStringContents } from './python-syntax.js';

const DOTTED_VALUE = /^[\p{ID_Start}_][\p{ID_Continue}]*(\.[\p{ID_Start}_][\p{ID_Continue}]*)*$/u;

function contextOf(stringNode: SyntaxNode, text: string, filePath: string): DottedStringSite['context'] {
  if (patchTargetCallOf(stringNode, text)) return 'patch-target';
  const parts = filePath.split('/');
  const name = parts[parts.length - 1] as string;
  const folders = parts.slice(0, -1);
  if (folders.includes('migrations')) return 'migration';
  if (/^settings.*\.py$/.test(name) || folders.includes('settings')) return 'settings';
  return 'other';
}

/**
 * The dotted-string site of a `string` node when its whole value is the module's dotted name or starts with it and
 * a dot, as in `mock.patch("apps.integrations.models.helper")` (attributePath `helper`, context `patch-target`;
 * also `mock.patch(target="...")`, `mocker.patch("...")`, `monkeypatch.setattr("...", value)`).
 */
export function collectDottedString(
  stringNode: SyntaxNode,
  text: string,
  lineStarts: readonly number[],
  filePath: string,
  target: ModuleTarget,
): DottedStringSite | undefined {
  const contents = plainStringContents(stringNode, text);
  if (!contents) return undefined;
  const { value, range } = contents;
  if (value !== target.dotted && !value.startsWith(`${target.dotted}.`)) return undefined;
  if (!DOTTED_VALUE.test(value)) return undefined;
  const { line, column } = positionAt(lineStarts, range.start);
  return {
    file: filePath,
    line,
    column,
    range,
    value,
    attributePath: value.slice(target.dotted.length + 1),
    context: contextOf(stringNode, text, filePath),
  };
}
