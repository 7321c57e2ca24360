/** One entry of mkdocs' lunr index (`search/search_index.json`): a page, or a section of one. */
export interface SearchEntry {
  location: string;
  title: string;
  text: string;
}

const text = (html: string) =>
  html
    .replace(/<a class="headerlink"[^>]*>.*?<\/a>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/\s+/g, ' ')
    .trim();

/** The page as a whole, then each section from one heading to the next, linked by the heading's id. */
export function searchEntries(pageUrl: string, title: string, html: string): SearchEntry[] {
  const entries: SearchEntry[] = [{ location: pageUrl, title, text: text(html) }];
  const parts = html.split(/(?=<h[1-6] id=")/);
  for (const part of parts) {
    const heading = /^<h[1-6] id="([^"]+)"[^>]*>(.*?)<\/h[1-6]>/s.exec(part);
    if (!heading) continue;
    entries.push({ location: `${pageUrl}#${heading[1]}`, title: text(heading[2]), text: text(part.slice(heading[0].length)) });
  }
  return entries;
}
