// Reading the planning document back in tests: a section by its heading, the rows of its tables, and a structural
// check of a Mermaid flowchart (balanced subgraphs, valid and declared node ids). Not a Markdown parser.

/** From the first line starting with `heading` to the next heading of the same or a higher level ('' if absent). */
export function markdownSection(doc: string, heading: string): string {
  const lines = doc.split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  if (start < 0) return '';
  const level = /^#+/.exec(heading)?.[0].length ?? 1;
  let end = lines.length;
  let inFence = false;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith('```')) inFence = !inFence;
    if (inFence) continue;
    const m = /^(#+) /.exec(line);
    if (m && (m[1] as string).length <= level) {
      end = i;
      break;
    }
  }
  return lines.slice(start, end).join('\n');
}

/** Body rows of every table in `text`, cells trimmed; `\|` inside a cell is kept as `|`. */
export function tableRows(text: string): string[][] {
  const rows: string[][] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!line.startsWith('|')) continue;
    const next = lines[i + 1] ?? '';
    const previous = lines[i - 1] ?? '';
    if (/^\|(-+\|)+$/.test(line)) continue;
    if (/^\|(-+\|)+$/.test(next) && !previous.startsWith('|')) continue; // header
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, '|'));
    rows.push(cells);
  }
  return rows;
}

const MERMAID_KEYWORDS = new Set([
  'end',
  'graph',
  'flowchart',
  'subgraph',
  'style',
  'class',
  'classdef',
  'click',
]);
const ID = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface MermaidCheck {
  readonly problems: readonly string[];
  readonly nodeSubgraph: ReadonlyMap<string, string | null>;
}

/**
 * Check a `flowchart` block: the header, `subgraph id["label"]` / `end` balanced, node declarations `id["label"]`
 * with valid ids that are no keywords, each node declared once, and edges `a -- X --> b`, `a -. X .-> b`,
 * `a == X ==> b`, `a --> b`, `a -.-> b` between declared nodes.
 */
export function checkMermaid(block: string): MermaidCheck {
  const problems: string[] = [];
  const nodeSubgraph = new Map<string, string | null>();
  const lines = block
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (!/^flowchart (LR|TB|TD|RL|BT)$/.test(lines[0] ?? '')) problems.push(`bad header: ${lines[0]}`);
  const stack: string[] = [];
  const edges: [string, string][] = [];
  const validId = (id: string) => ID.test(id) && !MERMAID_KEYWORDS.has(id.toLowerCase());
  for (const line of lines.slice(1)) {
    const sub = /^subgraph (\S+?)\["([^"]*)"\]$/.exec(line);
    if (sub) {
      if (!validId(sub[1] as string)) problems.push(`bad subgraph id: ${sub[1]}`);
      stack.push(sub[1] as string);
      continue;
    }
    if (line === 'end') {
      if (stack.pop() === undefined) problems.push('`end` without subgraph');
      continue;
    }
    const node = /^(\S+?)\["([^"]*)"\]$/.exec(line);
    if (node) {
      const id = node[1] as string;
      if (!validId(id)) problems.push(`bad node id: ${id}`);
      if (nodeSubgraph.has(id)) problems.push(`node declared twice: ${id}`);
      nodeSubgraph.set(id, stack[stack.length - 1] ?? null);
      continue;
    }
    const edge = /^(\S+) (?:-- [^-]+ -->|-\. [^.]+ \.->|== [^=]+ ==>|-->|-\.->) (\S+)$/.exec(line);
    if (edge) {
      edges.push([edge[1] as string, edge[2] as string]);
      continue;
    }
    problems.push(`unrecognized line: ${line}`);
  }
  if (stack.length > 0) problems.push(`unclosed subgraph: ${stack.join(', ')}`);
  for (const [from, to] of edges) {
    for (const id of [from, to]) if (!nodeSubgraph.has(id)) problems.push(`edge to undeclared node: ${id}`);
  }
  return { problems, nodeSubgraph };
}

export interface DocumentRelations {
  /** `[field, type, target label]`, as Django's oracle lists them. */
  readonly forward: string[][];
  /** `[accessor, type, declaring model label]`. */
  readonly reverse: string[][];
}

/** The relations the document lists for one model (its `### \`Model\` →` section), or undefined. */
export function documentRelations(doc: string, model: string): DocumentRelations | undefined {
  const section = markdownSection(markdownSection(doc, '## Model dependencies'), `### \`${model}\` →`);
  if (section === '') return undefined;
  const strip = (s: string | undefined) => (s ?? '').replace(/`/g, '').trim();
  const [fieldTable, reverseTable] = section.split('Reverse relations');
  const forward = tableRows(fieldTable ?? '').map((r) => [
    strip(r[0]),
    r[1] ?? '',
    strip((r[2] ?? '').split(' ')[0]),
  ]);
  const reverse = tableRows(reverseTable ?? '').map((r) => {
    const from = strip(r[1]);
    return [strip(r[0]), r[2] ?? '', from.slice(0, from.lastIndexOf('.'))];
  });
  return { forward: sortRows(forward), reverse: sortRows(reverse) };
}

export function sortRows(rows: readonly (readonly string[])[]): string[][] {
  return rows
    .map((r) => [...r])
    .sort((a, b) => (a.join('\0') < b.join('\0') ? -1 : a.join('\0') > b.join('\0') ? 1 : 0));
}
