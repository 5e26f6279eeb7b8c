import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { CURATED_EMOJI, PICKER_COLUMNS } from './curatedEmoji';

interface EmojiPickerProps {
  /** The button that opened it: the picker sits next to it. */
  anchor: RefObject<HTMLElement | null>;
  /** Emoji the reader has already reacted with (choosing one takes it away). */
  chosen: readonly string[];
  onPick: (emoji: string) => void;
  onClose: () => void;
}

/** Space kept between the picker and the window's edges, in pixels. */
const EDGE = 8;

/**
 * A grid of common emoji in the top layer (a popover, so no scrolling list clips it). Arrow keys,
 * Home and End move through it, Enter or Space picks, Esc or a click elsewhere closes it.
 */
export default function EmojiPicker({ anchor, chosen, onPick, onClose }: EmojiPickerProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useLayoutEffect(() => {
    const picker = ref.current;
    if (!picker) return;
    picker.showPopover();
    place(picker, anchor.current);
    picker.querySelector<HTMLButtonElement>('button[tabindex="0"]')?.focus();
    // Esc and clicks outside close a popover by themselves; the parent then unmounts it.
    const toggled = (event: Event) => {
      if ((event as ToggleEvent).newState === 'closed') onCloseRef.current();
    };
    picker.addEventListener('toggle', toggled);
    return () => {
      picker.removeEventListener('toggle', toggled);
      if (picker.matches(':popover-open')) picker.hidePopover();
    };
  }, [anchor]);

  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = CURATED_EMOJI.length - 1;
    const steps: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: PICKER_COLUMNS,
      ArrowUp: -PICKER_COLUMNS,
      Home: -active,
      End: last - active,
    };
    const step = steps[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = Math.min(last, Math.max(0, active + step));
    setActive(next);
    ref.current?.querySelectorAll<HTMLButtonElement>('.emoji-picker__option')[next]?.focus();
  };

  return (
    <div
      ref={ref}
      popover="auto"
      role="dialog"
      aria-label={t('reactions.pickerLabel')}
      className="emoji-picker"
      data-testid="reaction-picker"
      onKeyDown={move}
    >
      <div className="emoji-picker__grid" role="group">
        {CURATED_EMOJI.map((emoji, index) => (
          <button
            key={emoji}
            type="button"
            className="emoji-picker__option"
            data-testid="reaction-option"
            data-emoji={emoji}
            aria-pressed={chosen.includes(emoji)}
            tabIndex={index === active ? 0 : -1}
            onFocus={() => setActive(index)}
            onClick={() => onPick(emoji)}
          >
            {emoji}
          </button>
        ))}
      </div>
    </div>
  );
}

/** Below the anchor if it fits, else above; right-aligned with it, kept inside the window. */
function place(picker: HTMLElement, anchor: HTMLElement | null): void {
  if (!anchor) return;
  const box = anchor.getBoundingClientRect();
  const { width, height } = picker.getBoundingClientRect();
  const below = box.bottom + EDGE + height <= window.innerHeight;
  const top = below ? box.bottom + 4 : Math.max(EDGE, box.top - height - 4);
  const left = Math.min(Math.max(EDGE, box.right - width), window.innerWidth - width - EDGE);
  picker.style.top = `${top}px`;
  picker.style.left = `${left}px`;
}
