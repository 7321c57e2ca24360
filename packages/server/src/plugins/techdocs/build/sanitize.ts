import sanitizeHtml from 'sanitize-html';

/**
 * What rendered documentation may contain. Raw HTML in Markdown may format (tables, `<kbd>`,
 * `<details>`, images) but never run: no script, style, iframe or form elements, no event
 * handler attributes, and links only to http(s), mailto or within the site.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img', 'details', 'summary', 'input', 'label', 'span', 'div', 'section', 'del', 's', 'ins', 'mark', 'kbd', 'abbr',
    'sup', 'sub', 'dl', 'dt', 'dd', 'hr', 'br', 'figure', 'figcaption', 'picture', 'source', 'caption', 'colgroup', 'col',
  ],
  allowedAttributes: {
    '*': ['id', 'class', 'title', 'lang', 'dir', 'data-tabs', 'align'],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height', 'loading'],
    source: ['srcset', 'type', 'media'],
    input: ['type', 'checked', 'disabled', 'id', 'name'],
    label: ['for'],
    details: ['open'],
    td: ['colspan', 'rowspan', 'style'],
    th: ['colspan', 'rowspan', 'style', 'scope'],
    ol: ['start', 'type'],
  },
  allowedStyles: { td: { 'text-align': [/^(left|right|center)$/] }, th: { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // A link opening a new tab ({target=_blank} from attr_list) must not hand the docs page to it.
  transformTags: {
    a: (tagName, attribs) => (attribs.target ? { tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } } : { tagName, attribs }),
  },
  // Only the inputs the Markdown itself produces: tab switches and task list boxes.
  exclusiveFilter: (frame) => frame.tag === 'input' && !['checkbox', 'radio'].includes(frame.attribs.type ?? ''),
};

export function sanitize(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
