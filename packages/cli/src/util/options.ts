import { InvalidArgumentError } from 'commander';

/** A copy of `obj` without its `undefined` fields. */
export function definedOnly<T extends Record<string, unknown>>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The range an option's value must fall in (inclusive). */
export interface OptionRange {
  min: number;
  max: number;
}

const inRange = (flag: string, value: string, n: number, range: OptionRange | undefined, kind: string): number => {
  if (range && (n < range.min || n > range.max))
    throw new InvalidArgumentError(`${flag} must be ${kind} from ${range.min} to ${range.max}, got "${value}"`);
  return n;
};

/**
 * A commander parser for an integer option, naming the option and the allowed range on bad input (commander
 * turns the error into a usage error: exit code 2, before the command does anything).
 */
export function parseIntOption(flag: string, range?: OptionRange): (value: string) => number {
  return (value) => {
    if (!/^-?\d+$/.test(value.trim()))
      throw new InvalidArgumentError(
        `${flag} expects an integer${range ? ` from ${range.min} to ${range.max}` : ''}, got "${value}"`,
      );
    return inRange(flag, value, Number(value), range, 'an integer');
  };
}

/** A commander parser for a number option, naming the option and the allowed range on bad input. */
export function parseNumberOption(flag: string, range?: OptionRange): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n))
      throw new InvalidArgumentError(
        `${flag} expects a number${range ? ` from ${range.min} to ${range.max}` : ''}, got "${value}"`,
      );
    return inRange(flag, value, n, range, 'a number');
  };
}
