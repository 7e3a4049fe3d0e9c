import { CheckCircleOutlined, FileSearchOutlined, ImportOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Collapse, Flex, Progress, Row, Select, Table, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importFields, type ImportField, type ImportMapping, type ImportPreview, type ImportProblem, type ImportResult } from '../../../../shared/contract.ts';
import { errorInfoOf, errorText, issueText } from '../../components/errors.ts';
import { hasKey } from '../../i18n/keys.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import { useAppStore } from '../../store/store.ts';
import { defaultDuplicateChoice, DuplicateChoices, rowChoices, type DuplicateChoice } from './DuplicateChoices.tsx';
import { examplePaths } from './format.ts';
import { PathInput } from './PathInput.tsx';

const textFields = new Set(['name', 'address', 'area', 'notes', 'tags']);

function fieldText(t: TFunction, field: string): string {
  return hasKey(zhCN.data.import.fields, field) ? t(`data.import.fields.${field}`) : field;
}

function problemText(t: TFunction, p: ImportProblem): string {
  return hasKey(zhCN.data.import.issues, p.issue) ? t(`data.import.issues.${p.issue}`) : issueText(t, p, textFields.has(p.field));
}

/** `note`: under a preview, what to do next; after a refused import, that nothing was written. */
function ProblemsTable({ problems, total, note }: { problems: ImportProblem[]; total: number; note: string }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8}>
      <Alert type="error" showIcon title={t('data.import.problemsCount', { count: total })} description={note} />
      <Table<ImportProblem>
        className="data-problems"
        size="small"
        rowKey={(p) => `${p.line}-${p.field}-${p.issue}`}
        dataSource={problems}
        pagination={problems.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
        columns={[
          { title: t('data.import.line'), dataIndex: 'line', width: 70, render: (line: number) => <Typography.Text strong>{line}</Typography.Text> },
          { title: t('data.import.rowName'), dataIndex: 'name', width: 120 },
          { title: t('data.import.field'), dataIndex: 'field', width: 100, render: (field: string) => fieldText(t, field) },
          {
            title: t('data.import.value'),
            dataIndex: 'value',
            width: 140,
            render: (value: string) =>
              value === '' ? <Typography.Text type="secondary">{t('data.import.empty')}</Typography.Text> : <Typography.Text code>{value}</Typography.Text>,
          },
          { title: t('data.import.issue'), key: 'issue', render: (_: unknown, p) => problemText(t, p) },
          {
            title: t('data.import.expected'),
            key: 'hint',
            render: (_: unknown, p) => (hasKey(zhCN.data.import.hints, p.field) ? t(`data.import.hints.${p.field}`) : ''),
          },
        ]}
      />
      {problems.length < total && <Typography.Text type="secondary">{t('data.import.problemsMore', { shown: problems.length, total })}</Typography.Text>}
    </Flex>
  );
}

type Phase = 'reading' | 'applying' | null;

/** Customers from a sheet: read and check everything first, show it, and import all rows or none. */
export function ImportSection() {
  const { t } = useTranslation();
  const importPreview = useAppStore((s) => s.importPreview);
  const importApply = useAppStore((s) => s.importApply);
  const dataDir = useAppStore((s) => s.info?.dataDir);
  const importAsked = useAppStore((s) => s.importAsked);
  const importShown = useAppStore((s) => s.importShown);
  const section = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!importAsked) return;
    importShown();
    section.current?.scrollIntoView?.({ block: 'start' }); // jsdom has no scrolling
    section.current?.querySelector('input')?.focus();
  }, [importAsked, importShown]);
  const [file, setFile] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [mappingChanged, setMappingChanged] = useState(false);
  const [mappingOpen, setMappingOpen] = useState(false);
  const [duplicates, setDuplicates] = useState<DuplicateChoice>(defaultDuplicateChoice);
  const [phase, setPhase] = useState<Phase>(null);
  const [progress, setProgress] = useState(0);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [nameColumn, setNameColumn] = useState<number | null>(null);

  async function read(withMapping?: ImportMapping) {
    const path = (withMapping && preview ? preview.file : file.trim()) ?? '';
    if (!path) return;
    setError(null);
    setResult(null);
    setPhase('reading');
    setProgress(0);
    try {
      const next = await importPreview(path, withMapping, setProgress);
      setPreview(next);
      setDuplicates(defaultDuplicateChoice); // the lines chosen were the last preview's
      setMapping(next.mapping);
      setMappingChanged(false);
      setNameColumn(null);
    } catch (e) {
      setError(e);
      if (!withMapping) setPreview(null);
    } finally {
      setPhase(null);
    }
  }

  async function apply() {
    if (!preview) return;
    setError(null);
    setPhase('applying');
    setProgress(0);
    try {
      setResult(
        await importApply(
          preview.file,
          mapping,
          { duplicates: duplicates.duplicates, differing: duplicates.differing, choices: rowChoices(duplicates) },
          setProgress,
        ),
      );
      setPreview(null);
    } catch (e) {
      setError(e);
    } finally {
      setPhase(null);
    }
  }

  function mapField(field: ImportField, column: number | null) {
    const next: ImportMapping = { ...mapping };
    // One column is one field: taking it from another field frees that one.
    if (column !== null) for (const f of importFields) if (next[f] === column) delete next[f];
    if (column === null) delete next[field];
    else next[field] = column;
    setMapping(next);
    setMappingChanged(true);
  }

  const busy = phase !== null;
  const errorInfo = error === null ? null : errorInfoOf(error);
  const refusedRows = errorInfo?.code === 'IMPORT_INVALID_ROWS' ? ((errorInfo.details?.problems as ImportProblem[] | undefined) ?? []) : null;
  // No column looked like the name: let the shopkeeper say which one is, from the headers the file has.
  const unnamedHeaders =
    errorInfo?.code === 'IMPORT_NO_NAME_COLUMN' && Array.isArray(errorInfo.details?.headers) ? (errorInfo.details.headers as string[]) : null;
  const columnOptions = preview
    ? [
        { value: -1, label: t('data.import.notMapped') },
        ...preview.headers.map((header, i) => ({ value: i, label: t('data.import.column', { n: i + 1, header: header || '—' }) })),
      ]
    : [];
  const fieldOfColumn = new Map(Object.entries(mapping).map(([field, column]) => [column, field]));
  const badLines = new Set(preview?.problems.map((p) => p.line) ?? []);
  const canApply = preview !== null && !mappingChanged && preview.problemsTotal === 0 && preview.validRows > 0;

  return (
    <Flex vertical gap={12} className="data-import" ref={section}>
      <Typography.Title level={5}>{t('data.import.title')}</Typography.Title>
      <Typography.Text type="secondary">{t('data.import.hint')}</Typography.Text>
      <PathInput
        label={t('data.import.file')}
        value={file}
        onChange={setFile}
        placeholder={t('data.import.filePlaceholder')}
        example={examplePaths(dataDir).sheet}
        pick="file"
        filters={[{ name: 'Excel / CSV', extensions: ['xlsx', 'csv'] }]}
        onEnter={() => !busy && void read()}
        disabled={busy}
      />
      <Flex align="center" gap={16} className="data-actions">
        <Button size="large" icon={<FileSearchOutlined />} disabled={!file.trim()} loading={phase === 'reading'} onClick={() => void read()}>
          {phase === 'reading' ? t('data.import.reading') : t('data.import.preview')}
        </Button>
        {busy && <Progress className="data-progress" percent={Math.round(progress * 100)} status="active" />}
      </Flex>
      {errorInfo && refusedRows === null && <Alert type="error" showIcon title={t('data.import.failed')} description={errorText(t, error)} />}
      {unnamedHeaders && (
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong>{t('data.import.whichIsName')}</Typography.Text>
          <Select<number>
            aria-label={t('data.import.whichIsName')}
            className="data-name-column"
            value={nameColumn ?? undefined}
            onChange={setNameColumn}
            options={unnamedHeaders.map((header, i) => ({ value: i, label: t('data.import.column', { n: i + 1, header: header || '—' }) }))}
          />
          <Button
            type="primary"
            icon={<ReloadOutlined />}
            disabled={nameColumn === null}
            loading={phase === 'reading'}
            onClick={() => nameColumn !== null && void read({ name: nameColumn })}
          >
            {t('data.import.recheck')}
          </Button>
        </Flex>
      )}
      {refusedRows !== null && (
        <ProblemsTable problems={refusedRows} total={Number(errorInfo?.details?.problemsTotal ?? refusedRows.length)} note={t('data.import.nothingWritten')} />
      )}
      {result && (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleOutlined />}
          title={t('data.import.done', { created: result.created, merged: result.merged, skipped: result.skipped, sales: result.sales })}
        />
      )}
      {preview && (
        <Flex vertical gap={12} className="data-import-preview">
          <Flex gap={8} wrap align="center">
            <Typography.Text strong className="data-file">
              {preview.file}
            </Typography.Text>
            <Tag color="blue">{t('common.labelled', { label: t('data.import.encoding'), value: t(`data.import.encodings.${preview.encoding}`) })}</Tag>
            {preview.sheet && <Tag>{t('common.labelled', { label: t('data.import.sheet'), value: preview.sheet })}</Tag>}
            <Typography.Text>{t('data.import.rowsSummary', { count: preview.totalRows, valid: preview.validRows })}</Typography.Text>
          </Flex>

          <Typography.Text strong>{t('data.import.firstRows')}</Typography.Text>
          <Table<{ key: number; cells: string[] }>
            className="data-preview-table"
            size="small"
            bordered
            scroll={{ x: 'max-content', y: 200 }}
            pagination={false}
            rowClassName={(row) => (badLines.has(row.key) ? 'data-bad-row' : '')}
            dataSource={preview.rows.map((cells, i) => ({ key: i + 2, cells }))}
            columns={[
              { title: t('data.import.line'), dataIndex: 'key', width: 64, fixed: 'left' },
              ...preview.headers.map((header, i) => {
                const field = fieldOfColumn.get(i);
                return {
                  key: String(i),
                  title: (
                    <Flex vertical>
                      <span>{header || '—'}</span>
                      {field ? (
                        <Tag color="green">{fieldText(t, field)}</Tag>
                      ) : (
                        <Typography.Text type="secondary">{t('data.import.notMapped')}</Typography.Text>
                      )}
                    </Flex>
                  ),
                  render: (_: unknown, row: { cells: string[] }) => row.cells[i] ?? '',
                };
              }),
            ]}
          />

          <Collapse
            size="small"
            className="data-mapping"
            activeKey={mappingOpen || mappingChanged ? ['mapping'] : []}
            onChange={(keys) => setMappingOpen(keys.includes('mapping'))}
            items={[
              {
                key: 'mapping',
                label: t('data.import.mapping'),
                children: (
                  <Flex vertical gap={8}>
                    <Typography.Text type="secondary">{t('data.import.mappingHint')}</Typography.Text>
                    <Row gutter={[12, 8]}>
                      {importFields.map((field) => (
                        <Col key={field} span={6}>
                          <Flex vertical gap={2}>
                            <Typography.Text>{fieldText(t, field)}</Typography.Text>
                            <Select<number>
                              aria-label={fieldText(t, field)}
                              value={mapping[field] ?? -1}
                              options={columnOptions}
                              disabled={busy}
                              onChange={(column) => mapField(field, column < 0 ? null : column)}
                            />
                          </Flex>
                        </Col>
                      ))}
                    </Row>
                    {mappingChanged && (
                      <Flex>
                        <Button type="primary" icon={<ReloadOutlined />} loading={phase === 'reading'} onClick={() => void read(mapping)}>
                          {t('data.import.recheck')}
                        </Button>
                      </Flex>
                    )}
                  </Flex>
                ),
              },
            ]}
          />
          {!mappingChanged && preview.problemsTotal > 0 && (
            <ProblemsTable problems={preview.problems} total={preview.problemsTotal} note={t('data.import.fixFirst')} />
          )}
          {!mappingChanged && preview.problemsTotal === 0 && <Alert type="success" showIcon title={t('data.import.noProblems')} />}
          {preview.hasSales && <Alert type="info" showIcon title={t('data.import.sales')} />}
          {preview.totalLines.length > 0 && (
            <Alert
              className="data-total-lines"
              type="info"
              showIcon
              title={t('data.import.totalLines', { count: preview.totalLines.length, lines: preview.totalLines.join(t('common.listSeparator')) })}
            />
          )}

          {preview.duplicatesTotal > 0 && (
            <DuplicateChoices duplicates={preview.duplicates} total={preview.duplicatesTotal} value={duplicates} onChange={setDuplicates} disabled={busy} />
          )}

          <Flex align="center" gap={16}>
            <Button type="primary" size="large" icon={<ImportOutlined />} disabled={!canApply} loading={phase === 'applying'} onClick={() => void apply()}>
              {phase === 'applying' ? t('data.import.applying') : t('data.import.apply', { count: preview.validRows })}
            </Button>
            {preview.problemsTotal > 0 && (
              <Button size="large" icon={<ReloadOutlined />} loading={phase === 'reading'} onClick={() => void read()}>
                {t('data.import.reread')}
              </Button>
            )}
          </Flex>
        </Flex>
      )}
    </Flex>
  );
}
