/**
 * Where a message body @mentions someone. The server resolves these names against the room's members
 * when a message is posted or edited; the web app uses the same scanner to highlight them, so both
 * agree on what counts as a mention. Plain code, no schema library: the web bundle can carry it.
 */

/** One `@name` in a text: `index` is where the `@` is, `length` covers `@` and the name. */
export interface MentionMatch {
  index: number;
  length: number;
  /** Lower-cased, as usernames are stored. */
  username: string;
}

// `@` not glued to a word, another `@` or a dot (so `bob@example.com` is no mention), then the
// characters a username may have (USERNAME_PATTERN), in either case (ASCII only: no look-alikes).
const MENTION = /(?<![\p{L}\p{N}_.@-])@([A-Za-z0-9_.-]+)/gu;
// A name ends before trailing dots and dashes ("thanks @bob." mentions bob).
const TRAILING_PUNCTUATION = /[.-]+$/;

/** Every `@name` in `text`, in order; code is not special here (see `mentionedUsernames`). */
export function findMentions(text: string): MentionMatch[] {
  const found: MentionMatch[] = [];
  for (const match of text.matchAll(MENTION)) {
    const name = (match[1] ?? '').replace(TRAILING_PUNCTUATION, '');
    if (name === '') continue;
    found.push({ index: match.index, length: name.length + 1, username: name.toLowerCase() });
  }
  return found;
}

// Fenced code blocks, then inline code spans: `@name` in code is shown as typed and mentions nobody.
const FENCED_CODE = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n {0,3}\1[`~]*[ \t]*(?=\n|$)|$(?![\s\S]))/gm;
const CODE_SPAN = /(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g;

/** The distinct usernames a message body mentions outside code, in the order they first appear. */
export function mentionedUsernames(body: string): string[] {
  const prose = body.replace(FENCED_CODE, ' ').replace(CODE_SPAN, ' ');
  return [...new Set(findMentions(prose).map((mention) => mention.username))];
}
