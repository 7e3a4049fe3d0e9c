import { en } from '../../renderer/src/i18n/en.ts';
import { zhCN } from '../../renderer/src/i18n/zh-CN.ts';
import { errorCodes } from '../../shared/errors.ts';

/** An error code is a promise to the UI (shared/errors.ts): the shopkeeper reads its sentence, never the code. */
describe('error codes', () => {
  it.each(errorCodes)('%s has a sentence in Chinese and in English', (code) => {
    for (const errors of [zhCN.errors, en.errors] as Record<string, string>[]) expect(errors[code]?.trim()).toBeTruthy();
  });
});
