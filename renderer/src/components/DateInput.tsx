import { Input } from 'antd';

/** A day picked with the browser's own date field, its label inside (从 / 到 / 日期); '' when cleared. */
export function DateInput({
  label,
  value,
  onChange,
  max,
  width = 180,
}: {
  label: string;
  value: string;
  onChange: (date: string) => void;
  max?: string;
  width?: number;
}) {
  return <Input type="date" aria-label={label} prefix={label} style={{ width }} value={value} max={max} onChange={(e) => onChange(e.target.value)} />;
}
