import {
  BarChartOutlined,
  CommentOutlined,
  DatabaseOutlined,
  FileTextOutlined,
  FireOutlined,
  IdcardOutlined,
  PhoneOutlined,
  SettingOutlined,
  ShoppingOutlined,
  TeamOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { Layout, Menu, Result, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors.ts';
import { focusSearch, useShortcuts } from '../../components/shortcuts.ts';
import { callRows, orderPlaced, reminderKey } from '../../store/callListSlice.ts';
import { useAppStore, useAppStoreApi } from '../../store/store.ts';
import type { View } from '../../store/types.ts';
import { openPrintView } from '../../components/printRoute.ts';
import { usePrintScreenKey } from '../print/printScreenKey.ts';
import { CollectionsPage } from '../credit/CollectionsPage.tsx';
import { CustomerBook } from '../customers/CustomerBook.tsx';
import { CustomerFormDialog } from '../customers/CustomerFormDialog.tsx';
import { DataPage } from '../data/DataPage.tsx';
import { GasPage } from '../gas/GasPage.tsx';
import { PrepaidPage } from '../prepaid/PrepaidPage.tsx';
import { OwnerPage } from '../owner/OwnerPage.tsx';
import { ComplaintsPage } from '../complaints/ComplaintsPage.tsx';
import { ProductsPage } from '../products/ProductsPage.tsx';
import { RecordSaleDialog } from '../sales/RecordSaleDialog.tsx';
import { SettingsPage } from '../shop/SettingsPage.tsx';
import { SlipDialog } from '../slips/SlipDialog.tsx';
import { JournalPage } from '../slips/JournalPage.tsx';
import { CalledDialog } from '../callList/CalledDialog.tsx';
import { SnoozeDialog } from '../callList/SnoozeDialog.tsx';
import { CallListPage } from '../callList/CallListPage.tsx';
import { Welcome } from '../shop/Welcome.tsx';

function Screen({ view }: { view: View }) {
  if (view === 'products') return <ProductsPage />;
  if (view === 'settings') return <SettingsPage />;
  if (view === 'data') return <DataPage />;
  if (view === 'owner') return <OwnerPage />;
  if (view === 'complaints') return <ComplaintsPage />;
  if (view === 'gas') return <GasPage />;
  if (view === 'prepaid') return <PrepaidPage />;
  if (view === 'customers') return <CustomerBook />;
  if (view === 'journal') return <JournalPage />;
  if (view === 'collections') return <CollectionsPage onPrint={printCollections} />;
  return <CallListPage />;
}
const printCollections = (area: string) => openPrintView({ kind: 'daily', layout: 'a4', area, autoPrint: true });

/** Screens that keep what they show when another is chosen: long lists, a scroll position, a selection. */
const KEPT: ReadonlySet<View> = new Set(['callList', 'customers', 'collections']);

/**
 * The screen chosen, and the list screens visited before it kept mounted and hidden: switching back
 * shows them as they were (scroll, selection, rows) instead of drawing them again, and their slices
 * refetch only when the book changed. The others are drawn afresh each time, as forms should be.
 */
function Screens({ view }: { view: View }) {
  const [visited, setVisited] = useState<View[]>(KEPT.has(view) ? [view] : []);
  if (KEPT.has(view) && !visited.includes(view)) setVisited([...visited, view]);
  return (
    <>
      {visited.map((kept) => (
        <div key={kept} className="screen" hidden={kept !== view}>
          <Screen view={kept} />
        </div>
      ))}
      {!KEPT.has(view) && (
        <div key={view} className="screen">
          <Screen view={view} />
        </div>
      )}
    </>
  );
}

export function AppShell() {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.status);
  const info = useAppStore((s) => s.info);
  const loadError = useAppStore((s) => s.loadError);
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  const openDialog = useAppStore((s) => s.openDialog);
  const selectedId = useAppStore((s) => s.selectedId);
  const dialog = useAppStore((s) => s.dialog);
  const products = useAppStore((s) => s.products);
  const store = useAppStoreApi();
  usePrintScreenKey();

  const shortcuts = useMemo(
    () => ({
      focusSearch: () => {
        setView('customers');
        setTimeout(focusSearch, 0);
      },
      newCustomer: () => openDialog({ kind: 'customerForm', customerId: null }),
      recordSale: () => {
        // On the Today screen F4 is "order placed" for the selected row, as O is.
        const state = store.getState();
        const row = state.view === 'callList' ? callRows(state.callList).find((r) => reminderKey(r) === state.callSelectedKey) : undefined;
        if (row) openDialog(orderPlaced(row));
        // Elsewhere F4 opens the counter slip: for the household open in the book, else a walk-in.
        else if (selectedId !== null && state.view === 'customers' && state.selected?.id === selectedId && !state.selected.archivedAt)
          openDialog({ kind: 'slip', customerId: selectedId, customerName: state.selected.name });
        else openDialog({ kind: 'slip', customerId: null });
      },
    }),
    [setView, openDialog, selectedId, store],
  );
  useShortcuts(shortcuts, status === 'ready' && !!info?.settings.onboarded && dialog === null);

  if (status === 'loading') {
    return (
      <div className="centered">
        <Spin size="large" description={t('app.loading')} />
      </div>
    );
  }
  if (status === 'failed' || !info) {
    return <Result status="error" title={t('app.openFailed')} subTitle={errorText(t, loadError)} />;
  }
  if (!info.settings.onboarded) return <Welcome />;

  const items = [
    { key: 'callList', icon: <PhoneOutlined />, label: t('app.menu.callList') },
    { key: 'customers', icon: <TeamOutlined />, label: t('app.menu.customers') },
    { key: 'journal', icon: <FileTextOutlined />, label: t('slips.journal.menu') },
    { key: 'collections', icon: <WalletOutlined />, label: t('app.menu.collections') },
    { key: 'complaints', icon: <CommentOutlined />, label: t('app.menu.complaints') },
    // Only for a shop that sells gas: the cylinder register is its legal record.
    ...(products.some((p) => p.unit === 'cylinder' && !p.archivedAt) ? [{ key: 'gas', icon: <FireOutlined />, label: t('app.menu.gas') }] : []),
    { key: 'prepaid', icon: <IdcardOutlined />, label: t('app.menu.prepaid') },
    { key: 'owner', icon: <BarChartOutlined />, label: t('app.menu.owner') },
    { key: 'products', icon: <ShoppingOutlined />, label: t('app.menu.products') },
    { key: 'data', icon: <DatabaseOutlined />, label: t('app.menu.data') },
    { key: 'settings', icon: <SettingOutlined />, label: t('app.menu.settings') },
  ];
  return (
    <Layout className="app-layout">
      <Layout.Sider width={168} theme="light" className="app-sider">
        <div className="app-brand">
          <Typography.Text strong className="app-brand-name">
            {t('app.name')}
          </Typography.Text>
          <Typography.Text type="secondary" ellipsis className="app-brand-shop">
            {info.settings.shopName}
          </Typography.Text>
        </div>
        <Menu mode="inline" selectedKeys={[view]} items={items} onClick={({ key }) => setView(key as View)} />
      </Layout.Sider>
      <Layout.Content className="app-content">
        <Screens view={view} />
      </Layout.Content>
      {dialog?.kind === 'customerForm' && <CustomerFormDialog customerId={dialog.customerId} />}
      {dialog?.kind === 'recordSale' && (
        <RecordSaleDialog
          customerId={dialog.customerId}
          correcting={dialog.correcting}
          productId={dialog.productId}
          customerName={dialog.customerName}
          quantity={dialog.quantity}
          fromCallList={dialog.fromCallList}
        />
      )}
      {dialog?.kind === 'slip' && <SlipDialog customerId={dialog.customerId} customerName={dialog.customerName} />}
      {dialog?.kind === 'called' && <CalledDialog row={dialog.row} />}
      {dialog?.kind === 'snooze' && <SnoozeDialog row={dialog.row} />}
    </Layout>
  );
}
