import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresenceStatus } from '@parley/protocol';
import { presenceQuery } from '../../api/presence';
import { presenceWatcher } from '../../live/PresenceWatcher';
import { whileOnScreen } from './onScreen';

/** A small dot for someone's presence: filled green online, ringed amber away, hollow grey offline. */
export function PresenceDot({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLSpanElement>(null);
  // While this dot is on screen, this tab's stream is sent this person's presence: a long member
  // list watches the people scrolled into view, not all of them.
  useEffect(() => {
    const element = ref.current;
    return element ? whileOnScreen(element, () => presenceWatcher.watch(userId)) : undefined;
  }, [userId]);
  const status = useQuery({
    ...presenceQuery,
    select: (map): PresenceStatus => map[userId] ?? 'offline',
  }).data;
  const label = t(`presence.${status}`);
  return (
    <span
      ref={ref}
      className={`presence presence--${status}`}
      role="img"
      aria-label={label}
      title={label}
      data-testid="presence"
      data-status={status}
    />
  );
}
