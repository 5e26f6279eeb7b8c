import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type UpdateProfileBody, type User } from '@parley/protocol';
import { updateProfile } from '../../api/account';
import { queryKeys } from '../../api/keys';
import { AVATAR_PALETTE, textColorOn } from '../people/avatar';
import { Avatar } from '../people/Avatar';
import { ErrorNotice } from '../../ui/ErrorNotice';

/** Display name and the colour behind one's initials. */
export function ProfileForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [color, setColor] = useState(user.avatarColor);
  const [nameMissing, setNameMissing] = useState(false);
  const save = useMutation({
    mutationFn: updateProfile,
    onSuccess: (updated) => queryClient.setQueryData(queryKeys.me(), updated),
  });
  // A colour given before the palette existed (or by an admin tool) stays choosable.
  const palette = AVATAR_PALETTE.some((entry) => entry.color === user.avatarColor)
    ? AVATAR_PALETTE
    : [...AVATAR_PALETTE, { color: user.avatarColor, name: 'current' as const }];

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = displayName.trim();
    setNameMissing(name === '');
    if (name === '') return;
    const body: UpdateProfileBody = {
      ...(name !== user.displayName ? { displayName: name } : {}),
      ...(color !== user.avatarColor ? { avatarColor: color } : {}),
    };
    if (Object.keys(body).length > 0) save.mutate(body);
  };

  return (
    <section className="page__section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.profile')}</h2>
      <form className="page__form" onSubmit={onSubmit} noValidate>
        <div className="profile-preview">
          <Avatar displayName={displayName.trim() || user.displayName} color={color} />
          <span>
            <strong>{displayName.trim() || user.displayName}</strong>{' '}
            <span className="muted">@{user.username}</span>
          </span>
        </div>
        <label className="field">
          <span className="field__label">{t('settings.displayName')}</span>
          <input
            data-testid="profile-display-name"
            value={displayName}
            maxLength={LIMITS.displayNameMax}
            autoComplete="nickname"
            aria-invalid={nameMissing}
            onChange={(event) => setDisplayName(event.target.value)}
          />
        </label>
        <fieldset className="swatches" data-testid="profile-color">
          <legend className="field__label">{t('settings.avatarColor')}</legend>
          {palette.map((entry) => (
            <label key={entry.color} className="swatch" style={{ backgroundColor: entry.color }}>
              <input
                type="radio"
                name="avatarColor"
                value={entry.color}
                checked={color === entry.color}
                onChange={() => setColor(entry.color)}
              />
              <span className="visually-hidden">{t(`colors.${entry.name}`)}</span>
              <span className="swatch__check" aria-hidden="true" style={{ color: textColorOn(entry.color) }}>
                ✓
              </span>
            </label>
          ))}
        </fieldset>
        {nameMissing ? (
          <p className="form-error" role="alert">
            {t('settings.displayNameMissing')}
          </p>
        ) : null}
        <ErrorNotice error={save.error} />
        {save.isSuccess ? (
          <p className="form-ok" role="status">
            {t('settings.profileSaved')}
          </p>
        ) : null}
        <div className="page__actions">
          <button
            type="submit"
            className="button button--primary"
            data-testid="profile-save"
            disabled={save.isPending}
          >
            {t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
