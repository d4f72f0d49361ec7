// Unified diffs of a ChangeSet (new files, edits, renames, deletions), as `git diff` would show them.
// A `\r` before a line end is made visible only when asked (terminal output), so piped diffs still apply.

import { createTwoFilesPatch } from 'diff';
import type { ChangeSet, FileChange } from '../model/changes.js';
import { applyEdits } from '../model/text.js';

export interface RenderDiffOptions {
  /** Current text of an existing file (relative path), for edits, renames and deletions. */
  readonly readText: (path: string) => string;
  /** Show `\r` as a visible `␍` (for terminals). */
  readonly showCarriageReturns?: boolean;
}

/** One unified diff for the whole change set, files in change order. */
export function renderChangeSetDiff(changeSet: ChangeSet, options: RenderDiffOptions): string {
  const parts = changeSet.changes.map((change) => renderFileChange(change, options));
  const text = parts.join('');
  return options.showCarriageReturns ? text.replace(/\r(?=\n)/g, '␍') : text;
}

function renderFileChange(change: FileChange, options: RenderDiffOptions): string {
  switch (change.kind) {
    case 'create':
      return patch('/dev/null', `b/${change.path}`, '', change.text, `new file ${change.path}`);
    case 'delete':
      return patch(
        `a/${change.path}`,
        '/dev/null',
        options.readText(change.path),
        '',
        `deleted ${change.path}`,
      );
    case 'edit': {
      const before = options.readText(change.path);
      return patch(
        `a/${change.path}`,
        `b/${change.path}`,
        before,
        applyEdits(before, change.edits),
        change.path,
      );
    }
    case 'rename': {
      const before = options.readText(change.from);
      const after = change.text ?? before;
      return patch(
        `a/${change.from}`,
        `b/${change.to}`,
        before,
        after,
        `rename ${change.from} => ${change.to}`,
      );
    }
  }
}

function patch(from: string, to: string, before: string, after: string, title: string): string {
  const body = createTwoFilesPatch(from, to, before, after, undefined, undefined, { context: 3 });
  // jsdiff opens with a "====" rule and an Index-less header; replace the rule with a git-like title line.
  const withoutRule = body.replace(/^=+\n/, '');
  return `diff --modsplit ${title}\n${withoutRule.endsWith('\n') ? withoutRule : `${withoutRule}\n`}`;
}
