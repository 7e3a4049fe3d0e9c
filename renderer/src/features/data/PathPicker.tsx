/**
 * The browser shell's folder and file picker (the desktop app has the system's). It shows only what the
 * backend offers (data.places: the book's backups/ and exports/, folders used lately, USB sticks, home)
 * and lists a folder under one of them (data.browse); it never writes.
 */
import { FileOutlined, FolderOutlined, UpOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, List, Menu, Modal, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FolderListing, Place } from '../../../../shared/contract.ts';
import { errorText } from '../../components/errors.ts';
import { useAppStore } from '../../store/store.ts';
import { bytesText } from './format.ts';

interface Props {
  pick: 'folder' | 'file';
  /** Files of these extensions (pick 'file'); none: every file. */
  extensions: string[];
  onPick(path: string): void;
  onClose(): void;
}

export function PathPicker({ pick, extensions, onPick, onClose }: Props) {
  const { t } = useTranslation();
  const loadPlaces = useAppStore((s) => s.loadPlaces);
  const browseFolder = useAppStore((s) => s.browseFolder);
  const [places, setPlaces] = useState<Place[]>([]);
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [chosenFile, setChosenFile] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // The folder asked for last: the first folder's answer (asked as the dialog opens) may come after a
  // click on another place, and must not replace it.
  const asked = useRef(0);
  async function open(path: string) {
    const mine = ++asked.current;
    try {
      const found = await browseFolder(path, pick === 'file' ? 'files' : 'folders', extensions);
      if (mine !== asked.current) return;
      setListing(found);
      setChosenFile(null);
      setError(null);
    } catch (e) {
      if (mine === asked.current) setError(errorText(t, e));
    }
  }

  useEffect(() => {
    loadPlaces()
      .then((found) => {
        setPlaces(found);
        // Backups are restored from backups/; folders and sheets were most likely chosen lately.
        const start = pick === 'file' && extensions.includes('sqlite') ? found[0] : (found.find((p) => p.kind === 'recent') ?? found[0]);
        if (start) void open(start.path);
      })
      .catch((e: unknown) => setError(errorText(t, e)));
    // Once, when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const chosen = pick === 'folder' ? (listing?.path ?? null) : chosenFile;
  return (
    <Modal
      open
      width={760}
      title={t(pick === 'folder' ? 'data.picker.titleFolder' : 'data.picker.titleFile')}
      onCancel={onClose}
      okText={t(pick === 'folder' ? 'data.picker.chooseFolder' : 'data.picker.chooseFile')}
      okButtonProps={{ disabled: !chosen }}
      onOk={() => chosen && onPick(chosen)}
      cancelText={t('common.cancel')}
      className="path-picker"
    >
      <Flex gap={12} className="path-picker-body">
        <Menu
          className="path-picker-places"
          aria-label={t('data.picker.places')}
          selectedKeys={[]}
          items={places.map((p) => ({
            key: `${p.kind}:${p.path}`,
            label: (
              <span title={p.path}>
                <Typography.Text type="secondary">{t(`data.picker.kinds.${p.kind}`)}</Typography.Text> {p.kind === 'home' ? '' : p.label}
              </span>
            ),
            onClick: () => void open(p.path),
          }))}
        />
        <Flex vertical gap={8} className="path-picker-folder">
          <Flex gap={8} align="center">
            <Button size="small" icon={<UpOutlined />} disabled={!listing?.parent} onClick={() => listing?.parent && void open(listing.parent)}>
              {t('data.picker.up')}
            </Button>
            <Typography.Text className="path-picker-path" ellipsis={{ tooltip: listing?.path }}>
              {listing?.path}
            </Typography.Text>
          </Flex>
          {error && <Alert type="error" showIcon title={error} />}
          {listing && listing.entries.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('data.picker.empty')} />
          ) : (
            <List
              size="small"
              className="path-picker-list"
              dataSource={listing?.entries ?? []}
              renderItem={(entry) => (
                <List.Item
                  className={entry.path === chosenFile ? 'path-picker-chosen' : undefined}
                  onClick={() => (entry.kind === 'folder' ? void open(entry.path) : setChosenFile(entry.path))}
                  onDoubleClick={() => entry.kind === 'file' && onPick(entry.path)}
                >
                  <Flex gap={8} align="center" justify="space-between" className="path-picker-entry">
                    <span>
                      {entry.kind === 'folder' ? <FolderOutlined /> : <FileOutlined />} {entry.name}
                    </span>
                    {entry.kind === 'file' && <Typography.Text type="secondary">{bytesText(t, entry.sizeBytes)}</Typography.Text>}
                  </Flex>
                </List.Item>
              )}
            />
          )}
          {listing?.truncated && <Typography.Text type="secondary">{t('data.picker.truncated')}</Typography.Text>}
        </Flex>
      </Flex>
    </Modal>
  );
}
