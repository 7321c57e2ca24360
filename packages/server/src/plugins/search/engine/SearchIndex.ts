import { parseEntityRef, stringifyEntityRef } from '@greenroom/model';
import { sql, type Generated, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../../core/database';
import type { RefFilter } from '../../../core/permissions';
import type { SearchDocument } from '../extensions';
import { nameWords, tokens } from '../text';
import { Vocabulary } from '../vocabulary';
import { postgresFullText, postgresVectors, sqliteFullText, type FullText, type Match, type MatchTerm } from './fullText';
import { highlight } from './highlight';
import { documentScope, generationToken, scopeToken, typeToken } from './scopeTokens';

interface SearchTables {
  search_documents: {
    id: Generated<number>;
    generation: number;
    type: string;
    key: string;
    name: string;
    title: string;
    text: string;
    location: string;
    fields: string;
    names: string;
    /** The entity the document is about (`fields.entityRef`, canonical), or null. */
    entity_ref: string | null;
    /** PostgreSQL only. */
    tsv?: string;
    tsv_title?: string;
  };
  /** Facet values per document (FACET_KEYS), for counting. */
  search_filters: { doc_id: number; key: string; value: string };
  search_vocabulary: { word: string };
  search_state: { key: string; value: string };
}

export interface IndexQuery {
  words: string[];
  phrases: string[];
  filters: Record<string, string[]>;
  types: string[];
  offset: number;
  limit: number;
  facets: string[];
  /**
   * When set, a document about an entity counts only if this holds of its entity's ref: hits,
   * counts and facets alike. Documents about no entity always do.
   */
  entityFilter?: RefFilter;
}

export interface IndexHit {
  type: string;
  key: string;
  title: string;
  text: string;
  location: string;
  fields: Record<string, string>;
  /** The title and text with matches marked, when the query had words. */
  highlight?: { title: string; text: string };
}

export interface IndexPage {
  hits: IndexHit[];
  /** Matches counted, up to COUNT_LIMIT. */
  total: number;
  /** The count stopped at COUNT_LIMIT: there are at least that many matches. */
  totalCapped: boolean;
  facets: Record<string, Array<{ value: string; count: number }>>;
}

/** The filters the results page counts per value (`facets=true`). */
export const FACET_KEYS = ['kind', 'owner', 'type', 'lifecycle', 'tag'];

const WRITE_BATCH = 200;
const MAX_TYPO_LOOKUPS = 8;
/** Names and titles starting with the query that rank before everything else; more would be noise. */
const MAX_NAME_MATCHES = 100;
const RANK_WINDOW = 2000;
/**
 * Matches are counted up to this many. Beyond it a count costs more than the rest of the query
 * (PostgreSQL reads every match from the table), and "more than 1,000" is all a reader needs.
 */
export const COUNT_LIMIT = 1000;

interface DocumentRow {
  id: number;
  type: string;
  key: string;
  title: string;
  text: string;
  location: string;
  fields: string;
}

/**
 * The search index on either engine. Documents live in generations: queries read the active one,
 * a rebuild fills the next and switches, so search stays online during a rebuild.
 */
export class SearchIndex {
  private readonly db: Kysely<SearchTables>;
  private readonly fullText: FullText;
  private readonly vocabulary = new Vocabulary();

  constructor(private readonly database: Database) {
    this.db = database.db as Kysely<SearchTables>;
    this.fullText = database.engine === 'postgres' ? postgresFullText : sqliteFullText;
  }

  async init(): Promise<void> {
    const words = await this.db.selectFrom('search_vocabulary').select('word').execute();
    this.vocabulary.add(words.map((w) => w.word));
  }

  /**
   * The generation queries read. Read from the database each time, not cached, so a rebuild
   * by another process (`greenroom search reindex`) is picked up at once.
   */
  async generation(): Promise<number> {
    return Number((await this.state('generation')) ?? 0);
  }

  async state(key: string): Promise<string | undefined> {
    return (await this.db.selectFrom('search_state').select('value').where('key', '=', key).executeTakeFirst())?.value;
  }

  async documentCount(): Promise<number> {
    const row = await this.db
      .selectFrom('search_documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('generation', '=', await this.generation())
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Documents of the active generation per type. */
  async documentCounts(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('search_documents')
      .select(['type', (eb) => eb.fn.countAll<number>().as('n')])
      .where('generation', '=', await this.generation())
      .groupBy('type')
      .execute();
    return Object.fromEntries(rows.map((row) => [row.type, Number(row.n)]));
  }

  /** A generation no rows use yet. */
  async nextGeneration(): Promise<number> {
    const row = await this.db
      .selectFrom('search_documents')
      .select((eb) => eb.fn.max('generation').as('g'))
      .executeTakeFirst();
    return Math.max(Number(row?.g ?? 0), await this.generation()) + 1;
  }

  /** Makes `generation` the one queries read, then drops every other. */
  async activate(generation: number, collatorTypes: string[]): Promise<void> {
    if (this.database.engine === 'postgres') {
      // Before queries read the new generation, fresh statistics for the planner. (VACUUM, which
      // would also empty the GIN pending lists, doubles the time of a rebuild; autovacuum does it.)
      await sql`analyze search_documents, search_filters`.execute(this.db);
    }
    await this.db.transaction().execute(async (trx) => {
      for (const [key, value] of [
        ['generation', String(generation)],
        ['collators', collatorTypes.join(',')],
      ]) {
        await trx
          .insertInto('search_state')
          .values({ key, value })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
          .execute();
      }
    });
    const stale = this.db.selectFrom('search_documents').select('id').where('generation', '<>', generation);
    await this.db.deleteFrom('search_filters').where('doc_id', 'in', stale).execute();
    if (this.database.engine === 'sqlite') await sql`delete from search_fts where rowid in (${stale})`.execute(this.db);
    await this.db.deleteFrom('search_documents').where('generation', '<>', generation).execute();
  }

  /** Adds or replaces documents of one type. */
  async index(generation: number, type: string, docs: SearchDocument[]): Promise<void> {
    for (let start = 0; start < docs.length; start += WRITE_BATCH) {
      const batch = docs.slice(start, start + WRITE_BATCH);
      await this.db.transaction().execute(async (trx) => {
        await this.deleteDocuments(
          trx,
          generation,
          type,
          batch.map((d) => d.key),
        );
        const rows = batch.map((doc) => {
          const names = [...(doc.boostTerms ?? []), doc.title].flatMap(nameWords).join(' ');
          return {
            generation,
            type,
            key: doc.key,
            name: (doc.boostTerms?.[0] ?? doc.title).toLowerCase(),
            title: doc.title,
            text: doc.text,
            location: doc.location,
            fields: JSON.stringify(doc.fields),
            names,
            entity_ref: doc.fields.entityRef ? canonicalRef(doc.fields.entityRef) : null,
            ...(this.database.engine === 'postgres'
              ? postgresVectors(doc.title, names, doc.text, documentScope(generation, type, doc.filters))
              : {}),
          };
        });
        const inserted = await trx.insertInto('search_documents').values(rows).returning(['id', 'key']).execute();
        const idByKey = new Map(inserted.map((r) => [r.key, Number(r.id)]));
        // Filters are matched through scope tokens; only the facet keys are kept as rows, for counting.
        const filterRows = batch.flatMap((doc) =>
          FACET_KEYS.flatMap((key) => [...new Set(doc.filters[key] ?? [])].map((value) => [idByKey.get(doc.key), key, value])),
        );
        await this.database.bulkInsert(
          trx,
          'search_filters',
          [
            { name: 'doc_id', pgType: 'bigint' },
            { name: 'key', pgType: 'text' },
            { name: 'value', pgType: 'text' },
          ],
          filterRows,
        );
        if (this.database.engine === 'sqlite') {
          await this.database.bulkInsert(
            trx,
            'search_fts',
            ['rowid', 'title', 'names', 'text', 'scope'].map((name) => ({ name, pgType: 'text' as const })),
            batch.map((doc, i) => [idByKey.get(doc.key), rows[i].title, rows[i].names, rows[i].text, documentScope(generation, type, doc.filters)]),
          );
        }
        const newWords = this.vocabulary.add(rows.flatMap((row) => [...row.names.split(' '), ...tokens(row.title)]));
        if (newWords.length) {
          await trx
            .insertInto('search_vocabulary')
            .values(newWords.map((word) => ({ word })))
            .onConflict((oc) => oc.column('word').doNothing())
            .execute();
        }
      });
    }
  }

  async remove(generation: number, type: string, keys: string[]): Promise<void> {
    for (let start = 0; start < keys.length; start += WRITE_BATCH) {
      await this.db.transaction().execute((trx) => this.deleteDocuments(trx, generation, type, keys.slice(start, start + WRITE_BATCH)));
    }
  }

  private async deleteDocuments(trx: Kysely<SearchTables>, generation: number, type: string, keys: string[]) {
    const ids = (
      await trx
        .selectFrom('search_documents')
        .select('id')
        .where('generation', '=', generation)
        .where('type', '=', type)
        .where('key', 'in', keys)
        .execute()
    ).map((r) => Number(r.id));
    if (!ids.length) return;
    await trx.deleteFrom('search_filters').where('doc_id', 'in', ids).execute();
    if (this.database.engine === 'sqlite') await sql`delete from search_fts where rowid in (${sql.join(ids)})`.execute(trx);
    await trx.deleteFrom('search_documents').where('id', 'in', ids).execute();
  }

  async query(request: IndexQuery): Promise<IndexPage> {
    return this.fullText.reading(this.db, (db) => this.queryOn(db, request));
  }

  private async queryOn(db: Kysely<SearchTables>, request: IndexQuery): Promise<IndexPage> {
    const { generation, generationScope } = await this.active(db);
    const visible = request.entityFilter && sql<SqlBool>`(d.entity_ref is null or ${request.entityFilter(sql.ref('d.entity_ref'))})`;
    const terms = await this.matchTerms(db, { scope: generationScope, visible }, request.words, request.phrases);
    const scope = [
      ...generationScope,
      ...(request.types.length ? [request.types.map(typeToken)] : []),
      ...Object.entries(request.filters).map(([key, values]) => values.map((value) => scopeToken(key, value))),
    ];
    // Neither words nor filters: everything, which the index names by the generation token.
    const match: Match = { terms, scope: scope.length || terms.length ? scope : [[generationToken(generation)]], visible };
    const ids = terms.length
      ? await this.rankedPage(db, generation, match, request.words.join(' ').toLowerCase(), request.offset, request.limit)
      : await this.titleOrderedPage(db, match, request.offset, request.limit);
    // Independent reads: on PostgreSQL they run side by side on pooled connections.
    const [found, total, facets] = await Promise.all([
      ids.length
        ? db.selectFrom('search_documents').select(['id', 'type', 'key', 'title', 'text', 'location', 'fields']).where('id', 'in', ids).execute()
        : [],
      this.fullText.count(db, match, COUNT_LIMIT + 1),
      this.facets(db, match, request.facets),
    ]);
    const rowsById = new Map(found.map((row) => [Number(row.id), row as DocumentRow]));
    const rows = ids.map((id) => rowsById.get(id)).filter((row): row is DocumentRow => row !== undefined);
    return {
      total: Math.min(total, COUNT_LIMIT),
      totalCapped: total > COUNT_LIMIT,
      facets,
      hits: rows.map((row) => ({
        type: row.type,
        key: row.key,
        title: row.title,
        text: row.text,
        location: row.location,
        fields: JSON.parse(row.fields) as Record<string, string>,
        ...(terms.length ? { highlight: { title: highlight(row.title, terms), text: highlight(row.text, terms) } } : {}),
      })),
    };
  }

  /**
   * The ids of a page of text matches: names or titles equal to the query, then starting with it,
   * then the documents matching in their title or name words by score, then the rest by score.
   * Each step runs only when the page reaches past the ones before.
   */
  private async rankedPage(db: Kysely<SearchTables>, generation: number, match: Match, exact: string, offset: number, limit: number): Promise<number[]> {
    const wanted = offset + limit;
    const page = exact ? await this.nameMatches(db, generation, match, exact) : [];
    const seen = new Set(page);
    const steps = [
      { part: 'titles', options: {} },
      // Past the title matches: the description matches, ranked within a window (see RankOptions).
      { part: 'all', options: { window: RANK_WINDOW } },
    ] as const;
    for (const { part, options } of steps) {
      if (page.length >= wanted) break;
      for (const id of await this.fullText.ranked(db, match, part, wanted - page.length + seen.size, options)) {
        if (seen.has(id)) continue;
        seen.add(id);
        page.push(id);
      }
    }
    return page.slice(offset, wanted);
  }

  /**
   * Matching documents whose name or title is the query (first) or starts with it (then by title),
   * found by index: each range is read only as far as the first MAX_NAME_MATCHES entries.
   */
  private async nameMatches(db: Kysely<SearchTables>, generation: number, match: Match, exact: string): Promise<number[]> {
    const end = `${exact}\uffff`;
    const startingWith = (column: RawBuilder<string>) => sql`select * from (select d.id, d.name, lower(d.title) as sort
      from search_documents d where d.generation = ${generation} and ${column} >= ${exact} and ${column} < ${end}
      order by ${column} limit ${MAX_NAME_MATCHES}) r`;
    const { rows } = await sql<{ id: number; name: string; sort: string }>`${startingWith(sql`d.name`)}
      union all ${startingWith(sql`lower(d.title)`)}`.execute(db);
    if (!rows.length) return [];
    const candidates = rows
      .map((row) => ({ id: Number(row.id), sort: row.sort, tier: row.sort === exact || row.name === exact ? 0 : 1 }))
      .sort((a, b) => a.tier - b.tier || (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : a.id - b.id));
    // Candidates matched the words' start; the whole query (filters, types, other words) must hold too.
    const matching = await this.fullText.matchingAmong(db, match, [...new Set(candidates.map((c) => c.id))]);
    return [...new Set(candidates.filter((c) => matching.has(c.id)).map((c) => c.id))].slice(0, MAX_NAME_MATCHES);
  }

  /** Without words there is no score: matching documents by title. */
  private async titleOrderedPage(db: Kysely<SearchTables>, match: Match, offset: number, limit: number): Promise<number[]> {
    const { rows } = await sql<{ id: number }>`select d.id from search_documents d
      where d.id in (${this.fullText.ids(match)})
      order by lower(d.title), d.id limit ${limit} offset ${offset}`.execute(db);
    return rows.map((r) => Number(r.id));
  }

  /** Counts per value of each facet over every match (the results page's filters). */
  private async facets(db: Kysely<SearchTables>, match: Match, keys: string[]): Promise<IndexPage['facets']> {
    const facets: IndexPage['facets'] = Object.fromEntries(keys.map((f) => [f, []]));
    if (!keys.length) return facets;
    const counts = await sql<{ key: string; value: string; n: number }>`select f.key, f.value, count(*) as n from search_filters f
      where f.key in (${sql.join(keys)}) and f.doc_id in (${this.fullText.ids(match)})
      group by f.key, f.value`.execute(db);
    for (const row of counts.rows) facets[row.key].push({ value: row.value, count: Number(row.n) });
    for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return facets;
  }

  /**
   * Words match whole (in any form the stemmer joins); the last one also as a prefix, since it is
   * the one being typed. A word that matches nothing is widened to known words one typo away.
   */
  private async matchTerms(
    db: Kysely<SearchTables>,
    within: Omit<Match, 'terms'>,
    words: string[],
    phrases: string[],
  ): Promise<MatchTerm[]> {
    const terms: MatchTerm[] = phrases.map((p) => ({ phrase: tokens(p) })).filter((t) => t.phrase.length > 0);
    let lookups = 0;
    const wordTokens = words.flatMap(tokens);
    for (const [i, word] of wordTokens.entries()) {
      const term = { word, prefix: i === wordTokens.length - 1, corrections: [] as string[] };
      // Each unknown word costs a probe; a long pasted query gets corrections for its first few only.
      // Probed among the visible documents only: a word found only in hidden ones is corrected like an unknown one.
      if (!this.vocabulary.has(word) && lookups++ < MAX_TYPO_LOOKUPS && !(await this.fullText.any(db, { ...within, terms: [term] }))) {
        term.corrections = this.vocabulary.near(word);
      }
      terms.push(term);
    }
    return terms;
  }

  /**
   * The generation queries read (from the database each time, so a rebuild by another process,
   * `greenroom search reindex`, is picked up at once), and the scope that keeps a query to it: only
   * while a rebuild has rows of another generation in the index is one needed.
   */
  private async active(db: Kysely<SearchTables>): Promise<{ generation: number; generationScope: string[][] }> {
    // Subqueries, because min and max are one index seek each, and a scan when asked together.
    const { rows } = await sql<{ g: string | null; lo: number | null; hi: number | null }>`select
      (select value from search_state where key = 'generation') as g,
      (select min(generation) from search_documents) as lo, (select max(generation) from search_documents) as hi`.execute(db);
    const generation = Number(rows[0]?.g ?? 0);
    const { lo, hi } = rows[0] ?? {};
    const single = lo == null || (Number(lo) === generation && Number(hi) === generation);
    return { generation, generationScope: single ? [] : [[generationToken(generation)]] };
  }
}

/** Refs as the catalog stores them (`kind:namespace/name`, lowercase); one that does not parse names no entity. */
function canonicalRef(ref: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref));
  } catch {
    return ref.toLowerCase();
  }
}
