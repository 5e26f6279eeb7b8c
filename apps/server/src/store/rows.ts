import type { Person, User } from '@parley/protocol';
import type { Selectable } from 'kysely';
import type { Database } from './schema.js';

export type UserRow = Selectable<Database['users']>;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    avatarColor: row.avatar_color,
    role: row.role,
    createdAt: row.created_at,
  };
}

export function toPerson(row: Pick<UserRow, 'id' | 'username' | 'display_name' | 'avatar_color'>): Person {
  return { id: row.id, username: row.username, displayName: row.display_name, avatarColor: row.avatar_color };
}

/** The columns of a person, for joins that alias the users table. */
export const personColumns = (alias: string) =>
  [`${alias}.id`, `${alias}.username`, `${alias}.display_name`, `${alias}.avatar_color`] as const;
