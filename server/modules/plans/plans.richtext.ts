import sanitizeHtml from 'sanitize-html';
import type { Run } from '../../platform/documents.ts';

/**
 * The plan's written sections are limited rich text: headings, paragraphs, lists, links, bold
 * and italic. What is stored is sanitised here, so every reader (the app, the public page, the
 * DOCX and the PDF) gets HTML without script, styles, attributes or other elements.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['h2', 'h3', 'p', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'br'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // Headings of the wrong level and the editor's synonyms become the allowed ones.
  transformTags: { h1: 'h2', h4: 'h3', h5: 'h3', h6: 'h3', b: 'strong', i: 'em', div: 'p' },
  // Whatever is inside a script or style goes with it, not left behind as text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'template'],
};

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** A block of sanitised rich text: what a DOCX paragraph or a PDF block becomes. */
export type Block =
  | { kind: 'heading'; level: 2 | 3; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[] }
  | { kind: 'list'; ordered: boolean; items: Run[][] };

const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');

/**
 * Reads sanitised rich text into blocks. It relies on sanitizeRichText's output: only the
 * allowed tags, `href` the only attribute, no nesting of blocks inside blocks.
 */
export function richTextBlocks(html: string): Block[] {
  const clean = sanitizeRichText(html);
  const blocks: Block[] = [];
  const marks = { bold: 0, italic: 0, link: null as string | null };
  let runs: Run[] = [];
  let list: { ordered: boolean; items: Run[][] } | null = null;
  const flush = (make: (runs: Run[]) => Block | null) => {
    const trimmed = runs.filter((r) => r.text.length > 0);
    runs = [];
    if (trimmed.length === 0) return;
    const block = make(trimmed);
    if (block) blocks.push(block);
  };
  for (const token of clean.split(/(<[^>]+>)/).filter(Boolean)) {
    const tag = /^<(\/?)([a-z0-9]+)([^>]*)>$/.exec(token);
    if (!tag) {
      runs.push({ text: decode(token), bold: marks.bold > 0, italic: marks.italic > 0, link: marks.link });
      continue;
    }
    const [, closing, name, attributes] = tag;
    const open = closing === '';
    switch (name) {
      case 'strong':
        marks.bold += open ? 1 : -1;
        break;
      case 'em':
        marks.italic += open ? 1 : -1;
        break;
      case 'a':
        marks.link = open ? decode(/href="([^"]*)"/.exec(attributes)?.[1] ?? '') || null : null;
        break;
      case 'br':
        runs.push({ text: '\n', bold: false, italic: false, link: null });
        break;
      case 'h2':
      case 'h3':
        if (!open) flush((r) => ({ kind: 'heading', level: name === 'h2' ? 2 : 3, runs: r }));
        else flush((r) => ({ kind: 'paragraph', runs: r }));
        break;
      case 'p':
        flush((r) => ({ kind: 'paragraph', runs: r }));
        break;
      case 'ul':
      case 'ol':
        if (open) {
          flush((r) => ({ kind: 'paragraph', runs: r }));
          list = { ordered: name === 'ol', items: [] };
        } else if (list) {
          if (list.items.length > 0) blocks.push({ kind: 'list', ordered: list.ordered, items: list.items });
          list = null;
        }
        break;
      case 'li':
        if (!open && list) {
          const item = runs.filter((r) => r.text.length > 0);
          runs = [];
          if (item.length > 0) list.items.push(item);
        }
        break;
    }
  }
  flush((r) => ({ kind: 'paragraph', runs: r }));
  return blocks;
}
