/**
 * The one household picker (the slip's household, the journal's filter, the cylinder register's forms,
 * complaints): households found as in the customer book (name, pinyin initials, phone). A small book
 * answers from the renderer's copy in the keystroke's own frame; the backend's answer follows and wins.
 */
import { Select } from 'antd';
import { useCallback, useRef, useState, type CSSProperties } from 'react';
import type { CustomerSummary } from '../../../../shared/contract.ts';
import { useAppStore } from '../../store/store.ts';

export interface PickedHousehold {
  id: number;
  name: string;
}

interface HouseholdOption {
  value: number;
  label: string;
  name: string;
}

const SHOWN = 20;

// Two 王芳 are told apart by their phones.
const optionOf = (c: CustomerSummary): HouseholdOption => ({ value: c.id, label: c.phone ? `${c.name} ${c.phone}` : c.name, name: c.name });

const sameOptions = (a: readonly HouseholdOption[], b: readonly HouseholdOption[]) =>
  a.length === b.length && a.every((o, i) => o.value === b[i]!.value && o.label === b[i]!.label);

/**
 * The households a query finds: the copy's answer at once when there is one, then the backend's. An
 * answer to an older query is dropped; one the copy already showed draws nothing again.
 */
function useHouseholdSearch() {
  const findHouseholds = useAppStore((s) => s.findHouseholds);
  const [options, setOptions] = useState<HouseholdOption[]>([]);
  const sequence = useRef(0);
  const search = useCallback(
    (query: string) => {
      const mine = ++sequence.current;
      const { now, answer } = findHouseholds(query, SHOWN);
      if (now) setOptions(now.map(optionOf));
      answer.then(
        (items) => {
          if (mine !== sequence.current) return;
          const next = items.map(optionOf);
          setOptions((shown) => (sameOptions(shown, next) ? shown : next));
        },
        // A search that failed (the backend restarting) leaves what is shown; the next key asks again.
        () => undefined,
      );
    },
    [findHouseholds],
  );
  return { options, search };
}

export function HouseholdPicker({
  value,
  onChange,
  placeholder,
  ariaLabel,
  autoFocus,
  id,
  className,
  style,
}: {
  value?: PickedHousehold | null | undefined;
  onChange?: (household: PickedHousehold | null) => void;
  /** Each place says what an empty picker means there (a walk-in, every household, one to pick). */
  placeholder: string;
  ariaLabel?: string;
  autoFocus?: boolean;
  /** Given by a Form.Item, so its label points at the picker. */
  id?: string;
  className?: string;
  style?: CSSProperties;
}) {
  const { options, search } = useHouseholdSearch();
  // While an input method composes (王 typed as "wang"), nothing is searched; the characters chosen are,
  // once. antd's Select searches every letter and does not say it is composing: the events bubble here,
  // after the Select's own handler (which searches on compositionend too, skipped while this is set).
  const composing = useRef(false);
  // The household picked stays named when a later search no longer finds it.
  const shown = value && !options.some((o) => o.value === value.id) ? [{ value: value.id, label: value.name, name: value.name }, ...options] : options;
  return (
    <span
      className="household-picker"
      onCompositionStart={() => {
        composing.current = true;
      }}
      onCompositionEnd={(event) => {
        composing.current = false;
        search((event.target as HTMLInputElement).value);
      }}
    >
      <Select<number, HouseholdOption>
        id={id}
        showSearch={{
          filterOption: false,
          onSearch: (query) => {
            if (!composing.current) search(query);
          },
        }}
        allowClear
        autoFocus={autoFocus}
        aria-label={ariaLabel}
        placeholder={placeholder}
        className={className}
        style={style}
        value={value?.id ?? null}
        options={shown}
        // Opened before anything is typed: the book's first households, as the customer book lists them.
        onFocus={() => options.length === 0 && search('')}
        onChange={(_, option) => onChange?.(option && !Array.isArray(option) ? { id: option.value, name: option.name } : null)}
      />
    </span>
  );
}
