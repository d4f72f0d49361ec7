// Test helper: the real ModuleAnalysis (analyzeModule) of a Python text, for grouping tests and the grouping score.
// Throws when the text does not parse: every module these tests use is valid Python.

import { analyzeModule } from '../../../src/analyze/analyze-module.js';
import type { ModuleAnalysis } from '../../../src/model/units.js';
import { sourceFromText } from '../../../src/read/source-file.js';

/** Analyze `text` as module `path`. */
export async function analyzeForGrouping(path: string, text: string): Promise<ModuleAnalysis> {
  const { analysis, diagnostics } = await analyzeModule(sourceFromText(path, text));
  if (!analysis) throw new Error(`${path} did not analyze: ${diagnostics.map((d) => d.message).join('; ')}`);
  return analysis;
}
