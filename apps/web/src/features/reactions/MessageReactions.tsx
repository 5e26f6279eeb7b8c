import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reaction } from '@parley/protocol';
import { errorMessageKey } from '../../i18n/errorMessage';
import { reactorsOf } from './reactors';
import { useToggleReaction } from './useToggleReaction';

interface MessageReactionsProps {
  roomId: string;
  messageId: string;
  reactions: readonly Reaction[];
}

/** The reactions under a message: each emoji with its count; the reader's own are pressed. */
export function MessageReactions({ roomId, messageId, reactions }: MessageReactionsProps) {
  const { t } = useTranslation();
  const { toggle, readerId, error } = useToggleReaction(roomId, messageId);
  return (
    <div className="reactions">
      <ul className="reactions__list" aria-label={t('reactions.label')}>
        {reactions.map((reaction) => (
          <ReactionChip
            key={reaction.emoji}
            reaction={reaction}
            readerId={readerId}
            onToggle={(on) => toggle({ emoji: reaction.emoji, on })}
          />
        ))}
      </ul>
      {error ? (
        <p className="form-error" role="alert">
          {t(errorMessageKey(error))}
        </p>
      ) : null}
    </div>
  );
}

interface ReactionChipProps {
  reaction: Reaction;
  readerId: string | undefined;
  onToggle: (on: boolean) => void;
}

function ReactionChip({ reaction, readerId, onToggle }: ReactionChipProps) {
  const { t, i18n } = useTranslation();
  const whoId = useId();
  const { mine, names, more } = reactorsOf(reaction, readerId);
  const people = [
    ...(mine ? [t('reactions.you')] : []),
    ...names,
    ...(more > 0 ? [t('reactions.more', { count: more })] : []),
  ];
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(people);
  return (
    <li className="reactions__item">
      <button
        type="button"
        className="reaction"
        data-testid="reaction"
        data-emoji={reaction.emoji}
        data-count={reaction.users.length}
        aria-pressed={mine}
        aria-describedby={whoId}
        onClick={() => onToggle(!mine)}
      >
        <span className="reaction__emoji">{reaction.emoji}</span>
        <span className="reaction__count">{reaction.users.length}</span>
      </button>
      {/* Shown on hover and keyboard focus; read by screen readers as the button's description. */}
      <span id={whoId} role="tooltip" className="reaction__who" data-testid="reaction-who">
        {t('reactions.who', { names: list, emoji: reaction.emoji })}
      </span>
    </li>
  );
}
