import { sql, type RawBuilder } from 'kysely';

/** One AND-ed part of a text query: a word (matched as a prefix, or as one of its typo corrections) or a phrase. */
export type MatchTerm = { word: string; corrections: string[] } | { phrase: string[] };

/** The engine-specific part of a query: where documents come from, how they match, rank and highlight. */
export interface FullText {
  /** A source of rows exposing `d` (search_documents) and whatever the match needs. */
  from(terms: MatchTerm[]): RawBuilder<unknown>;
  where(terms: MatchTerm[]): RawBuilder<unknown>;
  /** The match's score, named `score`. */
  score: RawBuilder<unknown>;
  /** Selects `hl_title` and `hl_text`; costly, so computed only for the rows of a page. */
  highlights: RawBuilder<unknown>;
  /** Best score first. */
  order: RawBuilder<unknown>;
}

export const PRE_TAG = '<mark>';
export const POST_TAG = '</mark>';

/** SQLite FTS5: columns (title, names, text); title and name words weigh far more than the description. */
export const sqliteFullText: FullText = {
  from: () => sql`search_fts join search_documents d on d.id = search_fts.rowid`,
  where: (terms) => sql`search_fts match ${ftsMatch(terms)}`,
  score: sql`bm25(search_fts, 10.0, 8.0, 1.0) as score`,
  highlights: sql`highlight(search_fts, 0, ${PRE_TAG}, ${POST_TAG}) as hl_title, highlight(search_fts, 2, ${PRE_TAG}, ${POST_TAG}) as hl_text`,
  // bm25 is lower for better matches.
  order: sql`score asc`,
};

/** Tokens are letters and digits only (see tokens()), so quoting them is enough to keep FTS5 syntax out. */
function ftsMatch(terms: MatchTerm[]): string {
  return terms
    .map((term) =>
      'phrase' in term ? `"${term.phrase.join(' ')}"` : `(${[`"${term.word}"*`, ...term.corrections.map((c) => `"${c}"`)].join(' OR ')})`,
    )
    .join(' AND ');
}

// The whole field with the matches marked: the client shows the field, not a fragment of it.
const HEADLINE = `HighlightAll=true, StartSel="${PRE_TAG}", StopSel="${POST_TAG}"`;

/** PostgreSQL: a weighted tsvector (title and names A, text C) with prefix matching and English stemming. */
export const postgresFullText: FullText = {
  from: (terms) => sql`search_documents d cross join to_tsquery('english', ${tsQuery(terms)}) as q`,
  where: () => sql`d.tsv @@ q`,
  score: sql`ts_rank(d.tsv, q) as score`,
  highlights: sql`ts_headline('english', d.title, q, ${HEADLINE}) as hl_title, ts_headline('english', d.text, q, ${HEADLINE}) as hl_text`,
  order: sql`score desc`,
};

function tsQuery(terms: MatchTerm[]): string {
  return terms
    .map((term) => ('phrase' in term ? `(${term.phrase.join(' <-> ')})` : `(${[`${term.word}:*`, ...term.corrections].join(' | ')})`))
    .join(' & ');
}

/** The tsvector a document is stored with. */
export function postgresVector(title: string, names: string, text: string): RawBuilder<string> {
  return sql<string>`setweight(to_tsvector('english', ${title}), 'A') || setweight(to_tsvector('english', ${names}), 'A') || setweight(to_tsvector('english', ${text}), 'C')`;
}
