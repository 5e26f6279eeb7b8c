import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { LIMITS, type CreateRoomBody } from '@parley/protocol';
import { createRoom, roomJoined } from '../../api/rooms';
import { errorMessageKey } from '../../i18n/errorMessage';
import { ROUTES } from '../../routes';
import { Dialog } from '../../ui/Dialog';
import { formText } from '../../ui/formText';

/** Makes a public or private room; the creator owns it and it opens at once. */
export function CreateRoomDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const id = useId();
  const [nameMissing, setNameMissing] = useState(false);
  const create = useMutation({
    mutationFn: createRoom,
    onSuccess: (room) => {
      roomJoined(queryClient, room);
      navigate(ROUTES.room(room.id));
      onClose();
    },
  });

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = formText(form, 'name').trim();
    const topic = formText(form, 'topic').trim();
    setNameMissing(name === '');
    if (name === '') return;
    const body: CreateRoomBody = {
      name,
      kind: form.get('private') === 'on' ? 'private' : 'public',
      ...(topic ? { topic } : {}),
    };
    create.mutate(body);
  };

  const problem = nameMissing
    ? t('rooms.nameMissing')
    : create.isError
      ? t(errorMessageKey(create.error))
      : null;

  return (
    <Dialog title={t('rooms.createTitle')} testId="create-room-dialog" onClose={onClose}>
      <form className="dialog__form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-name`}>
            {t('rooms.name')}
          </label>
          <div className="field__prefixed">
            <span aria-hidden="true">#</span>
            <input
              id={`${id}-name`}
              name="name"
              data-testid="create-room-name"
              maxLength={LIMITS.roomNameMax}
              autoComplete="off"
              required
              aria-invalid={nameMissing}
              aria-describedby={problem ? `${id}-problem` : undefined}
            />
          </div>
        </div>
        <label className="field">
          <span className="field__label">{t('rooms.topicOptional')}</span>
          <input
            name="topic"
            data-testid="create-room-topic"
            maxLength={LIMITS.topicMax}
            autoComplete="off"
          />
        </label>
        <label className="checkbox">
          <input type="checkbox" name="private" data-testid="create-room-private" />
          <span>
            {t('rooms.makePrivate')}
            <span className="checkbox__hint">{t('rooms.makePrivateHint')}</span>
          </span>
        </label>
        {problem ? (
          <p id={`${id}-problem`} className="form-error" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            data-testid="create-room-submit"
            disabled={create.isPending}
          >
            {t('rooms.createSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
