import * as Y from 'yjs';

/**
 * Plain-text reading and simple writing of a step's rich text. The element names are those of the editor's
 * ProseMirror schema (TipTap StarterKit): paragraph, heading, bulletList, orderedList, listItem, blockquote.
 */

const BLOCK_SEPARATOR = '\n';

function elementText(element: Y.XmlElement, depth: number): string {
  const name = element.nodeName;
  if (name === 'bulletList' || name === 'orderedList') {
    return element
      .toArray()
      .map((item, index) => {
        const marker = name === 'bulletList' ? '-' : `${index + 1}.`;
        const body = item instanceof Y.XmlElement ? childrenText(item, depth + 1) : '';
        return `${'  '.repeat(depth)}${marker} ${body.trimStart()}`;
      })
      .join(BLOCK_SEPARATOR);
  }
  return childrenText(element, depth);
}

function childrenText(parent: Y.XmlElement | Y.XmlFragment, depth: number): string {
  const parts: string[] = [];
  let inline = '';
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      inline += child
        .toDelta()
        .map((op: { insert: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
        .join('');
    } else if (child instanceof Y.XmlElement) {
      if (child.nodeName === 'hardBreak') {
        inline += '\n';
        continue;
      }
      if (inline) parts.push(inline);
      inline = '';
      parts.push(elementText(child, depth));
    }
  }
  if (inline) parts.push(inline);
  return parts.join(BLOCK_SEPARATOR);
}

/** The text of a step, one line per block, lists as "- item". */
export function fragmentToPlainText(fragment: Y.XmlFragment): string {
  return childrenText(fragment, 0);
}

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  if (text) element.insert(0, [new Y.XmlText(text)]);
  return element;
}

/** Append paragraphs to a step's text (used to seed the demo board and in tests). */
export function appendParagraphs(fragment: Y.XmlFragment, paragraphs: readonly string[]): void {
  fragment.insert(fragment.length, paragraphs.map(paragraph));
}

/** Append a bullet list to a step's text. */
export function appendBulletList(fragment: Y.XmlFragment, items: readonly string[]): void {
  const list = new Y.XmlElement('bulletList');
  list.insert(
    0,
    items.map((text) => {
      const item = new Y.XmlElement('listItem');
      item.insert(0, [paragraph(text)]);
      return item;
    }),
  );
  fragment.insert(fragment.length, [list]);
}
