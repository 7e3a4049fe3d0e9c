/**
 * Translation keys built from data. `t` is typed (i18next.d.ts): it takes `section.${code}` only when
 * every possible code has a text. A code known at compile time (a union from the contract) needs
 * nothing; a code that arrives as a plain string (a stored outcome, an import problem) is narrowed
 * first with one of these, and what this version has no text for is said another way.
 */

/** True when `value` is one of `known`. */
export function isOneOf<T extends string>(known: readonly T[], value: string | null | undefined): value is T {
  return (known as readonly (string | null | undefined)[]).includes(value);
}

/** True when the resource section (of the Chinese resources, which every language matches) has a text under `key`. */
export function hasKey<S extends object>(section: S, key: string): key is Extract<keyof S, string> {
  return Object.hasOwn(section, key);
}
