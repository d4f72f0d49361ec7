// Test helper: write a small project tree (path -> text) into a fresh temp folder. Nothing else.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A new temp folder holding `files`; returns its absolute path. */
export function writeProjectTree(files: Readonly<Record<string, string>>, prefix = 'modsplit-tree-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
