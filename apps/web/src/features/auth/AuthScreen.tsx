import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@parley/protocol';
import { ApiError } from '../../api/ApiError';
import { authOptionsQuery, signIn, signUp, startSession } from '../../api/session';
import { errorMessageKey } from '../../i18n/errorMessage';
import { LanguageSwitch } from '../../i18n/LanguageSwitch';
import { checkCredentials, type AuthMode, type CredentialsProblem } from './credentialsCheck';
import { InviteNotice } from './InviteNotice';

interface Credentials {
  username: string;
  password: string;
  displayName: string;
}

interface AuthScreenProps {
  /** From an invite link (`/invite/:token`): the form starts in sign-up and sends it along. */
  inviteToken: string | null;
}

export function AuthScreen({ inviteToken }: AuthScreenProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<AuthMode>(inviteToken ? 'sign-up' : 'sign-in');
  const options = useQuery(authOptionsQuery);
  const [problem, setProblem] = useState<CredentialsProblem | null>(null);
  const submit = useMutation({
    mutationFn: ({ username, password, displayName }: Credentials) =>
      mode === 'sign-in'
        ? signIn({ username, password })
        : signUp({
            username,
            password,
            ...(displayName ? { displayName } : {}),
            ...(inviteToken ? { inviteToken } : {}),
          }),
    onSuccess: (user) => startSession(queryClient, user),
    // The server's answer is the truth on whether an invite is needed; the notice should agree.
    onError: (error) => {
      if (error instanceof ApiError && error.code.startsWith('invite_')) void options.refetch();
    },
  });

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    const credentials = {
      username: field('username').trim(),
      password: field('password'),
      displayName: field('displayName').trim(),
    };
    const found = checkCredentials(mode, credentials.username, credentials.password);
    setProblem(found);
    if (found) submit.reset();
    else submit.mutate(credentials);
  };

  const switchMode = () => {
    setMode(mode === 'sign-in' ? 'sign-up' : 'sign-in');
    setProblem(null);
    submit.reset();
  };

  const problemText = problem
    ? t(`auth.${problem}`, {
        min: problem === 'passwordRule' ? LIMITS.passwordMin : LIMITS.usernameMin,
        max: LIMITS.usernameMax,
      })
    : submit.isError
      ? t(errorMessageKey(submit.error))
      : null;
  const signingUp = mode === 'sign-up';

  return (
    <main className="auth">
      <div className="auth__language">
        <LanguageSwitch />
      </div>
      <form className="auth__card" data-testid="auth-form" data-mode={mode} onSubmit={onSubmit} noValidate>
        <h1 className="auth__title">{signingUp ? t('auth.signUpTitle') : t('auth.signInTitle')}</h1>
        {signingUp ? (
          <InviteNotice inviteToken={inviteToken} inviteOnly={options.data?.signUpMode === 'invite_only'} />
        ) : null}
        <label className="field">
          <span className="field__label">{t('auth.username')}</span>
          <input
            name="username"
            data-testid="auth-username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={LIMITS.usernameMax}
            required
          />
        </label>
        <label className="field">
          <span className="field__label">{t('auth.password')}</span>
          <input
            name="password"
            type="password"
            data-testid="auth-password"
            autoComplete={signingUp ? 'new-password' : 'current-password'}
            maxLength={LIMITS.passwordMax}
            required
          />
        </label>
        {signingUp ? (
          <label className="field">
            <span className="field__label">{t('auth.displayName')}</span>
            <input
              name="displayName"
              data-testid="auth-display-name"
              autoComplete="nickname"
              maxLength={LIMITS.displayNameMax}
            />
          </label>
        ) : null}
        {problemText ? (
          <p className="auth__error" data-testid="auth-error" role="alert">
            {problemText}
          </p>
        ) : null}
        <button
          type="submit"
          className="button button--primary auth__submit"
          data-testid="auth-submit"
          disabled={submit.isPending}
        >
          {submit.isPending ? t('auth.working') : signingUp ? t('auth.submitSignUp') : t('auth.submitSignIn')}
        </button>
        <button
          type="button"
          className="button button--quiet"
          data-testid="auth-switch-mode"
          onClick={switchMode}
        >
          {signingUp ? t('auth.switchToSignIn') : t('auth.switchToSignUp')}
        </button>
      </form>
    </main>
  );
}
