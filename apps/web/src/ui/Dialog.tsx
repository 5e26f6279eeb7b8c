import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface DialogProps {
  title: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
  /** Extra class for the dialog's box, e.g. a wider one. */
  className?: string;
}

/**
 * A modal dialog on the platform's <dialog>: showModal() makes the rest of the page inert, keeps
 * focus inside and closes on Esc. Mount it to open it; a `data-autofocus` element, else the first
 * field, gets the focus. `onClose` is called on Esc, the close button or a click on the backdrop,
 * and the parent unmounts it; focus then goes back to whatever had it before.
 */
export function Dialog({ title, testId, onClose, children, className }: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // The latest onClose, without reopening the dialog when the parent passes a new function.
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    // The platform would focus the close button, the first thing in the box; the first field is
    // where the reader wants to be.
    dialog.querySelector<HTMLElement>('[data-autofocus], input, select, textarea')?.focus();
    const closed = () => onCloseRef.current();
    dialog.addEventListener('close', closed);
    return () => {
      dialog.removeEventListener('close', closed);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      data-testid={testId}
      aria-labelledby={titleId}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> itself, outside its box.
        if (event.target === event.currentTarget) onCloseRef.current();
      }}
    >
      <div className="dialog__box">
        <header className="dialog__header">
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          <button
            type="button"
            className="button button--quiet dialog__close"
            aria-label={t('common.close')}
            onClick={() => onCloseRef.current()}
          >
            <span aria-hidden="true">×</span>
          </button>
        </header>
        {children}
      </div>
    </dialog>
  );
}
