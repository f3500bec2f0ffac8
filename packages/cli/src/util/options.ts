import { InvalidArgumentError } from 'commander';

/** A copy of `obj` without its `undefined` fields. */
export function definedOnly<T extends Record<string, unknown>>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A commander parser for an integer option, naming the option on bad input. */
export function parseIntOption(flag: string): (value: string) => number {
  return (value) => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`${flag} expects an integer, got "${value}"`);
    return Number(value);
  };
}

/** A commander parser for a number option, naming the option on bad input. */
export function parseNumberOption(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n))
      throw new InvalidArgumentError(`${flag} expects a number, got "${value}"`);
    return n;
  };
}
