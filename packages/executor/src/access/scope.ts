import { lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** A scope entry that leaves the workspace: its index, the entry, and where it leads. */
export interface ScopeEscape {
  /** Index in `boundaries.scope`. */
  index: number;
  /** The entry as given. */
  entry: string;
  /** Where it resolves (symlinks followed as far as the path exists). */
  resolved: string;
  /** Why it is outside. */
  reason: string;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

// The real path of the longest existing prefix of `path`, with the rest appended: a symlink anywhere on the way
// is followed, a part that does not exist yet is taken as written (it cannot point anywhere).
function realpathOfPrefix(path: string): string {
  let head = path;
  let tail = '';
  for (;;) {
    // A missing part is skipped without an exception (lstat, which also sees a dangling symlink); realpath throws
    // only for what lstat found but cannot be resolved (a dangling or looping link).
    if (lstatSync(head, { throwIfNoEntry: false }) !== undefined) {
      try {
        return resolve(realpathSync.native(head), tail);
      } catch {
        /* a dangling link: taken as written, like a missing part */
      }
    }
    const parent = dirname(head);
    if (parent === head) return path;
    tail = tail === '' ? head.slice(parent.length + 1) : `${head.slice(parent.length + 1)}${sep}${tail}`;
    head = parent;
  }
}

/**
 * Checks that every scope entry stays inside `workspace` (an agent's working directory): resolved against it,
 * `..` and absolute paths are followed, and so is every symlink on the way (real paths). Entries like `src/auth`,
 * `workspace:x` or `the auth module` resolve inside and pass; `~` forms (a home directory) and NUL bytes never do.
 * Returns the first escape, or `undefined` when every entry stays inside.
 */
export function findScopeEscape(scope: readonly string[], workspace: string): ScopeEscape | undefined {
  const root = realpathOfPrefix(resolve(workspace));
  for (const [index, entry] of scope.entries()) {
    if (entry.includes('\0')) return { index, entry, resolved: entry, reason: 'it contains a NUL byte' };
    if (/^~[^/]*(\/|$)/.test(entry)) {
      return { index, entry, resolved: entry, reason: 'it names a home directory' };
    }
    const lexical = resolve(workspace, entry);
    if (!inside(resolve(workspace), lexical)) {
      return { index, entry, resolved: lexical, reason: `it resolves to ${lexical}` };
    }
    const real = realpathOfPrefix(lexical);
    if (!inside(root, real)) {
      return { index, entry, resolved: real, reason: `a symlink leads it to ${real}` };
    }
  }
  return undefined;
}
