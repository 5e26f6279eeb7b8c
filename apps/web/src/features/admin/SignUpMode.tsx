import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignUpMode as Mode } from '@parley/protocol';
import { adminSettingsQuery, updateAdminSettings } from '../../api/admin';
import { queryKeys } from '../../api/keys';
import { ErrorNotice } from '../../ui/ErrorNotice';

const MODES = ['open', 'invite_only'] as const satisfies readonly Mode[];

const isMode = (value: string): value is Mode => (MODES as readonly string[]).includes(value);

/** Whether anyone may sign up, or only people with an invite link. */
export function SignUpMode() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const settings = useQuery(adminSettingsQuery);
  const update = useMutation({
    mutationFn: (signUpMode: Mode) => updateAdminSettings({ signUpMode }),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.admin.settings(), saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.audit() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.authOptions() });
    },
  });
  // While the change is on its way the select shows it, and falls back if the server refuses.
  const shown = update.isPending ? update.variables : settings.data?.signUpMode;

  return (
    <section className="page__section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('admin.signUp')}</h2>
      <label className="field field--inline">
        <span className="field__label">{t('admin.signUpMode')}</span>
        <select
          data-testid="signup-mode"
          value={shown ?? ''}
          disabled={settings.data === undefined}
          onChange={(event) => {
            if (isMode(event.target.value)) update.mutate(event.target.value);
          }}
        >
          {shown === undefined ? <option value="">{t('app.loading')}</option> : null}
          {MODES.map((mode) => (
            <option key={mode} value={mode}>
              {t(`admin.modes.${mode}`)}
            </option>
          ))}
        </select>
      </label>
      <ErrorNotice error={settings.error} />
      <ErrorNotice error={update.error} />
    </section>
  );
}
