import { Checkbox, Flex, Radio, Select, Table, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  importDuplicateActions,
  type ImportDuplicate,
  type ImportDuplicateAction,
  type ImportRowChoice,
  type MergeDifference,
  type MergeField,
} from '../../../../shared/contract.ts';
import { paydayText } from '../../components/format.ts';

/** What the shopkeeper chose for the rows whose phone is taken: for all of them, and row by row. */
export interface DuplicateChoice {
  duplicates: ImportDuplicateAction;
  differing: 'book' | 'file';
  /** By line: only the rows chosen apart from the rest. */
  rows: Record<number, Omit<ImportRowChoice, 'line'>>;
}

export const defaultDuplicateChoice: DuplicateChoice = { duplicates: 'skip', differing: 'book', rows: {} };

/** The rows' own choices as import.apply takes them. */
export function rowChoices(choice: DuplicateChoice): ImportRowChoice[] {
  return Object.entries(choice.rows).map(([line, own]) => ({ line: Number(line), ...own }));
}

/** The rule for all differing fields changed: the rows' ticks made under the old one go, their actions stay. */
function withoutFieldChoices(rows: DuplicateChoice['rows']): DuplicateChoice['rows'] {
  return Object.fromEntries(Object.entries(rows).map(([line, { fromFile: _ticked, ...own }]) => [line, own]));
}

function valueText(t: TFunction, d: MergeDifference, side: 'book' | 'file'): string {
  if (d.field === 'payday') return paydayText(t, d[side]);
  if (d.field === 'household') return t('customers.peopleDetail', d[side]);
  return d[side];
}

/**
 * Rows whose phone the book (or an earlier row) has: skipped, merged or kept as households of their own,
 * all alike by default; a row can be chosen apart, and a merged row's differing fields ticked one by
 * one to take the file's value. Nothing the book has is replaced unless ticked.
 */
export function DuplicateChoices(props: {
  duplicates: ImportDuplicate[];
  total: number;
  value: DuplicateChoice;
  onChange: (value: DuplicateChoice) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const { duplicates, total, value, onChange, disabled } = props;
  const actionOf = (line: number) => value.rows[line]?.duplicates ?? value.duplicates;
  const takesFile = (line: number, field: MergeField) => value.rows[line]?.fromFile?.includes(field) ?? value.differing === 'file';
  const setRow = (line: number, own: Omit<ImportRowChoice, 'line'>) => {
    const rows = { ...value.rows, [line]: { ...value.rows[line], ...own } };
    onChange({ ...value, rows });
  };
  function toggle(d: ImportDuplicate, field: MergeField) {
    const fromFile = d.differences.map((x) => x.field).filter((f) => (f === field ? !takesFile(d.line, f) : takesFile(d.line, f)));
    setRow(d.line, { fromFile });
  }
  const merging = value.duplicates === 'merge' || duplicates.some((d) => actionOf(d.line) === 'merge');

  return (
    <Flex vertical gap={8} className="data-duplicates">
      <Typography.Text strong>{t('data.import.duplicates', { count: total })}</Typography.Text>
      <Radio.Group value={value.duplicates} disabled={disabled} onChange={(e) => onChange({ ...value, duplicates: e.target.value as ImportDuplicateAction })}>
        <Flex vertical gap={4}>
          {importDuplicateActions.map((action) => (
            <Radio key={action} value={action}>
              {t(`data.import.actions.${action}`)}
            </Radio>
          ))}
        </Flex>
      </Radio.Group>
      {merging && (
        <Flex gap={8} align="center" wrap>
          <Typography.Text>{t('data.import.differing')}</Typography.Text>
          <Radio.Group
            value={value.differing}
            disabled={disabled}
            onChange={(e) => onChange({ ...value, differing: e.target.value as 'book' | 'file', rows: withoutFieldChoices(value.rows) })}
          >
            <Radio value="book">{t('data.import.keepBook')}</Radio>
            <Radio value="file">{t('data.import.takeFile')}</Radio>
          </Radio.Group>
        </Flex>
      )}
      <Table<ImportDuplicate>
        className="data-duplicate-rows"
        size="small"
        rowKey="line"
        dataSource={duplicates}
        pagination={duplicates.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
        columns={[
          {
            title: t('data.import.line'),
            key: 'who',
            render: (_: unknown, d) =>
              t('data.import.duplicateLine', {
                line: d.line,
                phone: d.phone,
                who: d.existing ? t('data.import.duplicateExisting', { name: d.existing.name }) : t('data.import.duplicateSameAs', { line: d.sameAsLine }),
              }),
          },
          { title: t('data.import.rowName'), dataIndex: 'name', width: 120 },
          {
            title: t('data.import.rowAction'),
            key: 'action',
            width: 180,
            render: (_: unknown, d) => (
              <Select<ImportDuplicateAction>
                aria-label={t('data.import.rowActionOf', { line: d.line })}
                className="full-width"
                value={actionOf(d.line)}
                disabled={disabled}
                onChange={(duplicates) => setRow(d.line, { duplicates })}
                options={importDuplicateActions.map((action) => ({ value: action, label: t(`data.import.rowActions.${action}`) }))}
              />
            ),
          },
          {
            title: t('data.import.differences'),
            key: 'differences',
            render: (_: unknown, d) =>
              d.differences.length === 0 ? (
                <Typography.Text type="secondary">{t('data.import.noDifferences')}</Typography.Text>
              ) : (
                <Flex vertical gap={2}>
                  {d.differences.map((x) => (
                    <Checkbox
                      key={x.field}
                      checked={takesFile(d.line, x.field)}
                      disabled={disabled || actionOf(d.line) !== 'merge'}
                      onChange={() => toggle(d, x.field)}
                    >
                      {t('data.import.difference', {
                        field: t(`data.import.mergeFields.${x.field}`),
                        book: valueText(t, x, 'book'),
                        file: valueText(t, x, 'file'),
                      })}
                    </Checkbox>
                  ))}
                </Flex>
              ),
          },
        ]}
      />
      {duplicates.length < total && <Typography.Text type="secondary">{t('data.import.duplicatesMore', { shown: duplicates.length, total })}</Typography.Text>}
    </Flex>
  );
}
