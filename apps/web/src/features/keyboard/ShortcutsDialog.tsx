import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog';
import { SHORTCUT_LIST } from './shortcuts';

const isMac = /Mac|iPhone|iPad/u.test(navigator.userAgent);

/** Every keyboard shortcut, opened by `?` or the app bar's button. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('keyboard.title')} testId="shortcuts-dialog" onClose={onClose}>
      <dl className="shortcuts">
        {SHORTCUT_LIST.map((shortcut) => (
          <div key={shortcut.description} className="shortcuts__row">
            <dt>
              {(isMac ? shortcut.macKeys : shortcut.keys).map((key, index) => (
                <span key={key}>
                  {index > 0 ? ' + ' : null}
                  <kbd>{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t(`keyboard.shortcuts.${shortcut.description}`)}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
