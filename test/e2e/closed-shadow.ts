// Reading what the extension draws in CLOSED shadow roots: page script cannot (host.shadowRoot is
// null), so the tests go through the DevTools protocol, which pierces closed roots
// (DOM.describeNode with pierce). Returns the text and the element names under each host.
import type { Page } from 'playwright-core';

interface CdpNode {
  nodeType: number;
  nodeName: string;
  localName?: string;
  nodeValue?: string;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

export interface ClosedContent {
  /** Text of the shadow tree, <style> excluded. */
  text: string;
  /** Lower-case names of the elements inside the shadow tree. */
  elements: string[];
  /** The root's mode as Chrome reports it. */
  mode: string | undefined;
}

function walk(node: CdpNode, out: { text: string[]; elements: string[] }): void {
  if (node.nodeType === 3) out.text.push(node.nodeValue ?? '');
  if (node.nodeType === 1) {
    out.elements.push((node.localName ?? node.nodeName).toLowerCase());
    if ((node.localName ?? '').toLowerCase() === 'style') return;
  }
  for (const child of node.children ?? []) walk(child, out);
}

/** The shadow content of every element matching `selector` (in document order). */
export async function closedShadows(page: Page, selector: string): Promise<ClosedContent[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: 0 })) as { root: { nodeId: number } };
    const { nodeIds } = (await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector })) as { nodeIds: number[] };
    const out: ClosedContent[] = [];
    for (const nodeId of nodeIds) {
      const { node } = (await cdp.send('DOM.describeNode', { nodeId, depth: -1, pierce: true })) as { node: CdpNode & { shadowRoots?: (CdpNode & { shadowRootType?: string })[] } };
      const acc = { text: [] as string[], elements: [] as string[] };
      for (const shadow of node.shadowRoots ?? []) for (const child of shadow.children ?? []) walk(child, acc);
      out.push({ text: acc.text.join(' '), elements: acc.elements.filter((e) => e !== 'style'), mode: node.shadowRoots?.[0]?.shadowRootType });
    }
    return out;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

export async function closedShadow(page: Page, selector: string): Promise<ClosedContent> {
  const [first] = await closedShadows(page, selector);
  if (!first) throw new Error(`no ${selector} on the page`);
  return first;
}
