import { FolderOpenOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasPickers, pickFile, pickFolder, type FileFilter } from '../../api/pickers.ts';
import { PathPicker } from './PathPicker.tsx';

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  placeholder: string;
  example: string;
  /** What the picker chooses: the system's (Electron), or ours over the backend's places (browser shell). */
  pick: 'folder' | 'file';
  filters?: FileFilter[];
  onEnter?(): void;
  disabled?: boolean;
}

/** A full path, typed or pasted, or chosen with a picker: the system's (Electron) or PathPicker (browser shell). */
export function PathInput({ label, value, onChange, placeholder, example, pick, filters, onEnter, disabled }: Props) {
  const { t } = useTranslation();
  const pickers = hasPickers();
  const [browsing, setBrowsing] = useState(false);
  async function choose() {
    if (!pickers) return setBrowsing(true);
    const path = pick === 'folder' ? await pickFolder() : await pickFile(filters);
    if (path) onChange(path);
  }
  return (
    <Flex vertical gap={4}>
      <Typography.Text strong>{label}</Typography.Text>
      <Flex gap={8}>
        <Input
          aria-label={label}
          value={value}
          placeholder={placeholder}
          allowClear
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
          onPressEnter={onEnter}
          className="data-path"
        />
        <Button icon={<FolderOpenOutlined />} onClick={() => void choose()} disabled={disabled}>
          {t(pickers ? 'data.choosePath' : 'data.picker.browse')}
        </Button>
      </Flex>
      {browsing && (
        <PathPicker
          pick={pick}
          extensions={(filters ?? []).flatMap((f) => f.extensions).filter((e) => e !== '*')}
          onPick={(path) => {
            setBrowsing(false);
            onChange(path);
          }}
          onClose={() => setBrowsing(false)}
        />
      )}
      <Typography.Text type="secondary" className="data-example">
        {t('data.pathExample', { example })}
      </Typography.Text>
    </Flex>
  );
}
