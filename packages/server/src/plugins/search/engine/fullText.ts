import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';

/** One AND-ed part of a text query: a word (whole, or as a prefix, or as one of its typo corrections) or a phrase. */
export type MatchTerm = { word: string; prefix: boolean; corrections: string[] } | { phrase: string[] };

/**
 * What a query matches: every text term, and from each scope group at least one token
 * (the generation, the types asked for, each filter's values; see scopeTokens.ts).
 */
export interface Match {
  terms: MatchTerm[];
  scope: string[][];
  /** When set, only documents for which it holds: a condition on their row, `search_documents d`. */
  visible?: Expression<SqlBool>;
}

/** Which matches to rank: all of them, or those whose terms all occur in the title or name words. */
export type MatchPart = 'all' | 'titles';

export interface RankOptions {
  /**
   * Rank only within the first this many matches in index order. A broad query has tens of
   * thousands of description matches, and scoring every one costs more than the rest of the query.
   */
  window?: number;
}

/** The engine-specific part of a query. Every method reads the index through the match alone. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the search tables are typed by SearchIndex
export interface FullText {
  /** Runs the reads of one query, in whatever session the engine needs for them. */
  reading<T>(db: Kysely<any>, work: (db: Kysely<any>) => Promise<T>): Promise<T>;
  /** Matching documents, counted up to `limit`. */
  count(db: Kysely<any>, match: Match, limit: number): Promise<number>;
  /** Ids of matching documents, best score first. */
  ranked(db: Kysely<any>, match: Match, part: MatchPart, limit: number, options?: RankOptions): Promise<number[]>;
  /** A subquery selecting the ids of matching documents, as `id`. */
  ids(match: Match): RawBuilder<unknown>;
  /** Those of `ids` that match. */
  matchingAmong(db: Kysely<any>, match: Match, ids: number[]): Promise<Set<number>>;
  /** Whether any document matches. */
  any(db: Kysely<any>, match: Match): Promise<boolean>;
}

const TEXT_COLUMNS = '{title names text}';
const TITLE_COLUMNS = '{title names}';

/** Tokens are letters and digits only (see tokens() and scopeTokens), so quoting them keeps FTS5 syntax out. */
function ftsMatch(match: Match, part: MatchPart): string {
  const text = (columns: string) =>
    match.terms.map((term) =>
      'phrase' in term
        ? `${columns}: "${term.phrase.join(' ')}"`
        : `${columns}: (${[`"${term.word}"${term.prefix ? '*' : ''}`, ...term.corrections.map((c) => `"${c}"`)].join(' OR ')})`,
    );
  const scope = match.scope.map((group) => `{scope}: (${group.map((token) => `"${token}"`).join(' OR ')})`);
  const all = [...scope, ...text(TEXT_COLUMNS)].join(' AND ');
  return part === 'all' || match.terms.length === 0 ? all : [...scope, ...text(TITLE_COLUMNS)].join(' AND ');
}

/** The match's visibility condition, on the document row of each FTS5 row. */
function ftsVisible(match: Match): RawBuilder<unknown> {
  return match.visible ? sql` and exists (select 1 from search_documents d where d.id = search_fts.rowid and ${match.visible})` : sql``;
}

/**
 * SQLite FTS5: columns (title, names, text, scope). `rank` is bm25 with title and name words
 * weighing far more than the text and the scope tokens nothing (set in the migration).
 */
export const sqliteFullText: FullText = {
  reading: (db, work) => work(db),
  async count(db, match, limit) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from (select 1 from search_fts
      where search_fts match ${ftsMatch(match, 'all')}${ftsVisible(match)} limit ${limit})`.execute(db);
    return Number(rows[0]?.n ?? 0);
  },
  async ranked(db, match, part, limit, { window } = {}) {
    const { rows } = window
      ? await sql<{ id: number }>`select id from (select rowid as id, rank as score from search_fts
            where search_fts match ${ftsMatch(match, part)}${ftsVisible(match)} limit ${window}) order by score limit ${limit}`.execute(db)
        : await sql<{ id: number }>`select rowid as id from search_fts where search_fts match ${ftsMatch(match, part)}${ftsVisible(match)}
            order by rank limit ${limit}`.execute(db);
    return rows.map((r) => Number(r.id));
  },
  ids: (match) => sql`select rowid as id from search_fts where search_fts match ${ftsMatch(match, 'all')}${ftsVisible(match)}`,
  async matchingAmong(db, match, ids) {
    // Materialized: pushed into FTS5 as a rowid constraint, the match would be re-run per id.
    const { rows } = await sql<{ id: number }>`with m as materialized (${this.ids(match)})
      select m.id from m where m.id in (${sql.join(ids)})`.execute(db);
    return new Set(rows.map((r) => Number(r.id)));
  },
  async any(db, match) {
    const { rows } =
      await sql`select 1 as one from search_fts where search_fts match ${ftsMatch(match, 'all')}${ftsVisible(match)} limit 1`.execute(db);
    return rows.length > 0;
  },
};

/**
 * PostgreSQL: two tsvectors per document. `tsv` holds everything (title and names weight A, text
 * C, scope tokens D) for matching and counting; `tsv_title` only the title and name words, a small
 * vector that ranks title matches without reading the large one. Queries carry no weight labels,
 * which would make PostgreSQL re-read every candidate's vector (the GIN index keeps no weights),
 * except on a prefix that could reach the scope tokens (`z`, `zz…`).
 */
function textQuery(match: Match): string[] {
  const label = (word: string, prefix = false) => {
    if (!prefix) return word;
    return `${word}:*${SCOPE_PREFIX.startsWith(word.slice(0, 2)) ? 'AC' : ''}`;
  };
  return match.terms.map((term) =>
    'phrase' in term
      ? `(${term.phrase.join(' <-> ')})`
      : `(${[label(term.word, term.prefix), ...term.corrections].join(' | ')})`,
  );
}

const scopeQuery = (match: Match) => match.scope.map((group) => `(${group.join(' | ')})`);
const allQuery = (match: Match) => [...scopeQuery(match), ...textQuery(match)].join(' & ');

const SCOPE_PREFIX = 'zz';

/** The match's visibility condition, on `search_documents d`. */
const pgVisible = (match: Match) => (match.visible ? sql` and ${match.visible}` : sql``);

/** Scope tokens (weight D) count for nothing in the rank. */
const RANK_WEIGHTS = '{0, 0.2, 0.4, 1.0}';

/** Matching documents with their score, for the part asked. */
function scored(match: Match, part: MatchPart): RawBuilder<unknown> {
  if (part === 'all' || match.terms.length === 0) {
    return sql`select d.id, ts_rank(${RANK_WEIGHTS}::float4[], d.tsv, q) as score
      from search_documents d, to_tsquery('english', ${allQuery(match)}) q where d.tsv @@ q${pgVisible(match)}`;
  }
  const scope = scopeQuery(match);
  return sql`select d.id, ts_rank(d.tsv_title, q) as score
    from search_documents d, to_tsquery('english', ${textQuery(match).join(' & ')}) q
    where d.tsv_title @@ q ${scope.length ? sql`and d.tsv @@ to_tsquery('english', ${scope.join(' & ')})` : sql``}${pgVisible(match)}`;
}

export const postgresFullText: FullText = {
  reading(db, work) {
    return db.transaction().execute(async (trx) => {
      // The planner prices `tsvector @@ tsquery` as cheap, so for a match of a few percent of the
      // index it prefers reading the whole table, decompressing every vector, to the GIN index:
      // 100 ms against 10 at 100,000 documents. Within search's own reads, the index it is.
      await sql`set local enable_seqscan = off`.execute(trx);
      return work(trx);
    });
  },
  async count(db, match, limit) {
    const { rows } = await sql<{ n: string }>`select count(*) as n from (select 1 from search_documents d
      where d.tsv @@ to_tsquery('english', ${allQuery(match)})${pgVisible(match)} limit ${limit}) m`.execute(db);
    return Number(rows[0]?.n ?? 0);
  },
  async ranked(db, match, part, limit, { window } = {}) {
    const { rows } = await sql<{ id: string }>`select id from (${scored(match, part)} ${window ? sql`limit ${window}` : sql``}) ranked
      order by score desc, id limit ${limit}`.execute(db);
    return rows.map((r) => Number(r.id));
  },
  ids: (match) => sql`select d.id from search_documents d where d.tsv @@ to_tsquery('english', ${allQuery(match)})${pgVisible(match)}`,
  async matchingAmong(db, match, ids) {
    const { rows } = await sql<{ id: string }>`select d.id from search_documents d
      where d.id in (${sql.join(ids)}) and d.tsv @@ to_tsquery('english', ${allQuery(match)})${pgVisible(match)}`.execute(db);
    return new Set(rows.map((r) => Number(r.id)));
  },
  async any(db, match) {
    // `offset 0` keeps the planner from trading the index for a scan in the hope of an early row.
    const { rows } = await sql`select 1 as one from (select d.id from search_documents d
      where d.tsv @@ to_tsquery('english', ${allQuery(match)})${pgVisible(match)} offset 0) m limit 1`.execute(db);
    return rows.length > 0;
  },
};

/** The tsvectors a document is stored with (see above). */
export function postgresVectors(title: string, names: string, text: string, scope: string) {
  return {
    tsv: sql<string>`setweight(to_tsvector('english', ${title}), 'A') || setweight(to_tsvector('english', ${names}), 'A')
      || setweight(to_tsvector('english', ${text}), 'C') || setweight(to_tsvector('simple', ${scope}), 'D')`,
    tsv_title: sql<string>`to_tsvector('english', ${title}) || to_tsvector('english', ${names})`,
  };
}
