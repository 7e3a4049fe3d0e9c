import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerSummary } from '../../../../shared/contract.ts';
import { useAppStore } from '../../store/store.ts';

export interface PickedCustomer {
  id: number;
  name: string;
}

/** A household found as in the customer book (name, pinyin initials, phone), for the register's forms. */
export function CustomerPicker({
  value,
  onChange,
  autoFocus,
  id,
}: {
  value?: PickedCustomer | null;
  onChange?: (customer: PickedCustomer | null) => void;
  autoFocus?: boolean;
  id?: string;
}) {
  const { t } = useTranslation();
  const api = useAppStore((s) => s.api);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<CustomerSummary[]>([]);

  useEffect(() => {
    let current = true;
    api['customers.search']({ query, limit: 20 })
      .then((r) => current && setFound(r.items))
      .catch(() => current && setFound([]));
    return () => {
      current = false;
    };
  }, [api, query]);

  const options = found.map((c) => ({ value: c.id, label: c.phone ? `${c.name} ${c.phone}` : c.name, name: c.name }));
  if (value && !options.some((o) => o.value === value.id)) options.unshift({ value: value.id, label: value.name, name: value.name });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      autoFocus={autoFocus}
      allowClear
      placeholder={t('gas.pickCustomer')}
      value={value?.id ?? null}
      options={options}
      onChange={(picked: number | null) => {
        const option = options.find((o) => o.value === picked);
        onChange?.(option ? { id: option.value, name: option.name } : null);
      }}
      className="full-width"
    />
  );
}
