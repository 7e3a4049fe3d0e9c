/**
 * The type of an English resource file: every key of its Chinese counterpart (so that none is
 * missing), plus English plural forms (`key_one`, `key_other`) where Chinese, which has one form and
 * falls back to the plain key, needs none.
 */
export type EnglishOf<T> = { [K in keyof T]: T[K] extends string ? string : EnglishOf<T[K]> } & {
  [plural: `${string}_one` | `${string}_other`]: string;
};
