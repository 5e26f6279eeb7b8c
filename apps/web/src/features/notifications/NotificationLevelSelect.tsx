import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationLevel, Room } from '@parley/protocol';
import { notificationLevelOf } from '../../api/readState';
import { notificationLevelChanged, putNotificationLevel } from '../../api/reads';
import { ErrorNotice } from '../../ui/ErrorNotice';

/** In a DM every message is addressed to the reader, so "mentions only" would mean the same as all. */
function levelsFor(room: Room): NotificationLevel[] {
  return room.kind === 'dm' ? ['all', 'none'] : ['all', 'mentions', 'none'];
}

/** Which new messages of this room notify the reader; saved on the server for all their devices. */
export function NotificationLevelSelect({ room }: { room: Room }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (level: NotificationLevel) => putNotificationLevel(room.id, level),
    onSuccess: (level) => notificationLevelChanged(queryClient, room.id, level),
  });
  const chosen = save.isPending ? save.variables : notificationLevelOf(room);
  const level = room.kind === 'dm' && chosen === 'mentions' ? 'all' : chosen;
  return (
    <span className="room-header__notifications">
      <label htmlFor={id}>{t('notifications.level')}</label>{' '}
      <select
        id={id}
        data-testid="room-notifications"
        value={level}
        disabled={save.isPending}
        onChange={(event) => save.mutate(event.target.value as NotificationLevel)}
      >
        {levelsFor(room).map((option) => (
          <option key={option} value={option}>
            {t(`notifications.levels.${option}`)}
          </option>
        ))}
      </select>
      <ErrorNotice error={save.error} />
    </span>
  );
}
