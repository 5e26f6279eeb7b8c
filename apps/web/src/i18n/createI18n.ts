import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { LANGUAGE_STORAGE_KEY, pickLanguage } from './language';
import { zhCN } from './zh-CN';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

function readStoredLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null; // Storage can be blocked (privacy settings); fall back to the browser's language.
  }
}

/** Catalogs are bundled (both are small), so initialisation is synchronous and nothing flickers. */
export function createI18n(): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: pickLanguage(readStoredLanguage(), navigator.language),
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes everything it renders.
    initAsync: false,
  });
  const applyLanguage = (language: string) => {
    document.documentElement.lang = language;
  };
  applyLanguage(instance.language);
  instance.on('languageChanged', applyLanguage);
  return instance;
}
