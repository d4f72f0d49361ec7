// Complete and check a plan: a plan names names, what moves are unit groups. Places every group the plan does not
// mention (with a one-line reason), builds the new files' import graph and refuses plans that cannot work
// (unknown or duplicate names, bad file names, cycles, stale snapshots of rebound globals). Pure; emits nothing.

import type { Diagnostic, DiagnosticLocation } from '../model/diagnostics.js';
import type { Placement, ResolvedPlan, SplitPlan } from '../model/plan.js';
import type { ModuleLocation, ProjectUsage } from '../model/project.js';
import type { ModuleAnalysis, TopLevelUnit } from '../model/units.js';
import { findFileNameProblems, suggestFileName } from './check-file-names.js';
import { collectExportedNames, type ExportedNames } from './exported-names.js';
import { collectComponents, findCycleThrough, orderTopologically, reaches } from './file-graph.js';
import {
  collectInitOrderEdges,
  collectInitSlots,
  type InitOrderConflict,
  isRunTimeUse,
} from './init-order.js';
import { nearestWord } from './plan-file.js';
import { INIT_FILE, MAIN_FILE } from './plan-files.js';
import { collectNamesReboundAtImport, findUsesBeforeRebinding } from './rebound-at-import.js';
import {
  collectSplitFacts,
  type GroupFacts,
  type GroupUse,
  isHardUse,
  isRegistrationUnit,
  needsImport,
  type SplitFacts,
} from './split-facts.js';

export interface ResolvePlanOptions {
  /** `if __name__ == "__main__":` moves to `__main__.py` (default) or makes the split refuse (MS310). */
  readonly mainBlock?: 'main-file' | 'refuse';
  /** File for code several files share when none of them can hold it; default `common.py` (project style). */
  readonly sharedFileName?: string;
}

export interface PlanResolution {
  readonly resolved?: ResolvedPlan;
  readonly diagnostics: readonly Diagnostic[];
}

export { INIT_FILE, MAIN_FILE };

/**
 * Resolve a (partial) plan against the module's analysis and the project's usage of it.
 *
 * @example
 * const { resolved, diagnostics } = resolvePlan(analysis, location, usage, {
 *   files: { 'github.py': ['GitHubIntegration'], 'jira.py': ['JiraIssue'] },
 * });
 * // resolved.placements: [{ group: 4, file: 'github.py', explicit: false, reason: 'only used by GitHubIntegration (github.py)' }, ...]
 */
export function resolvePlan(
  analysis: ModuleAnalysis,
  location: ModuleLocation,
  usage: ProjectUsage,
  plan: SplitPlan,
  options: ResolvePlanOptions = {},
): PlanResolution {
  return new PlanResolver(analysis, location, usage, plan, options).run();
}

interface Evidence {
  readonly user: number;
  readonly use: GroupUse;
}

class PlanResolver {
  private readonly facts: SplitFacts;
  private readonly exported: ExportedNames;
  private readonly diagnostics: Diagnostic[] = [];
  private readonly modulePath: string;
  /** group → file, and how it was decided. */
  private readonly placed = new Map<number, Placement>();
  private readonly explicitFile = new Map<number, string>();
  /** Union-find over code groups that must share a file, with why. */
  private readonly parent = new Map<number, number>();
  private readonly togetherReasons = new Map<number, { code: string; reason: string }[]>();
  private files: string[] = [];
  /** file → files it really imports (graph edges minus import-order-only edges). */
  private readonly importEdges = new Map<string, Set<string>>();
  /** Globals rebound (`global X`) by code that may run while the module is imported (computed on first need). */
  private reboundAtImport?: ReadonlySet<string>;

  constructor(
    readonly analysis: ModuleAnalysis,
    readonly location: ModuleLocation,
    readonly usage: ProjectUsage,
    readonly plan: SplitPlan,
    readonly options: ResolvePlanOptions,
  ) {
    this.facts = collectSplitFacts(analysis);
    this.exported = collectExportedNames(this.facts, usage);
    this.modulePath = location.modulePath;
  }

  run(): PlanResolution {
    this.checkPlanShape();
    if (this.hasErrors()) return { diagnostics: this.diagnostics };
    this.placeFixedGroups();
    this.joinInseparableGroups();
    if (this.hasErrors()) return { diagnostics: this.diagnostics };
    this.placeRemainingGroups();
    const graph = this.buildFileGraph();
    const ordering = this.addReaderOrdering(graph.hard);
    this.addInitReadOrdering(graph.hard, ordering);
    this.refuseCycles(graph.hard, graph.evidence, ordering);
    this.refuseStaleSnapshots();
    if (this.hasErrors()) return { diagnostics: this.diagnostics };
    const typeCheckingImports = this.addSoftEdges(graph.hard);
    const resolved = this.buildResolvedPlan(graph.hard, typeCheckingImports, ordering);
    const keptSlots = this.refuseInitConflicts(resolved);
    this.flagReorderedSideEffects(resolved.fileOrder, keptSlots);
    if (this.hasErrors()) return { diagnostics: this.diagnostics };
    return { resolved, diagnostics: this.diagnostics };
  }

  private hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }

  private group(id: number): GroupFacts {
    return this.facts.groups[id] as GroupFacts;
  }

  private unit(index: number): TopLevelUnit {
    return this.analysis.units[index] as TopLevelUnit;
  }

  private planLocation(file: string, name?: string): DiagnosticLocation {
    const origin = this.plan.origin;
    if (!origin) return { path: this.modulePath, line: 1, column: 1 };
    const line =
      (name !== undefined ? origin.nameLines[file]?.[name] : undefined) ?? origin.fileLines[file] ?? 1;
    return { path: origin.path, line, column: 1 };
  }

  private unitLocation(unitIndex: number): DiagnosticLocation {
    return { path: this.modulePath, line: this.unit(unitIndex).line, column: 1 };
  }

  private where(line: number): string {
    return `${this.modulePath}:${line}`;
  }

  // 1. The plan itself: module, file names, names.

  private checkPlanShape(): void {
    const plan = this.plan;
    if (plan.module !== undefined && normalizePath(plan.module) !== normalizePath(this.modulePath)) {
      this.diagnostics.push({
        code: 'MS314',
        severity: 'error',
        message: `the plan is for \`${plan.module}\`, not for \`${this.modulePath}\``,
        location: { path: plan.origin?.path ?? this.modulePath, line: 1, column: 1 },
        help: `change \`module\` to "${this.modulePath}" or split the module the plan was written for`,
      });
    }
    const fileNames = Object.keys(plan.files);
    const imported = new Set<string>();
    for (const group of this.facts.groups) {
      if (group && (group.role === 'import' || group.role === 'side-effect-import')) {
        for (const name of group.names) imported.add(name);
      }
    }
    const moduleStem = this.location.isPackageInit
      ? (this.location.dotted.split('.').pop() ?? 'module')
      : (this.modulePath.split('/').pop() ?? 'module').replace(/\.py$/, '');
    this.diagnostics.push(
      ...findFileNameProblems(fileNames, {
        exposed: new Set(this.exported.names),
        imported,
        moduleStem,
        fallbackPath: this.modulePath,
        ...(plan.origin ? { origin: plan.origin } : {}),
      }),
    );
    const firstSeen = new Map<string, string>();
    const alreadySplit: string[] = [];
    for (const [file, names] of Object.entries(plan.files)) {
      if (names.length === 0 && file !== INIT_FILE) {
        this.diagnostics.push({
          code: 'MS319',
          severity: 'warning',
          message: `\`${file}\` lists no names, so it is not created`,
          location: this.planLocation(file),
          help: `list the names that go to \`${file}\`, or remove the entry`,
        });
        continue;
      }
      if (names.length > 0) this.files.push(file);
      for (const name of names) {
        const location = this.planLocation(file, name);
        const earlier = firstSeen.get(name);
        if (earlier !== undefined) {
          this.diagnostics.push({
            code: 'MS303',
            severity: 'error',
            message: `\`${name}\` is planned twice: in \`${earlier}\` and in \`${file}\``,
            location,
            notes: [
              `first listed for \`${earlier}\` at ${this.describeLocation(this.planLocation(earlier, name))}`,
            ],
            help: `keep \`${name}\` in one file only`,
          });
          continue;
        }
        firstSeen.set(name, file);
        const id = this.facts.groupOfName.get(name);
        if (id === undefined) {
          if (this.isSiblingReexport(name)) {
            alreadySplit.push(name);
            continue;
          }
          const near = nearestWord(name, this.movableNames());
          this.diagnostics.push({
            code: 'MS302',
            severity: 'error',
            message: `\`${name}\` is not defined at the top level of \`${this.modulePath}\``,
            location,
            help: near ? `did you mean \`${near}\`? fix the name in the plan` : 'remove it from the plan',
          });
          continue;
        }
        const group = this.group(id);
        if (group.role === 'import' || group.role === 'side-effect-import') {
          if (this.isSiblingReexport(name)) {
            alreadySplit.push(name);
            continue;
          }
          this.diagnostics.push({
            code: 'MS313',
            severity: 'error',
            message: `\`${name}\` is imported by \`${this.modulePath}\`, not defined there; imports are not moved`,
            location,
            notes: [`imported at ${this.where(this.unit(group.firstUnit).line)}`],
            help: `remove \`${name}\` from the plan: each new file that uses it imports it itself`,
          });
          continue;
        }
        if (group.role !== 'code') {
          if (file === INIT_FILE) continue;
          this.diagnostics.push({
            code: 'MS313',
            severity: 'error',
            message: `\`${name}\` ${group.role === 'main' ? 'is part of the `__main__` block' : 'is module-level metadata'} and stays with the package, not in \`${file}\``,
            location,
            notes: [`defined at ${this.where(this.unit(group.firstUnit).line)}`],
            help: `remove \`${name}\` from the plan: modsplit keeps it in \`__init__.py\``,
          });
          continue;
        }
        const previous = this.explicitFile.get(id);
        if (previous !== undefined && previous !== file) {
          const other = group.names.find((n) => firstSeen.get(n) === previous) ?? group.names[0];
          this.diagnostics.push({
            code: 'MS309',
            severity: 'error',
            message: `\`${other}\` and \`${name}\` must stay in one file, but the plan puts them in \`${previous}\` and \`${file}\``,
            location,
            notes: [
              `${this.analysis.groups.find((g) => g.id === id)?.reason || 'they are bound by the same statements'} (${this.where(this.unit(group.firstUnit).line)})`,
            ],
            help: `put \`${other}\` and \`${name}\` in the same file`,
          });
          continue;
        }
        this.explicitFile.set(id, file);
      }
    }
    if (alreadySplit.length > 0 && !this.hasErrors()) {
      this.diagnostics.push({
        code: 'MS315',
        severity: 'error',
        message: `\`${this.modulePath}\` is already split: ${alreadySplit.map((n) => `\`${n}\``).join(', ')} ${alreadySplit.length === 1 ? 'is' : 'are'} re-exported from its submodules`,
        location: this.planLocation(
          Object.keys(plan.files).find((f) => plan.files[f]?.includes(alreadySplit[0] as string)) ?? '',
          alreadySplit[0],
        ),
        help: 'split one of its submodules instead, or move names between submodules by hand',
      });
    } else if (alreadySplit.length > 0) {
      for (const name of alreadySplit) {
        const file = Object.keys(plan.files).find((f) => plan.files[f]?.includes(name)) ?? '';
        this.diagnostics.push({
          code: 'MS313',
          severity: 'error',
          message: `\`${name}\` is imported by \`${this.modulePath}\`, not defined there; imports are not moved`,
          location: this.planLocation(file, name),
          help: `remove \`${name}\` from the plan`,
        });
      }
    }
    if (!this.files.some((f) => f !== INIT_FILE) && !this.hasErrors()) {
      this.diagnostics.push({
        code: 'MS308',
        severity: 'error',
        message: 'the plan names no file to create',
        location: { path: plan.origin?.path ?? this.modulePath, line: 1, column: 1 },
        help: 'list at least one file with the names it gets, e.g. "github.py" = ["GitHubIntegration"]',
      });
    }
  }

  private describeLocation(location: DiagnosticLocation): string {
    return `${location.path}:${location.line}`;
  }

  /** Names a plan may list: those bound by movable code. */
  private movableNames(): string[] {
    const out: string[] = [];
    for (const id of this.facts.sourceOrder) {
      const group = this.group(id);
      if (group.role === 'code') out.push(...group.names);
    }
    return out;
  }

  /** `from .github import X` in a package's `__init__.py`: the module is already a split package. */
  private isSiblingReexport(name: string): boolean {
    if (!this.location.isPackageInit) return false;
    const units = this.analysis.bindings[name] ?? [];
    return units.some((u) =>
      this.unit(u).imports.some(
        (b) => b.name === name && b.level === 1 && b.module !== '.' && b.imported !== null,
      ),
    );
  }

  // 2. Groups whose place is fixed by their role.

  private placeFixedGroups(): void {
    for (const id of this.facts.sourceOrder) {
      const group = this.group(id);
      const reason = FIXED_REASONS[group.role];
      if (group.role === 'code') continue;
      if (group.role === 'main') {
        if (this.options.mainBlock === 'refuse') {
          this.diagnostics.push({
            code: 'MS310',
            severity: 'error',
            message:
              'the module has an `if __name__ == "__main__":` block, and moving it to `__main__.py` was not allowed',
            location: this.unitLocation(group.firstUnit),
            help: 'allow `__main__.py` (run it as `python -m package.module`), or move the block into a script first',
          });
          continue;
        }
        this.placed.set(id, { group: id, file: MAIN_FILE, explicit: false, reason: reason as string });
        this.diagnostics.push({
          code: 'MS320',
          severity: 'info',
          message: 'the `if __name__ == "__main__":` block moves to `__main__.py`; run it with `python -m`',
          location: this.unitLocation(group.firstUnit),
        });
        continue;
      }
      this.placed.set(id, {
        group: id,
        file: INIT_FILE,
        explicit: false,
        reason: reason as string,
        ...(group.role === 'import' ? { copied: true } : {}),
      });
    }
    for (const [id, file] of this.explicitFile) {
      this.placed.set(id, { group: id, file, explicit: true, reason: `named in the plan for ${file}` });
    }
  }

  // 3. Groups that must share a namespace.

  private find(id: number): number {
    let root = id;
    while ((this.parent.get(root) ?? root) !== root) root = this.parent.get(root) as number;
    this.parent.set(id, root);
    return root;
  }

  private join(a: number, b: number, code: string, reason: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent.set(drop, keep);
    const reasons = [...(this.togetherReasons.get(keep) ?? []), ...(this.togetherReasons.get(drop) ?? [])];
    reasons.push({ code, reason });
    this.togetherReasons.set(keep, reasons);
  }

  private isCode(id: number | undefined): id is number {
    return id !== undefined && this.group(id).role === 'code';
  }

  private joinInseparableGroups(): void {
    const facts = this.facts;
    // Rebound through `global X`: writer, binder and every reader share one namespace.
    for (const unit of this.analysis.units) {
      for (const name of unit.globalWrites) {
        const writer = facts.groupOfUnit[unit.index];
        const binder = facts.groupOfName.get(name);
        if (!this.isCode(writer)) continue;
        const fn = unit.definition?.name ?? `line ${unit.line}`;
        const why = `\`${name}\` is rebound by \`global ${name}\` in ${fn} (${this.where(unit.line)}); a \`from .x import ${name}\` elsewhere would keep the old value`;
        if (this.isCode(binder)) this.join(writer, binder, 'MS311', why);
        this.reboundAtImport ??= collectNamesReboundAtImport(this.analysis);
        const rebindsWhileImporting = this.reboundAtImport.has(name);
        for (const group of facts.groups) {
          if (group?.role !== 'code') continue;
          const reads = group.uses.filter((u) => u.name === name && needsImport(u));
          if (reads.length === 0) continue;
          // A reader that only reads while the module is imported, before any call could rebind the name, sees
          // the same value through a `from .x import` snapshot (`SNAPSHOT = (COUNTER,)`).
          if (!rebindsWhileImporting && reads.every((u) => u.when === 'import-time')) continue;
          this.join(writer, group.id, 'MS311', why);
        }
      }
    }
    // A name rebound at module level after an import-time use elsewhere: that use must see the earlier value.
    for (const { name, binder, user, use, lastBinding } of findUsesBeforeRebinding(facts)) {
      const why = `\`${name}\` is rebound at ${this.where(this.unit(lastBinding).line)} after ${user.label} uses it at import time (${this.where(use.line)}); in another file it would see the later value`;
      this.join(user.id, binder, 'MS311', why);
    }
    // Reflective code stays with what it reflects on.
    for (const group of facts.groups) {
      if (group?.role !== 'code') continue;
      if (!group.units.some((u) => this.unit(u).flags.includes('reflective'))) continue;
      for (const use of group.uses) {
        if (!this.isCode(use.target) || !needsImport(use)) continue;
        const why = `${group.label} (${this.where(this.unit(group.firstUnit).line)}) works on the module's namespace reflectively and uses \`${use.name}\``;
        this.join(group.id, use.target, 'MS312', why);
      }
    }
    // Explicit placements inside one component must agree.
    const byRoot = new Map<number, number[]>();
    for (const group of facts.groups) {
      if (group?.role !== 'code') continue;
      const root = this.find(group.id);
      byRoot.set(root, [...(byRoot.get(root) ?? []), group.id]);
    }
    for (const [root, members] of byRoot) {
      const files = [...new Set(members.map((m) => this.explicitFile.get(m)).filter((f) => f !== undefined))];
      if (files.length < 2) continue;
      const reasons = this.togetherReasons.get(root) ?? [];
      const code = reasons.some((r) => r.code === 'MS312') ? 'MS312' : 'MS311';
      const labels = members.filter((m) => this.explicitFile.has(m)).map((m) => `\`${this.group(m).label}\``);
      this.diagnostics.push({
        code,
        severity: 'error',
        message: `${labels.join(', ')} must share one namespace, but the plan puts them in ${files.map((f) => `\`${f}\``).join(' and ')}`,
        location: this.unitLocation(this.group(members[0] as number).firstUnit),
        notes: reasons.map((r) => r.reason),
        help: `put them in the same file${code === 'MS312' ? ', or remove the reflection (globals(), exec) first' : ''}`,
      });
    }
  }

  // 4. Every other code group.

  private placeRemainingGroups(): void {
    const facts = this.facts;
    const codeIds = facts.sourceOrder.filter((id) => this.group(id).role === 'code');
    const roots = [...new Set(codeIds.map((id) => this.find(id)))];
    const membersOf = new Map<number, number[]>();
    for (const id of codeIds) membersOf.set(this.find(id), [...(membersOf.get(this.find(id)) ?? []), id]);
    // Component graph over "uses" (hard and soft imports), then mutual dependencies collapsed.
    const deps = new Map<number, Set<number>>();
    for (const root of roots) deps.set(root, new Set());
    for (const id of codeIds) {
      for (const use of this.group(id).uses) {
        if (!needsImport(use) || !this.isCode(use.target)) continue;
        const a = this.find(id);
        const b = this.find(use.target);
        if (a !== b) deps.get(a)?.add(b);
      }
    }
    const sccs = collectComponents(roots, deps);
    const nodeOf = new Map<number, number>();
    sccs.forEach((scc, i) => {
      for (const root of scc) nodeOf.set(root, i);
    });
    const nodeMembers = sccs.map((scc) =>
      scc
        .flatMap((root) => membersOf.get(root) ?? [])
        .sort((a, b) => this.group(a).firstUnit - this.group(b).firstUnit),
    );
    const nodeDeps = sccs.map(() => new Set<number>());
    const nodeUsers = sccs.map(() => new Set<number>());
    const weakUsers = sccs.map(() => new Set<number>());
    for (const id of codeIds) {
      const from = nodeOf.get(this.find(id)) as number;
      for (const use of this.group(id).uses) {
        if (!this.isCode(use.target)) continue;
        const to = nodeOf.get(this.find(use.target)) as number;
        if (to === from) continue;
        if (needsImport(use)) {
          nodeDeps[from]?.add(to);
          nodeUsers[to]?.add(from);
        } else weakUsers[to]?.add(from);
      }
    }
    const bindingLess = nodeMembers.map((members) => members.every((m) => this.group(m).names.length === 0));
    const fileOfNode = new Map<number, string>();
    const graph = new Map<string, Set<string>>();
    const addEdge = (from: string, to: string) => {
      if (from === to || !this.isModuleFile(from) || !this.isModuleFile(to)) return;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)?.add(to);
    };
    const hardBetween = (from: number, to: number) =>
      (nodeMembers[from] ?? []).some((m) =>
        this.group(m).uses.some(
          (u) => this.isCode(u.target) && nodeOf.get(this.find(u.target)) === to && isHardUse(u),
        ),
      );
    const assign = (node: number, file: string, reason: string) => {
      fileOfNode.set(node, file);
      for (const member of nodeMembers[node] ?? []) {
        const explicit = this.explicitFile.get(member);
        if (explicit !== undefined) continue;
        const root = this.find(member);
        const together = this.togetherReasons.get(root);
        const why =
          together && together.length > 0 && (membersOf.get(root)?.length ?? 0) > 1
            ? together[0]?.reason
            : undefined;
        this.placed.set(member, { group: member, file, explicit: false, reason: why ?? reason });
      }
      for (const dep of nodeDeps[node] ?? []) {
        const depFile = fileOfNode.get(dep);
        if (depFile !== undefined && hardBetween(node, dep)) addEdge(file, depFile);
      }
      for (const user of nodeUsers[node] ?? []) {
        const userFile = fileOfNode.get(user);
        if (userFile !== undefined && hardBetween(user, node)) addEdge(userFile, file);
      }
    };
    // Explicit nodes first (the first explicit member in source order decides for the node).
    sccs.forEach((_, node) => {
      const explicit = (nodeMembers[node] ?? []).find((m) => this.explicitFile.has(m));
      if (explicit === undefined) return;
      const file = this.explicitFile.get(explicit) as string;
      assign(
        node,
        file,
        `depends on ${this.group(explicit).label} and is used by it (mutual), so it stays in ${file}`,
      );
    });
    const label = (node: number) => this.group((nodeMembers[node] ?? [])[0] as number).label;
    const firstUnitOf = (node: number) => this.group((nodeMembers[node] ?? [])[0] as number).firstUnit;
    // Would placing `node` in `file` close a cycle (given the placed users and dependencies)?
    const closesCycle = (node: number, file: string): boolean => {
      const added: [string, string][] = [];
      for (const user of nodeUsers[node] ?? []) {
        const f = fileOfNode.get(user);
        if (f !== undefined && f !== file && hardBetween(user, node)) added.push([f, file]);
      }
      for (const dep of nodeDeps[node] ?? []) {
        const f = fileOfNode.get(dep);
        if (f !== undefined && f !== file && hardBetween(node, dep)) added.push([file, f]);
      }
      const trial = new Map<string, Set<string>>();
      for (const [k, v] of graph) trial.set(k, new Set(v));
      for (const [a, b] of added) {
        if (!this.isModuleFile(a) || !this.isModuleFile(b)) continue;
        if (!trial.has(a)) trial.set(a, new Set());
        trial.get(a)?.add(b);
      }
      return added.some(([a, b]) => this.isModuleFile(a) && this.isModuleFile(b) && reaches(trial, b, a));
    };
    const userFilesOf = (users: Iterable<number>) => {
      const out: string[] = [];
      for (const user of users) {
        if (bindingLess[user]) continue;
        const f = fileOfNode.get(user);
        if (f !== undefined && !out.includes(f)) out.push(f);
      }
      return out.sort(
        (a, b) => this.fileRank(a, fileOfNode, nodeMembers) - this.fileRank(b, fileOfNode, nodeMembers),
      );
    };
    const userNames = (node: number, file: string) =>
      [...(nodeUsers[node] ?? [])]
        .filter((u) => fileOfNode.get(u) === file && !bindingLess[u])
        .sort((a, b) => firstUnitOf(a) - firstUnitOf(b))
        .map(label);
    const placeByUsers = (node: number, files: readonly string[], weak: boolean) => {
      const used = weak ? 'referred to by name only by' : 'used by';
      if (files.length === 1) {
        const file = files[0] as string;
        const names =
          userNames(node, file).length > 0
            ? userNames(node, file)
            : this.weakUserNames(node, file, weakUsers, fileOfNode, label);
        const only =
          names.length === 1
            ? `only ${used} ${names[0]}`
            : `${used} ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', ...' : ''}`;
        assign(node, file, `${only} (${file})`);
        return;
      }
      const list = files.join(', ');
      const lowest = files.filter(
        (l) => files.every((f) => f === l || reaches(graph, f, l)) && !closesCycle(node, l),
      );
      if (lowest.length > 0) {
        const l = lowest[0] as string;
        assign(node, l, `${used} ${list}; placed in ${l}, the lowest file they all import`);
        return;
      }
      const shared = this.sharedFile();
      if (!closesCycle(node, shared)) {
        if (!this.files.includes(shared)) this.files.push(shared);
        assign(
          node,
          shared,
          `${used} ${list}, which do not import one another; placed in the shared ${shared}`,
        );
        return;
      }
      const open = files.filter((f) => !closesCycle(node, f));
      const chosen = open[0] ?? (files[0] as string);
      assign(node, chosen, `${used} ${list}; placed in ${chosen}, which they can all import`);
    };
    // The nearest placed code along dependency edges (breadth first): where a leaf subclass's bases went.
    const findBuiltOn = (node: number): { file: string; label: string } | undefined => {
      const seen = new Set([node]);
      let frontier = [node];
      while (frontier.length > 0) {
        const votes = new Map<string, { count: number; label: string }>();
        const next: number[] = [];
        for (const n of frontier) {
          const deps = [...(nodeDeps[n] ?? [])].sort((a, b) => firstUnitOf(a) - firstUnitOf(b));
          for (const dep of deps) {
            if (seen.has(dep)) continue;
            seen.add(dep);
            const f = fileOfNode.get(dep);
            if (f === undefined) next.push(dep);
            else if (this.isModuleFile(f)) {
              const vote = votes.get(f) ?? { count: 0, label: label(dep) };
              vote.count++;
              votes.set(f, vote);
            }
          }
        }
        const ranked = [...votes.entries()].sort(
          (a, b) =>
            b[1].count - a[1].count ||
            this.fileRank(a[0], fileOfNode, nodeMembers) - this.fileRank(b[0], fileOfNode, nodeMembers),
        );
        const open = ranked.find(([f]) => !closesCycle(node, f));
        if (open) return { file: open[0], label: open[1].label };
        frontier = next;
      }
      return undefined;
    };
    const placeAlone = (node: number) => {
      const builtOn = findBuiltOn(node);
      if (builtOn) {
        assign(
          node,
          builtOn.file,
          `not used by other code here; placed with what it builds on, ${builtOn.label} (${builtOn.file})`,
        );
        return;
      }
      const weak = userFilesOf(weakUsers[node] ?? []);
      if (weak.length > 0) {
        placeByUsers(node, weak, true);
        return;
      }
      const neighbour = this.findNeighbourFile(firstUnitOf(node), nodeOf, fileOfNode);
      if (neighbour && !closesCycle(node, neighbour.file)) {
        assign(
          node,
          neighbour.file,
          `not used by other code here; placed beside ${neighbour.label} (${neighbour.file}), its neighbour in the source`,
        );
        return;
      }
      const file = neighbour?.file ?? (this.files[0] as string);
      assign(node, file, `not used by other code here; placed in ${file}`);
    };
    const placeRegistration = (node: number) => {
      const depFiles = [...(nodeDeps[node] ?? [])]
        .map((d) => fileOfNode.get(d))
        .filter((f): f is string => f !== undefined && this.isModuleFile(f));
      const files = [...new Set(depFiles)];
      const uses = [...(nodeDeps[node] ?? [])]
        .sort((a, b) => firstUnitOf(a) - firstUnitOf(b))
        .map(label)
        .slice(0, 3)
        .join(', ');
      if (files.length === 0) {
        assign(node, INIT_FILE, 'runs code at import and uses only imported names; stays in __init__.py');
        return;
      }
      const top = files.filter((f) => files.every((g) => reaches(graph, f, g)));
      const candidates = top.length > 0 ? top : files.filter((f) => !closesCycle(node, f));
      const file =
        candidates.sort(
          (a, b) => this.fileRank(b, fileOfNode, nodeMembers) - this.fileRank(a, fileOfNode, nodeMembers),
        )[0] ?? (files[0] as string);
      assign(node, file, `runs code at import with ${uses} (${file})`);
    };
    // Users first (helpers follow the code that uses them); registrations last (they follow what they use).
    const order = sccs.map((_, i) => i).reverse();
    for (;;) {
      let progress = false;
      for (const node of order) {
        if (fileOfNode.has(node) || bindingLess[node]) continue;
        const users = [...(nodeUsers[node] ?? [])].filter((u) => !bindingLess[u]);
        if (users.length === 0 || users.some((u) => !fileOfNode.has(u))) continue;
        placeByUsers(node, userFilesOf(users), false);
        progress = true;
      }
      if (progress) continue;
      const alone = order
        .filter((n) => !fileOfNode.has(n) && !bindingLess[n])
        .filter((n) => [...(nodeUsers[n] ?? [])].every((u) => bindingLess[u] || fileOfNode.has(u)))
        .sort((a, b) => firstUnitOf(a) - firstUnitOf(b));
      if (alone.length === 0) break;
      placeAlone(alone[0] as number);
    }
    for (const node of [...order].sort((a, b) => firstUnitOf(a) - firstUnitOf(b))) {
      if (!fileOfNode.has(node)) placeRegistration(node);
    }
  }

  private weakUserNames(
    node: number,
    file: string,
    weakUsers: readonly Set<number>[],
    fileOfNode: ReadonlyMap<number, string>,
    label: (n: number) => string,
  ): string[] {
    return [...(weakUsers[node] ?? [])].filter((u) => fileOfNode.get(u) === file).map(label);
  }

  /** New submodule (not `__init__.py`, not `__main__.py`). */
  private isModuleFile(file: string): boolean {
    return file !== INIT_FILE && file !== MAIN_FILE;
  }

  /** Source position of a file's first group (for "lowest"/"latest" ties). */
  private fileRank(
    file: string,
    fileOfNode: ReadonlyMap<number, string>,
    nodeMembers: readonly number[][],
  ): number {
    let best = Number.POSITIVE_INFINITY;
    for (const [node, f] of fileOfNode) {
      if (f !== file) continue;
      for (const m of nodeMembers[node] ?? []) best = Math.min(best, this.group(m).firstUnit);
    }
    const planned = this.files.indexOf(file);
    return best === Number.POSITIVE_INFINITY ? 1e9 + planned : best;
  }

  private findNeighbourFile(
    unitIndex: number,
    nodeOf: ReadonlyMap<number, number>,
    fileOfNode: ReadonlyMap<number, string>,
  ): { file: string; label: string } | undefined {
    const order = this.facts.sourceOrder;
    const at = order.findIndex((id) => this.group(id).firstUnit === unitIndex);
    const fileOfGroup = (id: number) => {
      if (this.group(id).role !== 'code') return undefined;
      const f = fileOfNode.get(nodeOf.get(this.find(id)) as number);
      return f !== undefined && this.isModuleFile(f) ? f : undefined;
    };
    for (let d = 1; d < order.length; d++) {
      for (const i of [at - d, at + d]) {
        const id = order[i];
        if (id === undefined) continue;
        const f = fileOfGroup(id);
        if (f !== undefined) return { file: f, label: this.group(id).label };
      }
    }
    return undefined;
  }

  private sharedFile(): string {
    const wanted = this.options.sharedFileName ?? 'common.py';
    const taken = (stem: string) =>
      this.files.includes(`${stem}.py`) || this.analysis.bindings[stem] !== undefined;
    const stem = wanted.replace(/\.py$/, '');
    if (this.files.includes(wanted) || !taken(stem)) return wanted;
    return suggestFileName(stem, taken, 'shared');
  }

  // 5. The file graph and its refusals.

  private buildFileGraph(): { hard: Map<string, Set<string>>; evidence: Map<string, Evidence> } {
    const hard = new Map<string, Set<string>>();
    const evidence = new Map<string, Evidence>();
    for (const group of this.facts.groups) {
      if (!group) continue;
      const from = this.placed.get(group.id);
      if (!from || from.copied || !this.isModuleFile(from.file)) continue;
      for (const use of group.uses) {
        if (!isHardUse(use)) continue;
        const to = this.placed.get(use.target);
        if (!to || to.copied || !this.isModuleFile(to.file) || to.file === from.file) continue;
        if (!hard.has(from.file)) hard.set(from.file, new Set());
        hard.get(from.file)?.add(to.file);
        this.recordImport(from.file, to.file);
        const key = `${from.file}\0${to.file}`;
        const known = evidence.get(key);
        if (
          !known ||
          rankWhen(use) < rankWhen(known.use) ||
          (rankWhen(use) === rankWhen(known.use) && use.line < known.use.line)
        ) {
          evidence.set(key, { user: group.id, use });
        }
      }
    }
    return { hard, evidence };
  }

  private refuseCycles(
    graph: Map<string, Set<string>>,
    evidence: Map<string, Evidence>,
    ordering: ReadonlyMap<string, string>,
  ): void {
    const files = this.placedFiles();
    for (const component of collectComponents(files, graph)) {
      if (component.length < 2) continue;
      const cycle = findCycleThrough(graph, component[0] as string) ?? component;
      const steps: string[] = [];
      const notes: string[] = [];
      for (let i = 0; i + 1 < cycle.length; i++) {
        const from = cycle[i] as string;
        const to = cycle[i + 1] as string;
        const ev = evidence.get(`${from}\0${to}`);
        if (!ev) {
          const order = ordering.get(`${from}\0${to}`);
          if (order !== undefined) {
            steps.push(`${to} (import order)`);
            notes.push(`${to} must be imported before ${from}: ${order}`);
          }
          continue;
        }
        const user = this.group(ev.user).label;
        steps.push(`${to} via ${user} -> ${ev.use.name} (${this.where(ev.use.line)})`);
        notes.push(
          `${from} imports ${to}: ${user} uses \`${ev.use.name}\` ${describeWhen(ev.use)} (${this.where(ev.use.line)})`,
        );
        // The use is in a statement that only moves with the group (`REGISTRY["fn"] = fn` with `REGISTRY`).
        const group = this.group(ev.user);
        const reason = this.analysis.groups.find((g) => g.id === ev.user)?.reason;
        if (ev.use.unit !== group.firstUnit && reason) {
          const note = `line ${this.unit(ev.use.unit).line} moves with ${user} (${reason}), so ${user}'s file needs \`${ev.use.name}\``;
          if (!notes.includes(note)) notes.push(note);
        }
        for (const id of [ev.user, ev.use.target]) {
          const p = this.placed.get(id);
          const note = `${this.group(id).label} was placed in ${p?.file} by modsplit: ${p?.reason}`;
          if (p && !p.explicit && !notes.includes(note)) notes.push(note);
        }
      }
      const first = evidence.get(`${cycle[0]}\0${cycle[1]}`);
      const target = first ? this.group(first.use.target).label : '';
      const user = first ? this.group(first.user).label : '';
      this.diagnostics.push({
        code: 'MS301',
        severity: 'error',
        message: `the plan makes ${component.map((f) => `\`${f}\``).join(', ')} import each other at module level: ${cycle[0]} -> ${steps.join(' -> ')}`,
        location: this.plan.origin?.fileLines[cycle[0] as string]
          ? this.planLocation(cycle[0] as string)
          : first
            ? { path: this.modulePath, line: first.use.line, column: 1 }
            : { path: this.modulePath, line: 1, column: 1 },
        notes,
        help: `put \`${user}\` and \`${target}\` in the same file, or refer to \`${target}\` by string (models.ForeignKey("${target}", ...))`,
      });
    }
  }

  private recordImport(from: string, to: string): void {
    if (!this.importEdges.has(from)) this.importEdges.set(from, new Set());
    this.importEdges.get(from)?.add(to);
  }

  /**
   * A new file that imports a module at module level, where that module imports names from this one at module
   * level (`from .creation import X` at the bottom of `backends/oracle/base.py`, with `creation.py` doing
   * `from ...oracle.base import Database`), runs that module while `__init__.py` is half done: the names must be
   * bound by files imported earlier. Adds those import-order edges to `graph` (file → file that must come first);
   * refuses (MS322) when the name lives in the importing file itself. Returns edge → explanation.
   */
  private addReaderOrdering(graph: Map<string, Set<string>>): Map<string, string> {
    const readers = collectModuleReaders(this.location, this.usage);
    const out = new Map<string, string>();
    if (readers.size === 0) return out;
    for (const group of this.facts.groups) {
      const from = group ? this.placed.get(group.id) : undefined;
      if (!group || !from || from.copied || !this.isModuleFile(from.file)) continue;
      for (const use of group.uses) {
        if (!needsImport(use)) continue;
        const source = this.group(use.target);
        if (source.role !== 'import' && source.role !== 'side-effect-import') continue;
        for (const unitIndex of source.units) {
          for (const binding of this.unit(unitIndex).imports) {
            if (binding.name !== use.name) continue;
            for (const target of importTargets(binding, this.location)) {
              const reader = readers.get(target);
              // Packages that contain the module are imported (or being imported) before it: they never run again.
              if (!reader || `${this.location.dotted}.`.startsWith(`${target}.`)) continue;
              for (const name of reader.names) {
                const homeGroup = this.facts.groupOfName.get(name);
                const home = this.placed.get(homeGroup ?? -1);
                if (!home || home.copied || !this.isModuleFile(home.file)) continue;
                // An import above the definition only ever worked with that module imported first (already
                // running, it does not run again); only a later import can run it fresh, as after the split.
                if (unitIndex < this.group(homeGroup as number).firstUnit) continue;
                const why = `${from.file} imports \`${target}\` at module level (${this.where(this.unit(unitIndex).line)}), which imports \`${name}\` from the package (${reader.file}:${reader.line})`;
                if (home.file === from.file) {
                  if (this.diagnostics.some((d) => d.code === 'MS322' && d.message.startsWith(why))) continue;
                  this.diagnostics.push({
                    code: 'MS322',
                    severity: 'error',
                    message: `${why}, but \`${name}\` is defined in ${from.file} itself: a circular import`,
                    location: this.unitLocation(unitIndex),
                    help: `plan \`${name}\` into a file that does not use \`${target}\`, or move that import in ${reader.file} into the function that uses it`,
                  });
                  continue;
                }
                if (!graph.has(from.file)) graph.set(from.file, new Set());
                graph.get(from.file)?.add(home.file);
                const key = `${from.file}\0${home.file}`;
                if (!out.has(key)) out.set(key, why);
              }
            }
          }
        }
      }
    }
    return out;
  }

  /** Files that received at least one group, in plan order then creation order. */
  private placedFiles(): string[] {
    const used = new Set<string>();
    for (const p of this.placed.values()) if (!p.copied && this.isModuleFile(p.file)) used.add(p.file);
    return this.files.filter((f) => used.has(f));
  }

  /**
   * A submodule that calls a function kept in `__init__.py` at import time (`LIMIT = compute()` in p1.py) makes it
   * read `__init__.py`'s globals: a name it reads from another submodule must be bound there first, so that file
   * is imported first (an order edge). When the name comes from the calling file itself, no order works (MS316).
   */
  private addInitReadOrdering(graph: Map<string, Set<string>>, ordering: Map<string, string>): void {
    for (const group of this.facts.groups) {
      const from = group ? this.placed.get(group.id) : undefined;
      if (!group || !from || from.copied || !this.isModuleFile(from.file)) continue;
      for (const use of group.uses) {
        if (use.via === undefined || !isRunTimeUse(use)) continue;
        const viaGroup = this.facts.groupOfName.get(use.via);
        const viaPlace = viaGroup === undefined ? undefined : this.placed.get(viaGroup);
        if (viaPlace?.file !== INIT_FILE || viaPlace.copied) continue;
        const home = this.placed.get(use.target);
        if (!home || home.copied || !this.isModuleFile(home.file)) continue;
        const via = this.group(viaGroup as number);
        const call = `${from.file} calls \`${use.via}\` (kept in __init__.py) at import time (${group.label}, ${this.where(this.unit(use.unit).line)}), and it reads \`${use.name}\` (${this.where(use.line)}) from ${home.file}`;
        if (home.file === from.file) {
          if (this.diagnostics.some((d) => d.code === 'MS316' && d.message.includes(`\`${via.label}\``)))
            continue;
          this.diagnostics.push({
            code: 'MS316',
            severity: 'error',
            message: `\`${via.label}\` stays in \`__init__.py\` and ${from.file} calls it at import time, but it reads \`${use.name}\`, which \`__init__.py\` gets from ${from.file} only after that file has run`,
            location: this.unitLocation(via.firstUnit),
            notes: [call],
            help: `plan \`${via.label}\` into ${from.file}, or keep \`${use.name}\` in \`__init__.py\` too`,
          });
          continue;
        }
        if (!graph.has(from.file)) graph.set(from.file, new Set());
        graph.get(from.file)?.add(home.file);
        const key = `${from.file}\0${home.file}`;
        if (!ordering.has(key)) ordering.set(key, call);
      }
    }
  }

  /** Code kept in `__init__.py` must fit between the submodule imports: after what it needs, before its users. */
  private refuseInitConflicts(resolved: ResolvedPlan): Map<number, number> {
    const kept: number[] = [];
    for (const p of resolved.placements) {
      if (p.file === INIT_FILE && !p.copied) kept.push(...this.group(p.group).units);
    }
    kept.sort((a, b) => a - b);
    const { slots, conflict } = collectInitSlots(this.facts, resolved, kept, this.modulePath);
    if (conflict) this.diagnostics.push(this.describeInitConflict(conflict));
    return new Map(kept.map((unit, i) => [unit, slots[i] ?? resolved.fileOrder.length]));
  }

  private describeInitConflict(conflict: InitOrderConflict): Diagnostic {
    const group = this.group(this.facts.groupOfUnit[conflict.unit] as number);
    const { after, before } = conflict;
    const own = this.unit(conflict.unit).line !== this.unit(group.firstUnit).line;
    const why =
      after.file === before.file
        ? `it needs ${after.file} while it runs, and ${before.file} needs it first`
        : `it needs ${after.file} while it runs, and ${before.file}, which must be imported before that, needs it first`;
    return {
      code: 'MS316',
      severity: 'error',
      message: `\`${group.label}\` stays in \`__init__.py\`, but no order of \`__init__.py\` works: ${why}`,
      location: this.unitLocation(conflict.unit),
      notes: [
        ...(own ? [`line ${this.unit(conflict.unit).line} must stay below the kept code above it`] : []),
        after.reason,
        before.reason,
      ],
      help: `move \`${group.label}\` into a submodule, e.g. with \`${after.file}\``,
    };
  }

  /** Warn when a name rebound with `global` is re-exported: `package.X` is then a snapshot. */
  private refuseStaleSnapshots(): void {
    const exported = new Set(this.exported.names);
    for (const unit of this.analysis.units) {
      for (const name of unit.globalWrites) {
        const binder = this.facts.groupOfName.get(name);
        const p = binder === undefined ? undefined : this.placed.get(binder);
        if (!exported.has(name) || !p || p.file === INIT_FILE) continue;
        this.diagnostics.push({
          code: 'MS318',
          severity: 'warning',
          message: `\`${name}\` is rebound by \`global ${name}\` (${this.where(unit.line)}) and re-exported: \`${this.location.dotted}.${name}\` will keep the value it had at import`,
          location: this.unitLocation(unit.index),
          notes: [`readers inside the package use ${p.file}'s global and see updates`],
          help: `read it as \`${this.location.dotted}.${p.file.replace(/\.py$/, '')}.${name}\` (or through a function) where the current value matters`,
        });
      }
    }
  }

  // 6. Non-evaluated annotations: module-level imports unless they would close a cycle.

  private addSoftEdges(graph: Map<string, Set<string>>): Map<string, Set<string>> {
    const deferred = new Map<string, Set<string>>();
    for (const id of this.facts.sourceOrder) {
      const group = this.group(id);
      const from = this.placed.get(id);
      if (!from || from.copied || from.file === INIT_FILE) continue;
      for (const use of group.uses) {
        if (isHardUse(use) || !needsImport(use)) continue;
        const to = this.placed.get(use.target);
        if (!to || to.copied || !this.isModuleFile(to.file) || to.file === from.file) continue;
        if (graph.get(from.file)?.has(to.file)) continue;
        if (from.file !== MAIN_FILE && reaches(graph, to.file, from.file)) {
          const names = deferred.get(from.file) ?? new Set<string>();
          deferred.set(from.file, names);
          if (names.has(use.name)) continue;
          names.add(use.name);
          this.diagnostics.push({
            code: 'MS317',
            severity: 'info',
            message: `${from.file} imports \`${use.name}\` under \`if TYPE_CHECKING:\`: it is only used in annotations, and a module-level import would close a cycle with ${to.file}`,
            location: { path: this.modulePath, line: use.line, column: 1 },
            notes: [
              `typing.get_type_hints() on ${group.label} cannot resolve \`${use.name}\` from ${from.file}`,
            ],
          });
          continue;
        }
        if (!graph.has(from.file)) graph.set(from.file, new Set());
        graph.get(from.file)?.add(to.file);
        this.recordImport(from.file, to.file);
      }
    }
    return deferred;
  }

  private buildResolvedPlan(
    graph: Map<string, Set<string>>,
    deferred: Map<string, Set<string>>,
    ordering: ReadonlyMap<string, string>,
  ): ResolvedPlan {
    const files = this.placedFiles();
    const rank = new Map<string, number>();
    for (const p of this.placed.values()) {
      if (p.copied || !this.isModuleFile(p.file)) continue;
      rank.set(p.file, Math.min(rank.get(p.file) ?? Number.POSITIVE_INFINITY, this.group(p.group).firstUnit));
    }
    // Kept code between the imports may need one file imported before another that does not import it.
    const withKept = new Map([...graph].map(([f, to]) => [f, new Set(to)]));
    for (const [from, to] of collectInitOrderEdges(this.facts, [...this.placed.values()], this.modulePath)) {
      for (const file of to) withKept.set(from, new Set([...(withKept.get(from) ?? []), file]));
    }
    const byRank = (f: string) => rank.get(f) ?? 0;
    const fileOrder =
      orderTopologically(files, withKept, byRank) ?? orderTopologically(files, graph, byRank) ?? files;
    const fileDependencies: Record<string, string[]> = {};
    for (const file of [...fileOrder, ...(this.hasMainFile() ? [MAIN_FILE] : [])]) {
      fileDependencies[file] = [...(graph.get(file) ?? [])]
        .filter((f) => f !== file && (this.importEdges.get(file)?.has(f) ?? false))
        .sort();
    }
    const placements = this.facts.sourceOrder
      .map((id) => this.placed.get(id))
      .filter((p): p is Placement => p !== undefined);
    const typeCheckingImports: Record<string, string[]> = {};
    for (const [file, names] of deferred) typeCheckingImports[file] = [...names].sort();
    const importOrder: Record<string, string[]> = {};
    for (const key of ordering.keys()) {
      // Kept even when `from` imports `to` itself: that loads `to` first but binds nothing in `__init__.py`.
      const [from, to] = key.split('\0') as [string, string];
      importOrder[from] = [...(importOrder[from] ?? []), to].sort();
    }
    return {
      fileOrder,
      placements,
      fileDependencies,
      ...(deferred.size > 0 ? { typeCheckingImports } : {}),
      ...(Object.keys(importOrder).length > 0 ? { importOrder } : {}),
    };
  }

  /**
   * Statements run for their effect (registrations, `checks.register(...)`, `signal.connect(...)`) now run in
   * file import order. First-match registries care: warn at the first pair whose order changes.
   */
  private flagReorderedSideEffects(
    fileOrder: readonly string[],
    keptSlots: ReadonlyMap<number, number>,
  ): void {
    const effects: { unit: TopLevelUnit; at: number; file: string }[] = [];
    for (const unit of this.analysis.units) {
      if (!isRegistrationUnit(this.facts, unit.index)) continue;
      const p = this.placed.get(this.facts.groupOfUnit[unit.index] as number);
      // Kept code runs between submodule imports: just before the one at its slot.
      const slot = keptSlots.get(unit.index);
      const at = slot !== undefined ? slot - 0.5 : p ? fileOrder.indexOf(p.file) : -1;
      if (p && (at >= 0 || slot !== undefined)) effects.push({ unit, at, file: p.file });
    }
    for (let i = 0; i + 1 < effects.length; i++) {
      const a = effects[i] as (typeof effects)[number];
      const later = effects.slice(i + 1).find((b) => b.at < a.at);
      if (!later) continue;
      this.diagnostics.push({
        code: 'MS321',
        severity: 'warning',
        message: `the statement at line ${later.unit.line} now runs before the one at line ${a.unit.line}: ${
          later.file === INIT_FILE
            ? `__init__.py runs it before importing ${a.file}`
            : a.file === INIT_FILE
              ? `__init__.py imports ${later.file} before running it`
              : `${later.file} is imported before ${a.file}`
        }`,
        location: this.unitLocation(later.unit.index),
        notes: [`line ${a.unit.line} goes to ${a.file}, line ${later.unit.line} to ${later.file}`],
        help: 'check that the order of these registrations does not matter, or put them in the same file',
      });
      return;
    }
  }

  private hasMainFile(): boolean {
    for (const p of this.placed.values()) if (p.file === MAIN_FILE) return true;
    return false;
  }
}

const FIXED_REASONS: Readonly<Record<string, string>> = {
  docstring: 'the module docstring stays in __init__.py',
  future: '`from __future__` stays in __init__.py and is repeated in every new file',
  import: 'import: copied, trimmed, into each file that uses it',
  'side-effect-import': 'import kept for its side effect: stays in __init__.py',
  dunder: 'module metadata (dunder) stays in __init__.py',
  main: 'the `if __name__ == "__main__":` block goes to __main__.py',
};

function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

function rankWhen(use: GroupUse): number {
  return use.when === 'import-time' ? 0 : use.when === 'annotation' ? 1 : 2;
}

function describeWhen(use: GroupUse): string {
  if (use.when === 'import-time') return 'at import time';
  if (use.when === 'call-time') return 'inside a function (still a module-level import)';
  return 'in an annotation';
}

/**
 * Dotted modules an import binding runs: `import a.b` runs `a.b`; `from x import y` runs `x` and maybe `x.y`;
 * relative imports are anchored at the module's package (`from ..creation import X` in `pkg/sub/mod.py`).
 */
export function importTargets(
  binding: { module: string; imported: string | null; level: number },
  location: ModuleLocation,
): string[] {
  let base = binding.module;
  if (binding.level > 0) {
    const anchor = (location.isPackageInit ? location.dotted : location.parentPackage)
      .split('.')
      .filter((p) => p !== '');
    const up = anchor.slice(0, anchor.length - (binding.level - 1));
    const rest = binding.module.replace(/^\.+/, '');
    base = [...up, ...(rest === '' ? [] : [rest])].join('.');
  }
  if (binding.imported === null || binding.imported === '*') return [base];
  return [base, `${base}.${binding.imported}`];
}

/** Dotted name of each project module that imports names from this module at module level -> names, site. */
export function collectModuleReaders(
  location: ModuleLocation,
  usage: ProjectUsage,
): Map<string, { names: string[]; file: string; line: number }> {
  const root = location.importRoot;
  const out = new Map<string, { names: string[]; file: string; line: number }>();
  for (const site of usage.importers) {
    if (site.inFunction || site.typeCheckingOnly || site.names.length === 0) continue;
    if (root !== '' && !site.file.startsWith(`${root}/`)) continue;
    const dotted = (root === '' ? site.file : site.file.slice(root.length + 1))
      .replace(/\.py$/, '')
      .replace(/\/__init__$/, '')
      .split('/')
      .join('.');
    const entry = out.get(dotted) ?? { names: [], file: site.file, line: site.line };
    entry.names.push(...site.names);
    out.set(dotted, entry);
  }
  return out;
}
