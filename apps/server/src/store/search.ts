import type { Message } from '@parley/protocol';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { dialectOf, type Dialect } from './dialect.js';
import { escapeLike } from './like.js';
import type { Messages } from './messages.js';
import type { Database, Db } from './schema.js';

/**
 * Full-text search over messages: the only SQL in Parley that differs by dialect, kept together.
 *
 * SQLite: an FTS5 table with the trigram tokenizer. Every run of three characters is a token, so
 * a term matches anywhere inside a word ("ploy" finds "deploying") and in text without spaces
 * (Chinese, Japanese), which word tokenizers cannot split. Contentless (the bodies live in
 * `messages` only) and keyed by the message's seq, which VACUUM never renumbers, unlike a rowid.
 * New messages are indexed after their commit, in batches (SearchIndexer below), not inside each
 * post's transaction: the trigram index made a one-row commit about 90 µs dearer (15 to 19 µs
 * against 104 to 117 µs on bare better-sqlite3), paid by every post, and one FTS5 write per batch
 * costs little more than one per message. `search_progress` records the seq indexed through; a
 * search first indexes everything above it, so it never misses a committed message. Triggers on
 * `messages` keep indexed rows in step with edits and deletes in the same transaction (a deleted
 * message's body is erased, which empties its entry); a row not indexed yet is left to the batch,
 * which reads its body as it is then.
 *
 * PostgreSQL: pg_trgm's GIN index on `messages.body`, which splits text into the same trigrams
 * (Chinese characters count as letters in a UTF-8 database), and ILIKE for every term: the index
 * finds the candidates of the terms of three characters or more, ILIKE confirms each one. No
 * separate table and no triggers: the index follows every insert, edit and delete by itself.
 *
 * Terms under three characters (two-character Chinese words are common: 会议, 明天) have no trigram
 * to look up. Such a term next to a longer one filters the longer one's FTS hits with LIKE. A query
 * made only of short terms scans messages with LIKE instead, newest first, over the reader's rooms;
 * an extra bigram index would double the index for one case that a bounded scan answers well.
 * A page of that scan reads at most SHORT_SCAN_WINDOW messages (about 8 ms here at 0.4 µs per row),
 * so one search never holds the event loop for long; the cursor then continues below the last
 * message read, and a page can hold fewer hits than asked, or none, and still have a next page.
 */
export const SHORT_SCAN_WINDOW = 20_000;

/** Below this many characters a term has no trigram, and is matched with LIKE. */
const TRIGRAM = 3;

export interface SearchRequest {
  userId: string;
  /** Whitespace-free substrings; a hit contains every one, ignoring case. */
  terms: readonly string[];
  roomId?: string | undefined;
  authorId?: string | undefined;
  /** Only messages with a seq below this. */
  before?: number | undefined;
  limit: number;
}

export interface SearchResult {
  /** Newest first, at most `limit`. */
  messages: Message[];
  /** The `before` of the next page; null when nothing older is left to search. */
  nextBefore: number | null;
}

/** Creates the index (migration 0005_search) and fills it from the existing messages. */
export async function createSearchIndex(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    // pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it. Its GIN
    // index answers LIKE and ILIKE '%term%' by trigrams, kept in step by PostgreSQL itself.
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index messages_body_trgm on messages using gin (body gin_trgm_ops)`.execute(db);
    return;
  }
  await sql`create virtual table message_search using fts5(
    body, content = '', contentless_delete = 1, tokenize = 'trigram'
  )`.execute(db);
  await sql`create trigger message_search_insert after insert on messages begin
    insert into message_search (rowid, body) select new.seq, new.body where new.deleted_at is null;
  end`.execute(db);
  await sql`create trigger message_search_update after update of body, deleted_at on messages begin
    delete from message_search where rowid = old.seq;
    insert into message_search (rowid, body) select new.seq, new.body where new.deleted_at is null;
  end`.execute(db);
  await sql`create trigger message_search_delete after delete on messages begin
    delete from message_search where rowid = old.seq;
  end`.execute(db);
  await sql`insert into message_search (rowid, body)
    select seq, body from messages where deleted_at is null`.execute(db);
}

/** Migration 0006: SQLite indexes new messages after the commit (see the top of this file). */
export async function indexSearchAfterCommit(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'postgres') return;
  await sql`create table search_progress (
    id integer primary key check (id = 1),
    indexed_through integer not null
  )`.execute(db);
  await sql`insert into search_progress (id, indexed_through)
    values (1, coalesce((select max(seq) from messages), 0))`.execute(db);
  await sql`drop trigger message_search_insert`.execute(db);
  await sql`drop trigger message_search_update`.execute(db);
  await sql`drop trigger message_search_delete`.execute(db);
  await sql`create trigger message_search_update after update of body, deleted_at on messages
    when old.seq <= (select indexed_through from search_progress where id = 1) begin
      delete from message_search where rowid = old.seq;
      insert into message_search (rowid, body) select new.seq, new.body where new.deleted_at is null;
    end`.execute(db);
  await sql`create trigger message_search_delete after delete on messages
    when old.seq <= (select indexed_through from search_progress where id = 1) begin
      delete from message_search where rowid = old.seq;
    end`.execute(db);
}

/** Messages indexed per transaction: a long backlog does not hold the one SQLite writer for long. */
const INDEX_BATCH = 2_000;

/**
 * SQLite only: brings the FTS index up to `messages`, after commits rather than inside them. After a
 * write, `schedule()` indexes whatever is new `delayMs` later, so that the posts of that interval
 * share one index write; a search calls `catchUp()` first, so what it reads is complete. SQLite has
 * one writer, whose commits follow seq order, so "every message above indexed_through" is exactly
 * what is missing.
 */
export class SearchIndexer {
  private timer: NodeJS.Timeout | undefined;
  /** Catch-ups run one at a time; each starts from the progress the last one committed. */
  private running: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly delayMs: number,
  ) {}

  schedule(): void {
    if (this.timer !== undefined || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A failure here is retried by the next schedule() or search; the index never skips a row.
      this.catchUp().catch(() => undefined);
    }, this.delayMs);
    this.timer.unref();
  }

  catchUp(): Promise<void> {
    const run = this.running.then(() => this.indexAll());
    this.running = run.catch(() => undefined);
    return run;
  }

  /** Stops scheduling and waits for a catch-up under way; what is left is indexed after a restart. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async indexAll(): Promise<void> {
    while (await this.indexBatch());
  }

  /** Indexes up to INDEX_BATCH messages; false when there was nothing left. */
  private indexBatch(): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const through = sql`(select indexed_through from search_progress where id = 1)`;
      const { rows } = await sql<{ upto: number | null }>`
        select max(seq) as upto from (
          select seq from messages where seq > ${through} order by seq limit ${INDEX_BATCH}
        ) as batch`.execute(trx);
      const upto = rows[0]?.upto ?? null;
      if (upto === null) return false;
      await sql`insert into message_search (rowid, body)
        select seq, body from messages
        where seq > ${through} and seq <= ${upto} and deleted_at is null`.execute(trx);
      await sql`update search_progress set indexed_through = ${upto} where id = 1`.execute(trx);
      return true;
    });
  }
}

export class MessageSearch {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
    private readonly messages: Messages,
    /** SQLite's indexer (absent on PostgreSQL, whose index follows every commit). */
    private readonly indexer?: SearchIndexer,
  ) {}

  async find(request: SearchRequest): Promise<SearchResult> {
    await this.indexer?.catchUp();
    const long = request.terms.filter((term) => !isShort(term));
    if (long.length === 0) return this.findByScan(request);
    return this.dialect === 'postgres' ? this.findByTrigrams(request) : this.findIndexed(request, long);
  }

  /** PostgreSQL: the trigram index narrows by the long terms, ILIKE checks every term. */
  private async findByTrigrams(request: SearchRequest): Promise<SearchResult> {
    const { rows } = await sql<{ seq: number }>`
      select m.seq
      from messages m
      where ${sql.join(this.filters(request, this.scopeOf(request, { walkSeq: false }), 'm.seq'), sql` and `)}
      order by m.seq desc
      limit ${request.limit + 1}`.execute(this.db);
    return this.page(rows, request.limit, null);
  }

  private async findIndexed(request: SearchRequest, long: readonly string[]): Promise<SearchResult> {
    const match = long.map((term) => `"${term.replaceAll('"', '""')}"`).join(' ');
    const { rows } = await sql<{ seq: number }>`
      select m.seq
      from message_search
      join messages m on m.seq = message_search.rowid
      where message_search match ${match}
        and ${sql.join(this.filters(request, this.scopeOf(request, { walkSeq: false }), 'message_search.rowid'), sql` and `)}
      order by message_search.rowid desc
      limit ${request.limit + 1}`.execute(this.db);
    return this.page(rows, request.limit, null);
  }

  /** Only short terms: a LIKE scan, at most SHORT_SCAN_WINDOW messages of the reader's rooms per page. */
  private async findByScan(request: SearchRequest): Promise<SearchResult> {
    const scope = this.scopeOf(request, { walkSeq: true });
    const window = await sql<{ floor: number | null; scanned: number }>`
      select min(seq) as floor, count(*) as scanned from (
        select m.seq from messages m
        where ${scope} ${request.before === undefined ? sql`` : sql`and m.seq < ${request.before}`}
        order by m.seq desc
        limit ${SHORT_SCAN_WINDOW}
      ) as scan_window`.execute(this.db);
    const { floor, scanned } = window.rows[0] ?? { floor: null, scanned: 0 };
    if (floor === null) return { messages: [], nextBefore: null };
    const { rows } = await sql<{ seq: number }>`
      select m.seq
      from messages m
      where m.seq >= ${floor}
        and ${sql.join(this.filters(request, scope, 'm.seq'), sql` and `)}
      order by m.seq desc
      limit ${request.limit + 1}`.execute(this.db);
    return this.page(rows, request.limit, scanned === SHORT_SCAN_WINDOW ? floor : null);
  }

  /** `rows` holds up to one more than `limit`: that extra row says an older hit exists. */
  private async page(
    rows: { seq: number }[],
    limit: number,
    scannedTo: number | null,
  ): Promise<SearchResult> {
    const seqs = rows.slice(0, limit).map((row) => row.seq);
    const messages = await this.messages.listBySeq(seqs);
    const last = seqs.at(-1);
    return { messages, nextBefore: rows.length > limit && last !== undefined ? last : scannedTo };
  }

  /** What every hit must satisfy besides the index match: in scope, not deleted, the filters, short terms. */
  private filters(
    request: SearchRequest,
    scope: RawBuilder<unknown>,
    seq: 'message_search.rowid' | 'm.seq',
  ): RawBuilder<unknown>[] {
    const conditions = [scope, sql`m.deleted_at is null`];
    if (request.authorId !== undefined) conditions.push(sql`m.author_id = ${request.authorId}`);
    if (request.before !== undefined) conditions.push(sql`${sql.ref(seq)} < ${request.before}`);
    // SQLite's FTS index matched the long terms; LIKE (ASCII case-insensitive) checks the short ones.
    // PostgreSQL checks every term with ILIKE, which its trigram index answers for the long ones.
    for (const term of request.terms) {
      if (this.dialect === 'postgres') conditions.push(sql`m.body ilike ${likePattern(term)} escape '\\'`);
      else if (isShort(term)) conditions.push(sql`m.body like ${likePattern(term)} escape '\\'`);
    }
    return conditions;
  }

  /**
   * The rooms searched: those the reader is a member of now (left or never joined: never searched),
   * narrowed to the room filter. `walkSeq` writes `+m.room_id` on SQLite, which keeps it off the
   * (room_id, seq) index: walking seq downwards stops after the window, where that index would read
   * and sort every message of the reader's rooms. (PostgreSQL's planner weighs both by statistics.)
   */
  private scopeOf(request: SearchRequest, { walkSeq }: { walkSeq: boolean }): RawBuilder<unknown> {
    const readable = sql`select room_id from room_members where user_id = ${request.userId}`;
    if (request.roomId !== undefined)
      return sql`m.room_id = ${request.roomId} and m.room_id in (${readable})`;
    return walkSeq && this.dialect === 'sqlite'
      ? sql`+m.room_id in (${readable})`
      : sql`m.room_id in (${readable})`;
  }
}

/** Counted in code points, as the tokenizer counts characters. */
function isShort(term: string): boolean {
  return Array.from(term).length < TRIGRAM;
}

function likePattern(term: string): string {
  return `%${escapeLike(term)}%`;
}
