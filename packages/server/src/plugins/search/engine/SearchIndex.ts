import { sql, type Generated, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../../core/database';
import type { SearchDocument } from '../extensions';
import { nameWords, tokens } from '../text';
import { Vocabulary } from '../vocabulary';
import { postgresFullText, postgresVector, sqliteFullText, type FullText, type MatchTerm } from './fullText';

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
    /** PostgreSQL only. */
    tsv?: string;
  };
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
  total: number;
  facets: Record<string, Array<{ value: string; count: number }>>;
}

const WRITE_BATCH = 200;
const MAX_TYPO_LOOKUPS = 8;

interface DocumentRow {
  id: number;
  type: string;
  key: string;
  title: string;
  text: string;
  location: string;
  fields: string;
  hl_title?: string;
  hl_text?: string;
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
            ...(this.database.engine === 'postgres' ? { tsv: postgresVector(doc.title, names, doc.text) } : {}),
          };
        });
        const inserted = await trx.insertInto('search_documents').values(rows).returning(['id', 'key']).execute();
        const idByKey = new Map(inserted.map((r) => [r.key, Number(r.id)]));
        const filterRows = batch.flatMap((doc) =>
          Object.entries(doc.filters).flatMap(([key, values]) => [...new Set(values)].map((value) => [idByKey.get(doc.key), key, value])),
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
            ['rowid', 'title', 'names', 'text'].map((name) => ({ name, pgType: 'text' as const })),
            rows.map((row) => [idByKey.get(row.key), row.title, row.names, row.text]),
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
    const generation = await this.generation();
    const terms = await this.matchTerms(generation, request.words, request.phrases);
    const { fullText } = this;
    const textual = terms.length > 0;
    const from = textual ? fullText.from(terms) : sql`search_documents d`;
    const conditions: RawBuilder<unknown>[] = [sql`d.generation = ${generation}`];
    if (textual) conditions.push(fullText.where(terms));
    if (request.types.length) conditions.push(sql`d.type in (${sql.join(request.types)})`);
    for (const [key, values] of Object.entries(request.filters)) {
      conditions.push(sql`d.id in (select doc_id from search_filters where key = ${key} and value in (${sql.join(values)}))`);
    }
    const where = sql.join(conditions, sql` and `);

    const exact = request.words.join(' ').toLowerCase();
    const tier = exact
      ? sql`case when d.name = ${exact} or lower(d.title) = ${exact} then 0
          when substr(d.name, 1, ${exact.length}) = ${exact} or substr(lower(d.title), 1, ${exact.length}) = ${exact} then 1 else 2 end`
      : sql`0`;
    // The page's ids first, ordered by score alone; the rows and their highlights only for those ids,
    // because the sorter would otherwise carry a highlighted copy of every match.
    const ranked = await sql<{ id: number }>`select d.id, ${tier} as tier ${textual ? sql`, ${fullText.score}` : sql``}
      from ${from} where ${where}
      order by tier, ${textual ? sql`${fullText.order}, ` : sql``} lower(d.title), d.id
      limit ${request.limit} offset ${request.offset}`.execute(this.db);
    const ids = ranked.rows.map((r) => Number(r.id));
    const rowsById = new Map<number, DocumentRow>();
    if (ids.length) {
      const found =
        await sql<DocumentRow>`select d.id, d.type, d.key, d.title, d.text, d.location, d.fields ${textual ? sql`, ${fullText.highlights}` : sql``}
        from ${from} where ${where} and d.id in (${sql.join(ids)})`.execute(this.db);
      for (const row of found.rows) rowsById.set(Number(row.id), row);
    }
    const rows = { rows: ids.map((id) => rowsById.get(id)).filter((row): row is DocumentRow => row !== undefined) };

    const total = await sql<{ n: number }>`select count(*) as n from ${from} where ${where}`.execute(this.db);
    const facets: IndexPage['facets'] = Object.fromEntries(request.facets.map((f) => [f, []]));
    if (request.facets.length) {
      const counts = await sql<{ key: string; value: string; n: number }>`select f.key, f.value, count(*) as n from search_filters f
        where f.key in (${sql.join(request.facets)}) and f.doc_id in (select d.id from ${from} where ${where})
        group by f.key, f.value`.execute(this.db);
      for (const row of counts.rows) facets[row.key].push({ value: row.value, count: Number(row.n) });
      for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    }
    return {
      total: Number(total.rows[0]?.n ?? 0),
      facets,
      hits: rows.rows.map((row) => ({
        type: row.type,
        key: row.key,
        title: row.title,
        text: row.text,
        location: row.location,
        fields: JSON.parse(row.fields) as Record<string, string>,
        ...(textual ? { highlight: { title: row.hl_title ?? row.title, text: row.hl_text ?? row.text } } : {}),
      })),
    };
  }

  /** Each word is matched as a prefix; a word that matches nothing is widened to known words one typo away. */
  private async matchTerms(generation: number, words: string[], phrases: string[]): Promise<MatchTerm[]> {
    const terms: MatchTerm[] = phrases.map((p) => ({ phrase: tokens(p) })).filter((t) => t.phrase.length > 0);
    let lookups = 0;
    for (const word of words.flatMap(tokens)) {
      const term = { word, corrections: [] as string[] };
      // Each unknown word costs a probe; a long pasted query gets corrections for its first few only.
      if (!this.vocabulary.has(word) && lookups++ < MAX_TYPO_LOOKUPS && !(await this.matchesAny(generation, term))) {
        term.corrections = this.vocabulary.near(word);
      }
      terms.push(term);
    }
    return terms;
  }

  private async matchesAny(generation: number, term: MatchTerm): Promise<boolean> {
    const { fullText } = this;
    const found = await sql`select 1 as one from ${fullText.from([term])}
      where d.generation = ${generation} and ${fullText.where([term])} limit 1`.execute(this.db);
    return found.rows.length > 0;
  }
}
