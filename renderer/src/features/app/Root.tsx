/** Everything around the screens: store, language, antd locale and theme (with the larger type option). */
import { App as AntApp, ConfigProvider, theme as antTheme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useMemo } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createI18n, resolveLanguage, systemLocale } from '../../i18n/i18n.ts';
import { usePrintRoute } from '../../components/printRoute.ts';
import { StoreContext, useAppStore, type AppStore } from '../../store/store.ts';
import { OwnerMonthPrint } from '../print/OwnerMonthPrint.tsx';
import { PrintView } from '../print/PrintView.tsx';
import { StatementPrint } from '../print/StatementPrint.tsx';
import { SlipPrint } from '../print/SlipPrint.tsx';
import { DayClosePrint } from '../print/DayClosePrint.tsx';
import { AppShell } from './AppShell.tsx';

/**
 * Messages sit at the foot of the window, where they cover list rows for a moment but never the
 * filters and action buttons at the top; and they go when their time is up, even under a resting
 * mouse (held there, one blocked a click for 30 s).
 */
const MESSAGES = { pauseOnHover: false, styles: { list: { top: 'auto', bottom: 24, height: 'auto' } } };

function Localised() {
  const setting = useAppStore((s) => s.info?.settings.language ?? 'system');
  const largeText = useAppStore((s) => s.info?.settings.largeText ?? false);
  const ready = useAppStore((s) => s.status === 'ready' && !!s.info?.settings.onboarded);
  const printRoute = usePrintRoute();
  const language = resolveLanguage(setting, systemLocale());
  const i18n = useMemo(() => {
    // Before the screens draw in the new language, not in an effect after: a memoised row drawn once
    // (Today's) would keep the old month names.
    dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
    return createI18n(language);
  }, [language]);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = i18n.t('app.name');
  }, [language, i18n]);
  const theme = useMemo(
    () => ({
      algorithm: antTheme.defaultAlgorithm,
      token: {
        colorPrimary: '#1f7a5c',
        fontSize: largeText ? 17 : 14,
        borderRadius: 6,
        fontFamily: "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', system-ui, sans-serif",
      },
      components: {
        Menu: { itemSelectedBg: '#e3f1ea', itemSelectedColor: '#1f7a5c', itemHoverBg: '#f3f8f5' },
      },
    }),
    [largeText],
  );
  return (
    <I18nextProvider i18n={i18n}>
      <ConfigProvider locale={language === 'zh-CN' ? zhCN : enUS} theme={theme}>
        <AntApp message={MESSAGES}>
          {/* The print view is drawn alone, without the app around it, so that printing the page prints only the list. */}
          {printRoute && ready ? (
            printRoute.kind === 'statement' ? (
              <StatementPrint route={printRoute} />
            ) : printRoute.kind === 'slip' ? (
              <SlipPrint route={printRoute} />
            ) : printRoute.kind === 'month' ? (
              <OwnerMonthPrint route={printRoute} />
            ) : printRoute.kind === 'close' ? (
              <DayClosePrint route={printRoute} />
            ) : (
              <PrintView route={printRoute} />
            )
          ) : (
            <AppShell />
          )}
        </AntApp>
      </ConfigProvider>
    </I18nextProvider>
  );
}

export function Root({ store }: { store: AppStore }) {
  useEffect(() => {
    void store.getState().load();
  }, [store]);
  return (
    <StoreContext.Provider value={store}>
      <Localised />
    </StoreContext.Provider>
  );
}
