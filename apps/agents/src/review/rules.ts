import type { Finding, Severity } from './finding.js';
import { findFunctions } from './functions.js';

/** Options every rule sees. */
export interface RuleOptions {
  /** Body lines after which a function is reported as long. Default 30. */
  maxFunctionLines: number;
}

/** A review rule: looks at one file's lines, returns findings without the file name. */
export interface Rule {
  /** Stable id, e.g. `'eval'`. */
  id: string;
  /** Severity of every finding of this rule. */
  severity: Severity;
  /** What the rule looks for, in words. */
  description: string;
  /** Returns the rule's hits in one file's lines (1-based line numbers). */
  check(lines: readonly string[], options: RuleOptions): Array<Omit<Finding, 'file' | 'rule' | 'severity'>>;
}

const mask = (line: string): string =>
  line.trim().replace(/(['"`])[^'"`]{4}([^'"`]*)\1/g, (_m, q: string) => `${q}****${q}`);

function lineRule(
  id: string,
  severity: Severity,
  description: string,
  pattern: RegExp,
  message: string | ((line: string) => string),
  masked = false,
): Rule {
  return {
    id,
    severity,
    description,
    check: (lines) =>
      lines.flatMap((text, i) =>
        pattern.test(text)
          ? [
              {
                line: i + 1,
                message: typeof message === 'string' ? message : message(text),
                excerpt: masked ? mask(text) : text.trim(),
              },
            ]
          : [],
      ),
  };
}

// `new Function('s', 'return import(s)')` keeps a real `import()` out of reach of a CJS compiler: it runs no
// data, so it is not an eval to replace.
const IMPORT_SHIM =
  /\bnew\s+Function\s*\(\s*(['"`])\w+\1\s*,\s*(['"`])\s*return\s+import\s*\(\s*\w+\s*\)\s*;?\s*\2\s*\)/;
// An eval argument that is data being decoded (JSON text, a payload, a decoded token), not code.
const DATA_ARG = /(json|payload|data|body|text|raw|claims|atob\(|Buffer\.from|['"`]\(['"`]\s*\+)/i;

function evalHits(text: string, line: number): Array<Omit<Finding, 'file' | 'rule' | 'severity'>> {
  const code = text.replace(/\/\/.*$/, '');
  const excerpt = text.trim();
  const evalCall = /\beval\s*\((.*)\)/.exec(code);
  if (evalCall) {
    const arg = (evalCall[1] ?? '').trim();
    return [
      {
        line,
        excerpt,
        message: DATA_ARG.test(arg)
          ? `eval(${arg}) decodes data by running it as code: parse it with JSON.parse instead.`
          : `eval(${arg}) runs code built at run time: call the code directly instead.`,
      },
    ];
  }
  if (/\bnew\s+Function\s*\(/.test(code) && !IMPORT_SHIM.test(code)) {
    return [
      {
        line,
        excerpt,
        message: 'new Function compiles code from a string at run time: write the function in the source.',
      },
    ];
  }
  return [];
}

const GUARD = (p: string): RegExp =>
  new RegExp(
    `(if\\s*\\(.*\\b${p}\\b|typeof\\s+${p}\\b|\\b(validate|assert|check|parse)\\w*\\(.*\\b${p}\\b|\\b${p}\\b\\s*(===|!==|==|!=|<|>)|schema\\.parse)`,
  );
const UNTRUSTED = /^(user(name)?|pass(word)?|email|input|token|id|userId|name|query|body|payload|data)$/i;

/** The reviewer's rules, in the order they run. */
export const RULES: readonly Rule[] = [
  lineRule(
    'hardcoded-secret',
    'high',
    'A secret (key, password, token) written into the source.',
    /\b\w*(secret|passw(or)?d|api[_-]?key|private[_-]?key|access[_-]?key|token)\w*\s*[:=]\s*['"`][^'"`\s]{8,}['"`]/i,
    'Hard-coded secret: load it from the environment or a secret store.',
    true,
  ),
  {
    id: 'eval',
    severity: 'high',
    description: 'Code compiled from strings at run time (`eval`, `new Function`), except the dynamic-import shim.',
    check: (lines) => lines.flatMap((text, i) => evalHits(text, i + 1)),
  },
  lineRule(
    'token-logging',
    'medium',
    'A token, password or secret written to the log.',
    /console\.(log|info|debug|warn|error)\(.*\b(token|secret|password|apiKey)\b/i,
    'Logs a credential: remove it or log a redacted form.',
  ),
  lineRule(
    'weak-hash',
    'medium',
    'MD5 or SHA-1 used for hashing.',
    /createHash\(\s*['"](md5|sha1)['"]\s*\)/i,
    (text) => {
      const algorithm = /['"](md5|sha1)['"]/i.exec(text)?.[1]?.toUpperCase() ?? 'MD5';
      return /pass|secret|credential|token|pin\b/i.test(text)
        ? `${algorithm} hashes a credential: use scrypt, argon2 or bcrypt with a per-user salt.`
        : `${algorithm} is broken for security uses: use SHA-256 where integrity or authenticity matters.`;
    },
  ),
  lineRule(
    'todo',
    'low',
    'An open TODO/FIXME/XXX/HACK note.',
    /(\/\/|\/\*|#|\*)\s*.*\b(TODO|FIXME|XXX|HACK)\b/,
    'Open TODO/FIXME note: resolve it or track it in an issue.',
  ),
  {
    id: 'missing-input-validation',
    severity: 'medium',
    description: 'An exported function takes untrusted input (user, password, token, …) without checking it.',
    check: (lines) =>
      findFunctions(lines)
        .filter((f) => f.exported)
        .flatMap((f) => {
          const unchecked = f.params.filter((p) => UNTRUSTED.test(p) && !f.body.some((l) => GUARD(p).test(l)));
          return unchecked.length === 0
            ? []
            : [
                {
                  line: f.startLine,
                  message: `${f.name}() uses ${unchecked.join(', ')} without validating ${unchecked.length > 1 ? 'them' : 'it'}.`,
                  excerpt: (lines[f.startLine - 1] ?? '').trim(),
                },
              ];
        }),
  },
  {
    id: 'long-function',
    severity: 'low',
    description: 'A function longer than the limit (default 30 body lines).',
    check: (lines, options) =>
      findFunctions(lines)
        .filter((f) => f.body.length > options.maxFunctionLines)
        .map((f) => ({
          line: f.startLine,
          message: `${f.name}() is ${f.body.length} lines long (limit ${options.maxFunctionLines}): split it.`,
          excerpt: (lines[f.startLine - 1] ?? '').trim(),
        })),
  },
];
