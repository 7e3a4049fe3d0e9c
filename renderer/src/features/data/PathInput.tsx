import { FolderOpenOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasPickers, pickFile, pickFolder, type FileFilter } from '../../api/pickers.ts';

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  placeholder: string;
  example: string;
  /** What the system picker chooses (Electron only; in the browser the path is typed or pasted). */
  pick: 'folder' | 'file';
  filters?: FileFilter[];
  onEnter?(): void;
  disabled?: boolean;
}

/** A full path, typed or pasted (browser shell), or chosen with the system's picker (Electron). */
export function PathInput({ label, value, onChange, placeholder, example, pick, filters, onEnter, disabled }: Props) {
  const { t } = useTranslation();
  const pickers = hasPickers();
  async function choose() {
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
        {pickers && (
          <Button icon={<FolderOpenOutlined />} onClick={() => void choose()} disabled={disabled}>
            {t('data.choosePath')}
          </Button>
        )}
      </Flex>
      <Typography.Text type="secondary" className="data-example">
        {t('data.pathExample', { example })}
      </Typography.Text>
    </Flex>
  );
}
