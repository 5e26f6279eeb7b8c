import { useTranslation } from 'react-i18next';
import { useReplyTarget, useSetReplyTarget } from './ReplyTarget';

/** Above the composer while it is replying: what to, and a way to stop (also Esc in the composer). */
export function ReplyingTo({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const target = useReplyTarget();
  const setTarget = useSetReplyTarget();
  if (!target) return null;
  return (
    <div className="replying-to" data-testid="reply-target" data-reply-to={target.id}>
      <p className="replying-to__text">
        {t('replies.replyingTo', { name: target.author?.displayName ?? '' })}{' '}
        <span className="replying-to__excerpt">{target.excerpt}</span>
      </p>
      <button
        type="button"
        className="button button--small button--quiet"
        data-testid="reply-target-cancel"
        onClick={() => {
          setTarget(null);
          onCancel();
        }}
      >
        {t('replies.cancel')}
      </button>
    </div>
  );
}
