import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { writeEditToHistory } from '../../api/historyWriter';
import { editMessage } from '../../api/messages';
import { isComposingText } from '../composer/keys';
import { useMentionAutocomplete } from '../composer/MentionSuggestions';
import { checkBody } from '../composer/messageBody';
import { ErrorNotice } from '../../ui/ErrorNotice';

interface MessageEditorProps {
  roomId: string;
  messageId: string;
  body: string;
  /** Whoever edits (the author): left out of the @mention suggestions. */
  readerId: string;
  /** Called when the edit is saved or given up; the caller puts focus back in the composer. */
  onDone: () => void;
}

/** The message's text in place, editable: Enter saves, Shift+Enter is a new line, Esc cancels. */
export function MessageEditor({ roomId, messageId, body, readerId, onDone }: MessageEditorProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(body);
  const hintId = useId();
  const inputId = useId();
  const mention = useMentionAutocomplete({ roomId, readerId, inputId, draft, onDraftChange: setDraft });
  const check = checkBody(draft);
  const save = useMutation({
    mutationFn: (text: string) => editMessage(roomId, messageId, { body: text }),
    onSuccess: (message) => {
      writeEditToHistory(queryClient, message);
      onDone();
    },
  });

  const submit = () => {
    if (check.kind !== 'ok' || save.isPending) return;
    if (check.body === body) onDone();
    else save.mutate(check.body);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mention.onKeyDown(event)) return;
    if (event.key === 'Escape') {
      // Esc here means "stop editing", not "close whatever else listens for Esc".
      event.preventDefault();
      event.stopPropagation();
      onDone();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || isComposingText(event)) return;
    event.preventDefault();
    submit();
  };

  return (
    <div className="message__editor">
      <textarea
        id={inputId}
        className="composer__input message__edit-input"
        data-testid="message-edit-input"
        aria-label={t('messages.editLabel')}
        aria-describedby={hintId}
        aria-invalid={check.kind !== 'ok'}
        value={draft}
        rows={Math.min(8, draft.split('\n').length)}
        readOnly={save.isPending}
        {...mention.inputProps}
        // Mounted by the reader's own action (the button or Up), so taking the focus is expected.
        autoFocus
        onFocus={(event) => {
          const end = event.currentTarget.value.length;
          event.currentTarget.setSelectionRange(end, end);
        }}
        onChange={(event) => {
          setDraft(event.target.value);
          mention.track(event);
        }}
        onKeyDown={onKeyDown}
      />
      {mention.listbox}
      <p id={hintId} className="composer__hint">
        {check.kind === 'tooLong'
          ? t('composer.tooLong', { length: check.length, max: check.max })
          : t('messages.editHint')}
      </p>
      <ErrorNotice error={save.error} />
    </div>
  );
}
