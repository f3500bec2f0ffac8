import { lstatSync, realpathSync, type Stats } from 'node:fs';
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

// lstat without exceptions: a part that is missing, under a file (ENOTDIR), too long (ENAMETOOLONG), looping or
// unreadable is taken as not there; the path is then judged as written, which is inside when its words are.
function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
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
    if (lstatOrUndefined(head) !== undefined) {
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

/** The real path of a workspace directory (symlinks on the way followed; a part that does not exist taken as written). */
export function realWorkspace(workspace: string): string {
  return realpathOfPrefix(resolve(workspace));
}

// The real path of `path`, a lexical descendant of `root` whose real path is `realRoot`: one lstat per part walks
// down from the root; a missing part ends the walk (the rest cannot point anywhere), a symlink hands over to the
// full resolution. For the usual scope entry (one or two plain parts) this is one or two lstats and no realpath.
function realpathBelow(root: string, realRoot: string, path: string): string {
  const rel = relative(root, path);
  if (rel === '') return realRoot;
  let at = root;
  for (const part of rel.split(sep)) {
    at = `${at}${at.endsWith(sep) ? '' : sep}${part}`;
    const stat = lstatOrUndefined(at);
    if (stat === undefined) break;
    if (stat.isSymbolicLink()) return realpathOfPrefix(path);
  }
  return resolve(realRoot, rel);
}

/**
 * Checks that every scope entry stays inside `workspace` (an agent's working directory): resolved against it,
 * `..` and absolute paths are followed, and so is every symlink on the way (real paths). Entries like `src/auth`,
 * `workspace:x` or `the auth module` resolve inside and pass; `~` forms (a home directory) and NUL bytes never do.
 * Returns the first escape, or `undefined` when every entry stays inside.
 *
 * `realWorkspacePath` is the workspace's real path when the caller already knows it (the executor resolves it once per
 * agent process: its working directory does not move while it runs); resolved here otherwise.
 */
export function findScopeEscape(
  scope: readonly string[],
  workspace: string,
  realWorkspacePath?: string,
): ScopeEscape | undefined {
  const lexicalRoot = resolve(workspace);
  const root = realWorkspacePath ?? realpathOfPrefix(lexicalRoot);
  for (const [index, entry] of scope.entries()) {
    if (entry.includes('\0')) return { index, entry, resolved: entry, reason: 'it contains a NUL byte' };
    if (/^~[^/]*(\/|$)/.test(entry)) {
      return { index, entry, resolved: entry, reason: 'it names a home directory' };
    }
    const lexical = resolve(lexicalRoot, entry);
    if (!inside(lexicalRoot, lexical)) {
      return { index, entry, resolved: lexical, reason: `it resolves to ${lexical}` };
    }
    const real = realpathBelow(lexicalRoot, root, lexical);
    if (!inside(root, real)) {
      return { index, entry, resolved: real, reason: `a symlink leads it to ${real}` };
    }
  }
  return undefined;
}
