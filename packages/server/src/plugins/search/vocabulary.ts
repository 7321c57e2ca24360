/**
 * Name and title words, looked up by one-letter typos with symmetric deletes: a word and a query
 * within edit distance 1 share the word itself or one of its one-letter deletions.
 */
export class Vocabulary {
  private readonly words = new Set<string>();
  private readonly byDeletion = new Map<string, Set<string>>();

  get size(): number {
    return this.words.size;
  }

  has(word: string): boolean {
    return this.words.has(word);
  }

  /** Adds words; returns the ones that were new. */
  add(words: Iterable<string>): string[] {
    const added: string[] = [];
    for (const word of words) {
      if (word.length < MIN_WORD_LENGTH || this.words.has(word)) continue;
      this.words.add(word);
      added.push(word);
      for (const variant of [word, ...deletions(word)]) {
        let set = this.byDeletion.get(variant);
        if (!set) this.byDeletion.set(variant, (set = new Set()));
        set.add(word);
      }
    }
    return added;
  }

  /** Known words one typo away: one letter changed, added or removed, or two neighbours swapped. */
  near(query: string): string[] {
    if (query.length < MIN_WORD_LENGTH - 1) return [];
    const found = new Set<string>();
    for (const variant of [query, ...deletions(query)]) {
      for (const word of this.byDeletion.get(variant) ?? []) {
        if (word !== query && withinOneEdit(word, query)) found.add(word);
      }
    }
    return [...found].sort();
  }
}

/** Shorter words give too many false friends to correct. */
const MIN_WORD_LENGTH = 4;

function deletions(word: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  return [...out];
}

function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    // One letter changed, or two neighbours swapped (`paymnets`): people count both as one typo.
    const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    return a.slice(i + 1) === b.slice(i + 1) || swapped;
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
