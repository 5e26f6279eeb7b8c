import type { Member, User } from '@parley/protocol';
import type { MentionKind } from './MessageText';

interface MentionFacts {
  /** The room's members, when loaded. */
  members: readonly Member[] | undefined;
  /** The ids the server found mentioned; undefined for a message the server does not have yet. */
  mentions: readonly string[] | undefined;
  reader: Pick<User, 'id' | 'username'> | null | undefined;
}

/**
 * Whether `@username` in a message is highlighted: only when it names someone the server counted
 * (a member of the room when it was posted), or, before the server has the message, a current member.
 */
export function mentionKindOf(username: string, { members, mentions, reader }: MentionFacts): MentionKind {
  const member = members?.find((candidate) => candidate.person.username === username)?.person;
  // The reader's own name needs no members list: the reader knows who they are.
  const id = member?.id ?? (reader?.username === username ? reader.id : undefined);
  if (id === undefined) return null;
  if (mentions === undefined ? !member : !mentions.includes(id)) return null;
  return id === reader?.id ? 'you' : 'member';
}
