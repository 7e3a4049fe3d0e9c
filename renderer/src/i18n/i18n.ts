import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type UiLanguage = 'zh-CN' | 'en';
export type LanguageSetting = 'system' | UiLanguage;

/** "system" follows the OS/browser locale: Chinese for any zh-*, English otherwise. */
export function resolveLanguage(setting: LanguageSetting, systemLocale: string | undefined): UiLanguage {
  if (setting !== 'system') return setting;
  return systemLocale?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function systemLocale(): string | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.language;
}

/** A fresh i18next instance per app (and per test), never the global one. */
export function createI18n(language: UiLanguage): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: language,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}
