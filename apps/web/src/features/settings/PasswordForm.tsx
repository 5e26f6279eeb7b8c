import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@parley/protocol';
import { changePassword } from '../../api/account';
import { ApiError } from '../../api/ApiError';
import { queryKeys } from '../../api/keys';
import { errorMessageKey } from '../../i18n/errorMessage';
import { formText } from '../../ui/formText';

type Problem = 'missing' | 'tooShort' | null;

/** A new password signs out every other session; the form says so once it is done. */
export function PasswordForm({ username }: { username: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const [problem, setProblem] = useState<Problem>(null);
  const change = useMutation({
    mutationFn: changePassword,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.sessions() }),
  });

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const currentPassword = formText(form, 'currentPassword');
    const newPassword = formText(form, 'newPassword');
    const found: Problem =
      currentPassword === '' || newPassword === ''
        ? 'missing'
        : newPassword.length < LIMITS.passwordMin
          ? 'tooShort'
          : null;
    setProblem(found);
    if (found) {
      change.reset();
      return;
    }
    change.mutate({ currentPassword, newPassword }, { onSuccess: () => formElement.reset() });
  };

  const error =
    problem === 'missing'
      ? t('settings.passwordMissing')
      : problem === 'tooShort'
        ? t('auth.passwordRule', { min: LIMITS.passwordMin })
        : change.error instanceof ApiError && change.error.code === 'invalid_credentials'
          ? t('settings.passwordWrong')
          : change.isError
            ? t(errorMessageKey(change.error))
            : null;

  return (
    <section className="page__section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.password')}</h2>
      <form className="page__form" onSubmit={onSubmit} noValidate>
        {/* Lets password managers know whose password this is. */}
        <input type="text" name="username" value={username} autoComplete="username" hidden readOnly />
        <label className="field">
          <span className="field__label">{t('settings.currentPassword')}</span>
          <input
            type="password"
            name="currentPassword"
            data-testid="password-current"
            autoComplete="current-password"
            maxLength={LIMITS.passwordMax}
          />
        </label>
        <label className="field">
          <span className="field__label">{t('settings.newPassword')}</span>
          <input
            type="password"
            name="newPassword"
            data-testid="password-new"
            autoComplete="new-password"
            minLength={LIMITS.passwordMin}
            maxLength={LIMITS.passwordMax}
          />
        </label>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        {change.isSuccess ? (
          <p className="form-ok" role="status">
            {t('settings.passwordChanged')}
          </p>
        ) : null}
        <div className="page__actions">
          <button
            type="submit"
            className="button button--primary"
            data-testid="password-save"
            disabled={change.isPending}
          >
            {t('settings.changePassword')}
          </button>
        </div>
      </form>
    </section>
  );
}
