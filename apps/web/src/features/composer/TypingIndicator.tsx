import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { typingQuery } from '../../api/presence';

/**
 * "Alice is typing…" under the conversation. Each typist lapses at the time their last signal gave,
 * so the line clears by itself when someone stops without sending. The line keeps its height when
 * empty, so the conversation never jumps.
 */
export function TypingIndicator({ roomId, userId }: { roomId: string; userId: string }) {
  const { t } = useTranslation();
  const typists = useQuery(typingQuery(roomId)).data;
  // Moved on only when someone lapses: anyone added since then lapses later than this.
  const [now, setNow] = useState(() => Date.now());
  const active = (typists ?? []).filter((typist) => typist.until > now && typist.person.id !== userId);
  const nextLapse = Math.min(...active.map((typist) => typist.until));
  useEffect(() => {
    if (!Number.isFinite(nextLapse)) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, nextLapse - Date.now()) + 20);
    return () => clearTimeout(timer);
  }, [nextLapse]);

  const [first, second] = active.map((typist) => typist.person.displayName);
  const text =
    first === undefined
      ? ''
      : second === undefined
        ? t('presence.typingOne', { name: first })
        : active.length === 2
          ? t('presence.typingTwo', { first, second })
          : t('presence.typingMany');
  return (
    <p className="typing" data-testid="typing-indicator">
      {text}
    </p>
  );
}
