// A split as a value: what `--dry-run`, `--diff`, `--format json` and the writer all consume.

import type { Diagnostic } from './diagnostics.js';
import type { TextEdit } from './text.js';

/**
 * `bom`: start the file with a UTF-8 BOM. `encoding`: the normalized Python codec name its bytes are written in
 * (`latin-1`, `cp1252`; default `utf-8`); the text must then declare it with a PEP 263 coding cookie. An `edit`
 * keeps the encoding and BOM of the file it edits.
 */
export type FileChange =
  | {
      readonly kind: 'create';
      readonly path: string;
      readonly text: string;
      readonly bom?: boolean;
      readonly encoding?: string;
    }
  | { readonly kind: 'edit'; readonly path: string; readonly edits: readonly TextEdit[] }
  /** Move a file (with `git mv` in a repository, so history follows); `text`, when given, is its new content. */
  | {
      readonly kind: 'rename';
      readonly from: string;
      readonly to: string;
      readonly text?: string;
      readonly bom?: boolean;
      readonly encoding?: string;
    }
  | { readonly kind: 'delete'; readonly path: string };

export interface ChangeSet {
  readonly description: string;
  /** Paths are relative to `root`. */
  readonly root: string;
  readonly changes: readonly FileChange[];
  readonly diagnostics: readonly Diagnostic[];
}
