import type { Member, Person } from '@parley/protocol';

/** The `@name` being typed just before the caret: where its `@` is and what follows it so far. */
export interface MentionQuery {
  start: number;
  query: string;
}

// The same rule as the protocol's mention scanner: `@` not glued to a word, a dot or another `@`
// (so e-mail addresses are left alone), then the characters a username may have.
const TYPED_MENTION = /(?<![\p{L}\p{N}_.@-])@([A-Za-z0-9_.-]+)$/u;

export function mentionBeforeCaret(text: string, caret: number): MentionQuery | null {
  const match = TYPED_MENTION.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: match.index, query: match[1] ?? '' };
}

/** At most this many suggestions: enough to pick from, short enough to scan. */
export const MAX_SUGGESTIONS = 8;

/**
 * Of the members the server found, those whose username, display name or a word of it starts with
 * the query (any case); those whose username matches come first, then by username. The reader is left
 * out. The server applies the same rule; applying it here narrows the last answer at once while the
 * next search is on its way.
 */
export function suggestMembers(members: readonly Member[], query: string, readerId: string): Person[] {
  const wanted = query.toLowerCase();
  const scored: { person: Person; rank: number }[] = [];
  for (const { person } of members) {
    if (person.id === readerId) continue;
    const names = person.displayName.toLowerCase();
    let rank = -1;
    if (person.username.startsWith(wanted)) rank = 0;
    else if (names.startsWith(wanted) || names.split(/\s+/).some((word) => word.startsWith(wanted))) rank = 1;
    if (rank >= 0) scored.push({ person, rank });
  }
  scored.sort((a, b) => a.rank - b.rank || a.person.username.localeCompare(b.person.username));
  return scored.slice(0, MAX_SUGGESTIONS).map(({ person }) => person);
}

/** The draft with the typed `@partial` replaced by the chosen name, and where the caret goes. */
export function insertMention(
  text: string,
  mention: MentionQuery,
  caret: number,
  username: string,
): { text: string; caret: number } {
  const inserted = `@${username} `;
  const rest = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, mention.start) + inserted + rest, caret: mention.start + inserted.length };
}
