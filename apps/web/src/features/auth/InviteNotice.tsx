import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { invitePreviewQuery } from '../../api/session';
import { formatFullTime } from '../../i18n/formatTime';

interface InviteNoticeProps {
  inviteToken: string | null;
  inviteOnly: boolean;
}

/**
 * Above the sign-up fields: whether the invite link works, or that one is needed. The form stays
 * usable either way: the server decides, and its refusal is shown as the form's error.
 */
export function InviteNotice({ inviteToken, inviteOnly }: InviteNoticeProps) {
  const { t, i18n } = useTranslation();
  const preview = useQuery({ ...invitePreviewQuery(inviteToken ?? ''), enabled: inviteToken !== null });
  if (inviteToken === null) {
    return inviteOnly ? <p className="auth__note">{t('auth.inviteNeeded')}</p> : null;
  }
  if (preview.isPending) return <p className="auth__note">{t('auth.inviteChecking')}</p>;
  if (preview.isError) {
    return (
      <p className="auth__note auth__note--problem" role="alert">
        {t('auth.inviteInvalid')}
      </p>
    );
  }
  return (
    <p className="auth__note auth__note--ok">
      {t('auth.inviteValid', { expires: formatFullTime(preview.data.expiresAt, i18n.language) })}
    </p>
  );
}
