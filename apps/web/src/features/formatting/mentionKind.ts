import type { Person, User } from '@parley/protocol';
import type { MentionKind } from './MessageText';

interface MentionFacts {
  /** Who has the username: null when nobody does, undefined while that is not known yet. */
  person: Pick<Person, 'id'> | null | undefined;
  /** The ids the server found mentioned; undefined for a message the server does not have yet. */
  mentions: readonly string[] | undefined;
  reader: Pick<User, 'id' | 'username'> | null | undefined;
}

/**
 * Whether `@username` in a message is highlighted: only when it names someone the server counted
 * (a member of the room when it was posted). Before the server has the message, anyone by that name
 * is; the server's answer settles it a moment later.
 */
export function mentionKindOf(username: string, { person, mentions, reader }: MentionFacts): MentionKind {
  // The reader's own name needs no lookup: the reader knows who they are.
  const id = reader?.username === username ? reader.id : person?.id;
  if (id === undefined) return null;
  if (mentions !== undefined && !mentions.includes(id)) return null;
  return id === reader?.id ? 'you' : 'member';
}
