import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRng } from './prng';

// A documentation site of N pages for `npm run bench:techdocs`, written to disk: every page
// uses the features TechDocs authors use (admonitions, collapsible blocks, tabs, highlighted code
// with options, tables, task lists, footnotes, definition lists, abbreviations, emoji, Mermaid,
// attr_list, md_in_html, GitHub callouts, autolinks, strikethrough, snippets, links between pages).

const WORDS = 'service deploy capture order payment queue retry cache schema owner alert budget latency region replica backup token'.split(' ');

function paragraph(rng: ReturnType<typeof createRng>, words: number): string {
  const text = Array.from({ length: words }, () => rng.pick(WORDS)).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

function page(n: number, pages: number, rng: ReturnType<typeof createRng>): string {
  const next = `page-${String((n + 1) % pages).padStart(3, '0')}.md`;
  return `# Page ${n}

${paragraph(rng, 40)} The API of page ${n}. See [the next page](${next}#details) and the footnote.[^note]

!!! note "Remember"
    ${paragraph(rng, 20)}

    - [x] ${paragraph(rng, 4)}
    - [ ] ${paragraph(rng, 4)}

??? warning "Details"
    ${paragraph(rng, 30)}

    !!! danger ""
        ${paragraph(rng, 10)} ~~old~~ :rocket: www.northwind.example

> [!NOTE]
> ${paragraph(rng, 12)}

<div class="grid" markdown>
**${paragraph(rng, 3)}** [Top](#page-${n}){ .md-button }
</div>

\`\`\`mermaid
flowchart LR
    A${n} --> B${n}
\`\`\`

=== "Python"

    \`\`\`python title="job.py" linenums="1" hl_lines="2"
    def run(order):
        return capture(order.id, retries=${n % 5})
    \`\`\`

=== "TypeScript"

    \`\`\`ts
    export const run = (order: Order) => capture(order.id, { retries: ${n % 5} });
    \`\`\`

## Details {#details .wide}

| Setting | Default | Meaning |
| --- | :---: | --- |
| retries | ${n % 5} | ${paragraph(rng, 6)} |
| region | eu-west | ${paragraph(rng, 6)} |

Capture
:   ${paragraph(rng, 12)}

--8<-- "snippets/common.md"

[^note]: ${paragraph(rng, 10)}

*[API]: Application programming interface
`;
}

/** Writes `pages` Markdown pages, a snippet and mkdocs.yml under `dir`. */
export async function writeDocsSite(dir: string, pages: number, seed: string): Promise<void> {
  const rng = createRng(seed);
  await mkdir(path.join(dir, 'docs'), { recursive: true });
  await mkdir(path.join(dir, 'snippets'), { recursive: true });
  const names = Array.from({ length: pages }, (_, n) => `page-${String(n).padStart(3, '0')}.md`);
  await writeFile(
    path.join(dir, 'mkdocs.yml'),
    [
      'site_name: Benchmark docs',
      'theme:',
      '  name: material',
      'nav:',
      '  - Home: index.md',
      ...names.map((name) => `  - ${name}`),
      'markdown_extensions:',
      '  - admonition',
      '  - attr_list',
      '  - def_list',
      '  - abbr',
      '  - md_in_html',
      '  - pymdownx.tilde',
      '  - pymdownx.magiclink',
      '  - pymdownx.emoji:',
      '      emoji_index: !!python/name:pymdownx.emoji.twemoji',
      '      emoji_generator: !!python/name:pymdownx.emoji.to_svg',
      '  - footnotes',
      '  - tables',
      '  - toc:',
      '      permalink: true',
      '  - pymdownx.details',
      '  - pymdownx.superfences:',
      '      custom_fences:',
      '        - name: mermaid',
      '          class: mermaid',
      '          format: !!python/name:pymdownx.superfences.fence_code_format',
      '  - pymdownx.highlight',
      '  - pymdownx.tabbed:',
      '      alternate_style: true',
      '  - pymdownx.tasklist',
      '  - pymdownx.snippets',
    ].join('\n'),
  );
  await writeFile(path.join(dir, 'snippets/common.md'), '!!! tip\n    Shared by every page through a snippet.\n');
  await writeFile(path.join(dir, 'docs/index.md'), `# Benchmark docs\n\n${names.map((name) => `- [${name}](${name})`).join('\n')}\n`);
  for (const [n, name] of names.entries()) await writeFile(path.join(dir, 'docs', name), page(n, pages, rng));
}
