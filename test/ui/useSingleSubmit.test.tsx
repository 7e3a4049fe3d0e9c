/** useSingleSubmit: the guard itself (jsdom does not reproduce Enter and a click reaching a dialog in one tick). */
import { act, renderHook } from '@testing-library/react';
import { expect, it } from 'vitest';
import { useSingleSubmit } from '../../renderer/src/components/useSingleSubmit.ts';

it('runs one submission at a time: a second run in the same tick is ignored, a run after it finished goes through', async () => {
  let calls = 0;
  let finish = () => {};
  const submit = () => {
    calls++;
    return new Promise<void>((resolve) => (finish = resolve));
  };
  const { result } = renderHook(() => useSingleSubmit(submit));
  const firstRun = result.current.run;
  act(() => {
    result.current.run();
    result.current.run();
  });
  expect(calls).toBe(1);
  expect(result.current.busy).toBe(true);
  expect(result.current.run).toBe(firstRun); // stable: key listeners may hold it
  await act(async () => finish());
  expect(result.current.busy).toBe(false);
  act(() => result.current.run());
  expect(calls).toBe(2);
});

it('a failed submission (form validation) frees the guard', async () => {
  let calls = 0;
  const { result } = renderHook(() => useSingleSubmit(() => (calls++, Promise.reject(new Error('invalid')))));
  await act(async () => result.current.run());
  await act(async () => result.current.run());
  expect(calls).toBe(2);
});
