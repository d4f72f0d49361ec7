// The test helpers that read the planning document back must be able to fail: the Mermaid check rejects
// unbalanced subgraphs, keyword and invalid node ids, and edges to undeclared nodes; tables skip their headers.

import { describe, expect, it } from 'vitest';
import { checkMermaid, markdownSection, tableRows } from './markdown.js';

describe('checkMermaid', () => {
  it('accepts a well-formed flowchart and maps nodes to subgraphs', () => {
    const check = checkMermaid(
      'flowchart LR\n  subgraph file_a_py["a.py"]\n    m_A["A"]\n  end\n  x_B["b.B"]\n  m_A -- FK --> x_B\n  x_B -. M2M .-> m_A\n',
    );
    expect(check.problems).toEqual([]);
    expect(check.nodeSubgraph.get('m_A')).toBe('file_a_py');
    expect(check.nodeSubgraph.get('x_B')).toBeNull();
  });

  it.each([
    ['an unclosed subgraph', 'flowchart LR\n  subgraph s["s"]\n    a["A"]\n'],
    ['an `end` without subgraph', 'flowchart LR\n  a["A"]\n  end\n'],
    ['a keyword node id', 'flowchart LR\n  end["A"]\n'],
    ['an invalid node id', 'flowchart LR\n  a-b["A"]\n'],
    ['an edge to an undeclared node', 'flowchart LR\n  a["A"]\n  a --> b\n'],
    ['a node declared twice', 'flowchart LR\n  a["A"]\n  a["B"]\n'],
    ['a bad header', 'graph XY\n  a["A"]\n'],
  ])('rejects %s', (_, block) => {
    expect(checkMermaid(block).problems).not.toEqual([]);
  });
});

describe('tables and sections', () => {
  it('reads body rows with escaped pipes and stops a section at the next heading of its level', () => {
    const doc =
      '## A\n\n| H1 | H2 |\n|---|---|\n| `x` | a \\| b |\n\n### A.1\n\ntext\n\n## B\n\n| H |\n|---|\n| y |\n';
    const section = markdownSection(doc, '## A');
    expect(section).toContain('### A.1');
    expect(section).not.toContain('## B');
    expect(tableRows(section)).toEqual([['`x`', 'a | b']]);
  });
});
