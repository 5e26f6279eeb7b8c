import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUser, User } from '@parley/protocol';
import { adminUsersQuery, deactivateUser } from '../../api/admin';
import { queryKeys } from '../../api/keys';
import { formatMessageTime } from '../../i18n/formatTime';
import { confirmAction } from '../../ui/confirm';
import { Avatar } from '../people/Avatar';
import { ErrorNotice } from '../../ui/ErrorNotice';

/** Everyone with an account; deactivating someone ends their sessions at once. */
export function Users({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const users = useQuery(adminUsersQuery);
  const deactivate = useMutation({
    mutationFn: deactivateUser,
    onSuccess: (_nothing, userId) => {
      queryClient.setQueryData<AdminUser[]>(queryKeys.admin.users(), (list) =>
        list?.map((entry) => (entry.person.id === userId ? { ...entry, deactivated: true } : entry)),
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.all() });
    },
  });

  return (
    <section className="page__section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('admin.users')}</h2>
      {users.isPending ? <p>{t('app.loading')}</p> : null}
      <ErrorNotice error={users.error} />
      <ErrorNotice error={deactivate.error} />
      <ul className="rows">
        {(users.data ?? []).map((entry) => (
          <li
            key={entry.person.id}
            className={entry.deactivated ? 'rows__item rows__item--inactive' : 'rows__item'}
            data-testid="admin-user"
            data-username={entry.person.username}
            data-deactivated={entry.deactivated ? 'true' : 'false'}
          >
            <Avatar displayName={entry.person.displayName} color={entry.person.avatarColor} size="small" />
            <div className="rows__text">
              <span className="rows__title">
                {entry.person.displayName} <span className="muted">@{entry.person.username}</span>
                {entry.role === 'admin' ? <span className="badge">{t('admin.roleAdmin')}</span> : null}
                {entry.deactivated ? (
                  <span className="badge badge--muted">{t('admin.deactivated')}</span>
                ) : null}
              </span>
              <span className="rows__meta">
                {t('admin.joined', { date: formatMessageTime(entry.createdAt, i18n.language) })}
              </span>
            </div>
            {entry.deactivated || entry.person.id === user.id ? null : (
              <button
                type="button"
                className="button button--small button--danger"
                data-testid="admin-deactivate"
                disabled={deactivate.isPending}
                onClick={() => {
                  const question = t('admin.deactivateConfirm', { name: entry.person.displayName });
                  if (confirmAction(question)) deactivate.mutate(entry.person.id);
                }}
              >
                {t('admin.deactivate')}
                <span className="visually-hidden"> {entry.person.displayName}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
