import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type Invite } from '@parley/protocol';
import { createInvite, invitesQuery, revokeInvite } from '../../api/admin';
import { queryKeys } from '../../api/keys';
import { formatMessageTime } from '../../i18n/formatTime';
import { inviteLink } from '../../routes';
import { confirmAction } from '../../ui/confirm';
import { ErrorNotice } from '../../ui/ErrorNotice';

const DEFAULT_HOURS = 72;
const DEFAULT_USES = 1;

type InviteState = 'active' | 'revoked' | 'expired' | 'usedUp';

function stateOf(invite: Invite, now: number): InviteState {
  if (invite.revoked) return 'revoked';
  if (Date.parse(invite.expiresAt) <= now) return 'expired';
  if (invite.uses >= invite.maxUses) return 'usedUp';
  return 'active';
}

/** Makes invite links (shown once: the server keeps only a hash) and revokes them. */
export function Invites() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const invites = useQuery(invitesQuery);
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.admin.all() });
  const create = useMutation({
    mutationFn: createInvite,
    onSuccess: ({ token }) => {
      setLink(inviteLink(window.location.origin, token));
      setCopied(false);
      refresh();
    },
  });
  const revoke = useMutation({ mutationFn: revokeInvite, onSuccess: refresh });

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const clamp = (value: FormDataEntryValue | null, max: number, fallback: number) => {
      const number = Math.round(Number(value));
      return Number.isFinite(number) && number >= 1 ? Math.min(number, max) : fallback;
    };
    create.mutate({
      expiresInHours: clamp(form.get('hours'), LIMITS.inviteMaxHours, DEFAULT_HOURS),
      maxUses: clamp(form.get('uses'), LIMITS.inviteMaxUses, DEFAULT_USES),
    });
  };

  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false); // No clipboard access (plain http): the link is selectable in the field.
    }
  };

  // Expiry is judged as of when the list was fetched (rendering must not read the clock).
  const now = invites.dataUpdatedAt;
  const when = (iso: string) => formatMessageTime(iso, i18n.language);
  const failure = create.error ?? revoke.error ?? invites.error;

  return (
    <section className="page__section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('admin.invites')}</h2>
      <form className="page__form page__form--row" onSubmit={onSubmit}>
        <label className="field">
          <span className="field__label">{t('admin.expiresInHours')}</span>
          <input
            type="number"
            name="hours"
            data-testid="invite-expires-hours"
            min={1}
            max={LIMITS.inviteMaxHours}
            defaultValue={DEFAULT_HOURS}
            required
          />
        </label>
        <label className="field">
          <span className="field__label">{t('admin.maxUses')}</span>
          <input
            type="number"
            name="uses"
            data-testid="invite-max-uses"
            min={1}
            max={LIMITS.inviteMaxUses}
            defaultValue={DEFAULT_USES}
            required
          />
        </label>
        <button
          type="submit"
          className="button button--primary"
          data-testid="invite-create"
          disabled={create.isPending}
        >
          {t('admin.createInvite')}
        </button>
      </form>
      {link ? (
        <div className="invite-link">
          <label className="field">
            <span className="field__label">{t('admin.inviteLink')}</span>
            <input
              data-testid="invite-link"
              value={link}
              readOnly
              onFocus={(event) => event.currentTarget.select()}
            />
          </label>
          <button type="button" className="button" onClick={() => void copy()}>
            {copied ? t('admin.copied') : t('admin.copy')}
          </button>
          <p className="muted">{t('admin.inviteLinkOnce')}</p>
        </div>
      ) : null}
      <ErrorNotice error={failure} />
      {invites.isSuccess && invites.data.length === 0 ? (
        <p className="muted">{t('admin.noInvites')}</p>
      ) : null}
      <ul className="rows">
        {(invites.data ?? []).map((invite) => {
          const state = stateOf(invite, now);
          return (
            <li key={invite.id} className="rows__item" data-testid="invite-row">
              <div className="rows__text">
                <span className="rows__title">
                  {t('admin.inviteBy', { name: invite.createdBy.displayName, date: when(invite.createdAt) })}
                  <span className={state === 'active' ? 'badge' : 'badge badge--muted'}>
                    {t(`admin.inviteStates.${state}`)}
                  </span>
                </span>
                <span className="rows__meta">
                  {t('admin.inviteUses', { uses: invite.uses, max: invite.maxUses })} ·{' '}
                  {t('admin.inviteExpires', { date: when(invite.expiresAt) })}
                </span>
              </div>
              {state === 'active' ? (
                <button
                  type="button"
                  className="button button--small"
                  data-testid="invite-revoke"
                  disabled={revoke.isPending}
                  onClick={() => {
                    if (confirmAction(t('admin.revokeConfirm'))) revoke.mutate(invite.id);
                  }}
                >
                  {t('admin.revoke')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
