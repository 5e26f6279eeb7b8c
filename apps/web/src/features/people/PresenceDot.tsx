import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresenceStatus } from '@parley/protocol';
import { presenceQuery } from '../../api/presence';
import { presenceWatcher } from '../../live/PresenceWatcher';

/** A small dot for someone's presence: filled green online, ringed amber away, hollow grey offline. */
export function PresenceDot({ userId }: { userId: string }) {
  const { t } = useTranslation();
  // While this dot is on screen, this tab's stream is sent this person's presence.
  useEffect(() => presenceWatcher.watch(userId), [userId]);
  const status = useQuery({
    ...presenceQuery,
    select: (map): PresenceStatus => map[userId] ?? 'offline',
  }).data;
  if (status === undefined) return null;
  const label = t(`presence.${status}`);
  return (
    <span
      className={`presence presence--${status}`}
      role="img"
      aria-label={label}
      title={label}
      data-testid="presence"
      data-status={status}
    />
  );
}
