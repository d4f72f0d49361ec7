// The whole split as one change set: the package (buildChangeSet) plus the edits that keep the rest of the
// project meaning the same thing: patch targets, optional importer rewrites, and the dotted-string risk report.

import type { ChangeSet } from '../model/changes.js';
import { hasErrors } from '../model/diagnostics.js';
import { type BuildChangeSetInput, buildChangeSet } from './build-change-set.js';
import { collectDottedStringRisks } from './collect-dotted-string-risks.js';
import { type ConsistencyEdits, mergeEditChanges, type ReadProjectText } from './collect-name-lookups.js';
import { collectImportRewriteEdits } from './rewrite-importers.js';
import { collectPatchTargetEdits } from './rewrite-patch-targets.js';

export interface BuildProjectChangeSetInput extends BuildChangeSetInput {
  /** Current text of a project file (relative path), for the edits outside the package. */
  readonly readText: ReadProjectText;
  /** `--rewrite-imports`: point every importer at the defining submodule. */
  readonly rewriteImports?: boolean;
}

/**
 * @example
 * const changeSet = await buildProjectChangeSet({ analysis, location, usage, resolved, readText, rewriteImports: false });
 * // changeSet.changes: the package's files, then one `edit` per test file whose mock.patch targets moved
 */
export async function buildProjectChangeSet(input: BuildProjectChangeSetInput): Promise<ChangeSet> {
  const packageChanges = await buildChangeSet(input);
  if (hasErrors(packageChanges.diagnostics)) return packageChanges;
  const { analysis, location, usage, resolved, readText } = input;
  const passes: ConsistencyEdits[] = [
    await collectPatchTargetEdits(analysis, location, usage, resolved, readText),
    await collectDottedStringRisks(analysis, location, usage, resolved, readText),
  ];
  if (input.rewriteImports) {
    passes.push(await collectImportRewriteEdits(analysis, location, usage, resolved, readText));
  }
  return {
    ...packageChanges,
    changes: [...packageChanges.changes, ...mergeEditChanges(...passes)],
    diagnostics: [...packageChanges.diagnostics, ...passes.flatMap((p) => p.diagnostics)],
  };
}
