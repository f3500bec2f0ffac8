import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/** One source file in a task's scope. */
export interface ScopeFile {
  /** Path relative to the root, with `/` separators. */
  path: string;
  /** Absolute path. */
  absolutePath: string;
  /** File contents (UTF-8). */
  text: string;
}

/** Options of {@link collectFiles}. */
export interface CollectOptions {
  /** File name endings to read. Default: TypeScript, JavaScript and Python sources. */
  extensions?: readonly string[];
  /** Largest file read, bytes; larger files are skipped. Default 512 KiB. */
  maxFileBytes?: number;
  /** Most files read. Default 500. */
  maxFiles?: number;
}

const DEFAULT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.py'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', '.turbo', 'coverage']);

function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Reads the source files a scope names: each path (relative to `root`) is a file or a folder walked
 * recursively (skipping node_modules, dist, .git); entries like `workspace:x` or URLs are topics, not files, and
 * are skipped. Sorted by path so every run sees the same order.
 * A path that does not exist, or that leaves `root` (`..`, an absolute path elsewhere, a symlink pointing out: real
 * paths are compared), throws an error naming it; nothing outside `root` is read.
 */
export async function collectFiles(
  scope: readonly string[],
  root: string,
  options: CollectOptions = {},
): Promise<ScopeFile[]> {
  const extensions = options.extensions ?? DEFAULT_EXTENSIONS;
  const maxBytes = options.maxFileBytes ?? 512 * 1024;
  const maxFiles = options.maxFiles ?? 500;
  const found = new Map<string, string>();

  async function visit(absolute: string, realRoot: string): Promise<void> {
    if (found.size >= maxFiles) return;
    // A symlink met while walking a folder is followed only where it stays inside the root.
    if (!within(realRoot, await realpath(absolute))) return;
    const info = await stat(absolute);
    if (info.isDirectory()) {
      const entries = (await readdir(absolute, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        if (entry.isDirectory() && (SKIPPED_DIRS.has(entry.name) || entry.name.startsWith('.'))) continue;
        await visit(join(absolute, entry.name), realRoot);
      }
    } else if (info.isFile() && info.size <= maxBytes && extensions.some((ext) => absolute.endsWith(ext))) {
      found.set(absolute, await readFile(absolute, 'utf8'));
    }
  }

  const realRoot = await realpath(root);
  for (const entry of scope) {
    // `workspace:x`, `topic:y`, URLs: not files (a one-letter scheme is a Windows drive).
    if (/^[A-Za-z][\w+.-]+:/.test(entry)) continue;
    const absolute = isAbsolute(entry) ? entry : resolve(root, entry);
    let real: string;
    try {
      real = await realpath(absolute);
    } catch (error) {
      throw new Error(`scope path "${entry}" cannot be read (resolved to ${absolute})`, { cause: error });
    }
    if (!within(realRoot, real)) {
      throw new Error(`scope path "${entry}" leaves the task's root ${root} (it leads to ${real}); it is not read`);
    }
    try {
      await visit(absolute, realRoot);
    } catch (error) {
      throw new Error(`scope path "${entry}" cannot be read (resolved to ${absolute})`, { cause: error });
    }
  }
  return [...found.entries()]
    .map(([absolutePath, text]) => ({ absolutePath, text, path: relative(root, absolutePath).split(sep).join('/') }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Throws when a scope yielded no source file, naming what the scope held and where it was resolved: an agent that
 * reviewed or planned nothing must say so rather than report "no findings".
 */
export function requireFiles(files: readonly ScopeFile[], scope: readonly string[], root: string, verb: string): void {
  if (files.length > 0) return;
  const paths = scope.filter((entry) => !/^[A-Za-z][\w+.-]+:/.test(entry));
  const what =
    paths.length === 0
      ? `the scope names no file or folder (only ${scope.join(', ')})`
      : `no source file (${DEFAULT_EXTENSIONS.join(' ')}) in ${paths.join(', ')} under ${root}`;
  throw Object.assign(new Error(`nothing to ${verb}: ${what}`), { code: 'EMPTY_SCOPE' });
}
