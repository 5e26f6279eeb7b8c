import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineItem } from '../../api/messageCache';
import { ArrivalBatcher, arrivalsSince, authorList } from './announcements';

interface NewMessageAnnouncerProps {
  items: readonly TimelineItem[];
  readerId: string;
  /** The room's history has loaded: what is there then is old news, not new messages. */
  loaded: boolean;
}

/**
 * A visually hidden polite live region that tells screen reader users about other people's new
 * messages in the open room, a burst at a time ("3 new messages from Alice and Bob"). The message
 * list itself is not a live region, so it does not read every message out as it arrives.
 */
export function NewMessageAnnouncer({ items, readerId, loaded }: NewMessageAnnouncerProps) {
  const { t, i18n } = useTranslation();
  // `count` changes with every batch, so the same words twice in a row are still announced.
  const [batch, setBatch] = useState<{ authors: string[]; count: number } | null>(null);
  const [batcher] = useState(
    () =>
      new ArrivalBatcher((authors) => setBatch((last) => ({ authors, count: (last?.count ?? 0) + 1 })), {
        now: () => performance.now(),
        setTimeout: (run, ms) => window.setTimeout(run, ms),
      }),
  );
  const highestSeen = useRef<number | null>(null);

  useEffect(() => () => batcher.cancel(), [batcher]);

  useEffect(() => {
    if (!loaded) return;
    if (highestSeen.current === null) {
      highestSeen.current = arrivalsSince(items, null, readerId).highest ?? 0;
      return;
    }
    const arrivals = arrivalsSince(items, highestSeen.current, readerId);
    highestSeen.current = arrivals.highest;
    batcher.add(arrivals.authors);
  }, [items, loaded, readerId, batcher]);

  const text = batch
    ? t('messages.arrivals', {
        count: batch.authors.length,
        names: authorList(batch.authors, i18n.language),
      }) + (batch.count % 2 === 0 ? '\u00a0' : '')
    : '';
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="new-message-announcer">
      {text}
    </div>
  );
}
