import type { InfiniteData } from '@tanstack/react-query';
import type { Author, HistoryPage, Message, QuotedMessage } from '@parley/protocol';
import type { ApiErrorCode } from './ApiError';

/** A room's history as the infinite query holds it: pages[0] is the newest page, newest first. */
export type HistoryData = InfiniteData<HistoryPage, number | null>;

/** A message this tab has sent that the server has not confirmed yet (or refused). */
export interface UnconfirmedMessage {
  /** The client UUID it is posted with; the confirmed message keeps it. */
  id: string;
  roomId: string;
  author: Author;
  body: string;
  createdAt: string;
  status: 'pending' | 'failed';
  errorCode: ApiErrorCode | null;
  /** The message it replies to, as the reader saw it when replying. */
  replyTo?: QuotedMessage;
}

export type TimelineItem =
  { kind: 'confirmed'; message: Message } | { kind: 'unconfirmed'; message: UnconfirmedMessage };

/**
 * Adds a confirmed message to the newest page, in seq order. Returns the same object when the
 * message is already there (same id, or same seq: a replayed event), so callers can tell nothing
 * changed and React Query notifies no one.
 */
export function insertMessage(data: HistoryData | undefined, message: Message): HistoryData | undefined {
  if (data === undefined || hasMessage(data, message)) return data;
  const [newest, ...older] = data.pages;
  if (newest === undefined) return data;
  const messages = [...newest.messages];
  const olderIndex = messages.findIndex((existing) => existing.seq < message.seq);
  messages.splice(olderIndex === -1 ? messages.length : olderIndex, 0, message);
  return { ...data, pages: [{ ...newest, messages }, ...older] };
}

/** Takes a message out of whichever page holds it; the same object when it is not there. */
export function removeMessage(data: HistoryData | undefined, messageId: string): HistoryData | undefined {
  if (data === undefined || !containsMessageId(data, messageId)) return data;
  return {
    ...data,
    pages: data.pages.map((page) =>
      page.messages.some((message) => message.id === messageId)
        ? { ...page, messages: page.messages.filter((message) => message.id !== messageId) }
        : page,
    ),
  };
}

/**
 * Puts an edited message in place of the one with its id, keeping its position (an edit keeps the
 * seq) and its cached reactions. The same object when the message is not cached, or when what is cached is as new or newer
 * (a replayed event, or a PATCH answer that lost the race with the stream).
 */
export function replaceMessage(data: HistoryData | undefined, message: Message): HistoryData | undefined {
  if (data === undefined) return data;
  for (const [pageIndex, page] of data.pages.entries()) {
    const index = page.messages.findIndex((existing) => existing.id === message.id);
    const existing = page.messages[index];
    if (existing === undefined) continue;
    if (!isNewerEdit(message, existing)) return data;
    // Reactions change by their own events; the cached ones are at least as new as the edit's.
    const { reactions: _asOfEdit, ...text } = message;
    const kept = existing.reactions ? { ...text, reactions: existing.reactions } : text;
    const edited = { ...page, messages: page.messages.with(index, kept) };
    return { ...data, pages: data.pages.with(pageIndex, edited) };
  }
  return data;
}

function isNewerEdit(candidate: Message, existing: Message): boolean {
  if (candidate.editedAt === undefined) return false;
  if (existing.editedAt === undefined) return true;
  return Date.parse(candidate.editedAt) > Date.parse(existing.editedAt);
}

/** The reader's newest confirmed message in a room: what Up in an empty composer edits. */
export function lastMessageBy(
  data: Pick<HistoryData, 'pages'> | undefined,
  authorId: string,
): Message | undefined {
  let last: Message | undefined;
  for (const page of data?.pages ?? []) {
    for (const message of page.messages) {
      if (message.author.id === authorId && (last === undefined || message.seq > last.seq)) last = message;
    }
  }
  return last;
}

function hasMessage(data: HistoryData, message: Pick<Message, 'id' | 'seq'>): boolean {
  return data.pages.some((page) =>
    page.messages.some((existing) => existing.id === message.id || existing.seq === message.seq),
  );
}

export function containsMessageId(data: HistoryData | undefined, id: string): boolean {
  return data?.pages.some((page) => page.messages.some((message) => message.id === id)) ?? false;
}

export function highestSeq(data: HistoryData | undefined): number | null {
  let highest: number | null = null;
  for (const page of data?.pages ?? []) {
    for (const message of page.messages) {
      if (highest === null || message.seq > highest) highest = message.seq;
    }
  }
  return highest;
}

/**
 * What the reader sees, oldest first: confirmed history in seq order, then this tab's unconfirmed
 * messages in the order they were written. An unconfirmed message whose id is already in history
 * has been confirmed (by the POST answer or by the stream, whichever came first) and is dropped, so
 * the pending copy is replaced by the confirmed one and never shown twice.
 */
export function timelineOf(
  data: HistoryData | undefined,
  unconfirmed: readonly UnconfirmedMessage[],
): TimelineItem[] {
  const seenIds = new Set<string>();
  const seenSeqs = new Set<number>();
  const confirmed: Message[] = [];
  for (const page of data?.pages ?? []) {
    for (const message of page.messages) {
      if (seenIds.has(message.id) || seenSeqs.has(message.seq)) continue;
      seenIds.add(message.id);
      seenSeqs.add(message.seq);
      confirmed.push(message);
    }
  }
  // Pages are already ordered, so this sort is a linear pass; it keeps the order right even if a
  // page boundary shifted between fetches.
  confirmed.sort((a, b) => a.seq - b.seq);
  const items: TimelineItem[] = confirmed.map((message) => ({ kind: 'confirmed', message }));
  for (const message of unconfirmed) {
    if (!seenIds.has(message.id)) items.push({ kind: 'unconfirmed', message });
  }
  return items;
}
