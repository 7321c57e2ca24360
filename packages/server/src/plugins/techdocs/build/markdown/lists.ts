import type { Plugin, StateCore } from './types';

/** GFM task lists with pymdownx.tasklist's markup: `li.task-list-item` holding a disabled checkbox. */
function taskLists(state: StateCore) {
  const { tokens } = state;
  for (let i = 2; i < tokens.length; i++) {
    const inline = tokens[i];
    if (inline.type !== 'inline' || tokens[i - 1].type !== 'paragraph_open' || tokens[i - 2].type !== 'list_item_open') continue;
    const match = /^\[([ xX])\]\s/.exec(inline.content);
    const first = inline.children?.[0];
    if (!match || !first || first.type !== 'text') continue;
    first.content = first.content.replace(/^\[[ xX]\]\s/, '');
    const box = new state.Token('html_inline', '', 0);
    const checked = match[1] !== ' ';
    box.content = `<label class="task-list-control"><input type="checkbox" disabled${checked ? ' checked' : ''}/><span class="task-list-indicator"></span></label> `;
    inline.children!.unshift(box);
    tokens[i - 2].attrJoin('class', 'task-list-item');
    for (let j = i - 3; j >= 0; j--) {
      if (tokens[j].type === 'bullet_list_open' && tokens[j].level === tokens[i - 2].level - 1) {
        tokens[j].attrSet('class', 'task-list');
        break;
      }
    }
  }
}

const CALLOUT = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/i;
const CALLOUT_TYPES: Record<string, string> = { note: 'note', tip: 'tip', important: 'info', warning: 'warning', caution: 'danger' };

/** GitHub's `> [!NOTE]` callouts, as the gh-admonitions plugin of techdocs-core renders them. */
function callouts(state: StateCore) {
  const { tokens } = state;
  for (let i = 0; i < tokens.length - 2; i++) {
    if (tokens[i].type !== 'blockquote_open' || tokens[i + 1].type !== 'paragraph_open') continue;
    const inline = tokens[i + 2];
    const match = CALLOUT.exec(inline.content);
    if (!match) continue;
    const type = match[1].toLowerCase();
    const first = inline.children?.[0];
    if (first?.type === 'text') first.content = first.content.replace(CALLOUT, '');
    // A line break after the marker would start the text with an empty line.
    if (inline.children?.[1]?.type === 'softbreak' && first?.content === '') inline.children.splice(0, 2);
    tokens[i].type = 'admonition_open';
    tokens[i].tag = 'div';
    tokens[i].meta = { classes: [CALLOUT_TYPES[type]], title: type.charAt(0).toUpperCase() + type.slice(1) };
    let depth = 0;
    for (let j = i; j < tokens.length; j++) {
      if (tokens[j].type === 'blockquote_open' || tokens[j].type === 'admonition_open') depth++;
      if (tokens[j].type === 'blockquote_close') {
        depth--;
        if (depth === 0) {
          tokens[j].type = 'admonition_close';
          tokens[j].tag = 'div';
          break;
        }
      }
    }
  }
}

export const listsPlugin: Plugin = (md) => {
  md.core.ruler.push('task_lists', taskLists);
  md.core.ruler.push('callouts', callouts);
};
