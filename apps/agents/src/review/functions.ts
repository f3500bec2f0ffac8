/** A function found in a source file. */
export interface FunctionInfo {
  /** Function name. */
  name: string;
  /** Parameter names, in order. */
  params: string[];
  /** Whether it is exported. */
  exported: boolean;
  /** 1-based line of the declaration. */
  startLine: number;
  /** 1-based line of the closing brace. */
  endLine: number;
  /** Body lines (between the braces). */
  body: string[];
}

const DECLARATION =
  /^\s*(export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\(([^)]*)\)|^\s*(export\s+)?(?:const|let)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s+)?\(([^)]*)\)\s*(?::[^=]+)?=>\s*\{/;

// Strings and comments are blanked before counting braces, so that `'{'` does not open a block.
function codeOnly(line: string): string {
  return line.replace(/\/\/.*$/, '').replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:\\.|[^`\\])*`/g, '""');
}

function paramNames(list: string): string[] {
  return list
    .split(',')
    .map(
      (p) =>
        p
          .trim()
          .replace(/^\.\.\./, '')
          .split(/[?:=\s]/)[0] ?? '',
    )
    .filter((p) => /^[A-Za-z_$][\w$]*$/.test(p));
}

/** Finds function declarations and `const f = (…) => {` functions with their extent (brace counting). */
export function findFunctions(lines: readonly string[]): FunctionInfo[] {
  const found: FunctionInfo[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const m = DECLARATION.exec(lines[i] ?? '');
    if (!m) continue;
    const name = m[2] ?? m[5] ?? '';
    const params = paramNames(m[3] ?? m[6] ?? '');
    let depth = 0;
    let opened = false;
    let end = i;
    for (let j = i; j < lines.length; j += 1) {
      for (const ch of codeOnly(lines[j] ?? '')) {
        if (ch === '{') {
          depth += 1;
          opened = true;
        } else if (ch === '}') depth -= 1;
      }
      end = j;
      if (opened && depth <= 0) break;
      if (!opened && /;\s*$/.test(lines[j] ?? '')) break; // an overload signature without a body
    }
    if (!opened) continue;
    found.push({
      name,
      params,
      exported: Boolean(m[1] ?? m[4]),
      startLine: i + 1,
      endLine: end + 1,
      body: lines.slice(i + 1, end),
    });
  }
  return found;
}
