import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/** `text` with LIKE's wildcards (and the escape character itself) made literal. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `value LIKE pattern`, with a backslash escaping the pattern's wildcards. PostgreSQL treats `\` as
 * the escape character by default, SQLite only when told: without the clause, a search for `a_b`
 * found nobody on SQLite.
 */
export function like(value: Expression<string>, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${value} like ${pattern} escape '\\'`;
}
