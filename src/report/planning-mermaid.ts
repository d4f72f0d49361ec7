// The Mermaid `flowchart` of the planning document: the module's classes as nodes grouped in one `subgraph` per
// proposed file, typed edges (FK / O2O / M2M / inherits, or import-time uses for non-Django modules). Text only.

import type { ModelGraph } from '../analyze/django/index.js';
import type { DefinitionDependencies } from './planning-facts.js';

const KIND_LABEL = {
  ForeignKey: 'FK',
  OneToOneField: 'O2O',
  ManyToManyField: 'M2M',
  ForeignObject: 'FO',
} as const;

/** A Mermaid node id: letters, digits and `_`, prefixed so that no id is a keyword (`end`, `graph`, ...). */
export function mermaidId(prefix: string, name: string): string {
  return `${prefix}_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

function quote(label: string): string {
  return `"${label.replace(/"/g, '#quot;')}"`;
}

interface Diagram {
  readonly nodes: Map<string, { label: string; file: string | null }>;
  readonly edges: Set<string>;
}

function renderDiagram(diagram: Diagram, fileOrder: readonly string[]): string {
  const lines = ['```mermaid', 'flowchart LR'];
  const byFile = new Map<string | null, string[]>();
  for (const [id, node] of diagram.nodes) {
    const list = byFile.get(node.file) ?? [];
    list.push(`${id}[${quote(node.label)}]`);
    byFile.set(node.file, list);
  }
  for (const file of fileOrder) {
    const nodes = byFile.get(file);
    if (!nodes) continue;
    lines.push(`  subgraph ${mermaidId('file', file)}[${quote(file)}]`);
    for (const n of nodes) lines.push(`    ${n}`);
    lines.push('  end');
  }
  for (const n of byFile.get(null) ?? []) lines.push(`  ${n}`);
  for (const edge of diagram.edges) lines.push(`  ${edge}`);
  lines.push('```');
  return lines.join('\n');
}

/**
 * Models as nodes in their proposed files; edges `A -- FK --> B` (class reference), `A -. FK .-> B` (string
 * reference), `A == inherits ==> B`. Targets outside the module are plain nodes outside every subgraph.
 */
export function renderModelDiagram(
  graph: ModelGraph,
  fileOf: (name: string) => string,
  fileOrder: readonly string[],
): string {
  const diagram: Diagram = { nodes: new Map(), edges: new Set() };
  const local = new Map(graph.models.map((m) => [m.label.toLowerCase(), m.name]));
  const nodeOf = (label: string): string => {
    const name = local.get(label.toLowerCase());
    if (name) return mermaidId('m', name);
    const id = mermaidId('x', label);
    if (!diagram.nodes.has(id)) diagram.nodes.set(id, { label, file: null });
    return id;
  };
  for (const m of graph.models)
    diagram.nodes.set(mermaidId('m', m.name), { label: m.name, file: fileOf(m.name) });
  for (const m of graph.models) {
    const from = mermaidId('m', m.name);
    for (const base of m.bases) {
      if (base.kind === 'django' && !base.abstract) continue;
      if (base.kind === 'other') continue;
      const to =
        base.kind === 'model'
          ? mermaidId('m', base.text)
          : nodeOf(base.module ? `${base.text.split('.').pop()} (${base.module})` : base.text);
      diagram.edges.add(`${from} == inherits ==> ${to}`);
    }
    for (const r of m.relations) {
      if (r.inheritedFrom || r.targetLabel === null || r.reference === 'parent-link') continue;
      const to = nodeOf(r.targetLabel);
      const label = KIND_LABEL[r.kind];
      diagram.edges.add(
        r.reference === 'string' ? `${from} -. ${label} .-> ${to}` : `${from} -- ${label} --> ${to}`,
      );
    }
    for (const r of m.reverse) {
      if (r.inModule) continue;
      const source = nodeOf(r.fromLabel);
      diagram.edges.add(`${source} -. ${KIND_LABEL[r.kind]} .-> ${from}`);
    }
  }
  return renderDiagram(diagram, fileOrder);
}

/** Classes and functions as nodes; an edge per import-time use between definitions (call-time uses dotted). */
export function renderDependencyDiagram(
  dependencies: readonly DefinitionDependencies[],
  fileOrder: readonly string[],
  limit = 60,
): string {
  const diagram: Diagram = { nodes: new Map(), edges: new Set() };
  const known = new Set(dependencies.map((d) => d.name));
  const shown = dependencies.slice(0, limit);
  const shownNames = new Set(shown.map((d) => d.name));
  for (const d of shown) diagram.nodes.set(mermaidId('d', d.name), { label: d.name, file: d.file });
  for (const d of shown) {
    for (const n of d.importTime) {
      if (known.has(n) && shownNames.has(n))
        diagram.edges.add(`${mermaidId('d', d.name)} --> ${mermaidId('d', n)}`);
    }
    for (const n of d.callTime) {
      if (known.has(n) && shownNames.has(n))
        diagram.edges.add(`${mermaidId('d', d.name)} -.-> ${mermaidId('d', n)}`);
    }
  }
  return renderDiagram(diagram, fileOrder);
}
