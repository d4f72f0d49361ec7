// The importers analysis: who reaches the module from elsewhere in the project (imports in every form, dotted
// strings such as mock.patch targets, attribute uses of a module alias). Entry point: scanProjectUsage.

export { collectFileUsage, type FileUsage } from './collect-file-usage.js';
export type { ModuleTarget, ScannedFile } from './module-target.js';
export { targetOf } from './module-target.js';
export { type ScanProjectUsageOptions, scanProjectUsage } from './scan-project-usage.js';
