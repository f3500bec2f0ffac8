import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { CliError } from '../errors/cli-error.js';
import { WorkflowSchema, type Workflow } from './schema.js';

/** A workflow read from a file, with where it came from. */
export interface LoadedWorkflow {
  workflow: Workflow;
  /** Absolute path of the file. */
  file: string;
  /** The file's folder: relative paths in the workflow are relative to it. */
  baseDir: string;
  /** The workflow's name (its `name`, else the file name). */
  name: string;
}

/** `tasks[1].timeout` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

// The line of the deepest node of the path that exists in the document (the field, else its parent).
function lineOf(doc: Document, counter: LineCounter, path: ReadonlyArray<PropertyKey>): number | undefined {
  for (let n = path.length; n >= 0; n -= 1) {
    const keys = path.slice(0, n) as Array<string | number>;
    const parent = n === 0 ? doc.contents : doc.getIn(keys.slice(0, -1), true);
    const last = keys[keys.length - 1];
    if (n > 0 && isMap(parent)) {
      const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === last);
      const range = (pair?.key as { range?: [number, number, number] } | null)?.range;
      if (range) return counter.linePos(range[0]).line;
    }
    if (n > 0 && isSeq(parent) && typeof last === 'number') {
      const range = (parent.items[last] as { range?: [number, number, number] } | undefined)?.range;
      if (range) return counter.linePos(range[0]).line;
    }
    if (n === 0) {
      const range = (doc.contents as { range?: [number, number, number] } | null)?.range;
      return range ? counter.linePos(range[0]).line : 1;
    }
  }
  return undefined;
}

/**
 * Reads and validates a workflow file (YAML or JSON; JSON is read by the YAML parser so that errors carry lines).
 * Throws `FILE_NOT_FOUND`, or `INVALID_WORKFLOW` naming `file:line`, the field path and what was expected.
 */
export function loadWorkflow(path: string): LoadedWorkflow {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError('FILE_NOT_FOUND', `cannot read workflow file ${path}: ${(error as Error).message}`, {
      hint: 'give the path of a .yaml or .json workflow, e.g. examples/workflow.yaml',
      cause: error,
    });
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = syntax.linePos?.[0].line ?? 1;
    throw new CliError('INVALID_WORKFLOW', `${path}:${line}: ${syntax.message.split('\n')[0]}`, {
      hint: 'fix the YAML/JSON syntax at that line',
      data: { file, line },
    });
  }
  const parsed = WorkflowSchema.safeParse(doc.toJS());
  if (!parsed.success) throw invalid(path, file, doc, counter, parsed.error);
  const workflow = parsed.data;
  return { workflow, file, baseDir: dirname(file), name: workflow.name ?? basename(file) };
}

function invalid(path: string, file: string, doc: Document, counter: LineCounter, error: z.ZodError): CliError {
  const issues = error.issues.map((i) => ({
    field: formatPath(i.path),
    message: i.message,
    line: lineOf(doc, counter, i.path),
  }));
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
  return new CliError(
    'INVALID_WORKFLOW',
    `${path}:${first.line ?? 1}: ${first.field || '(root)'}: ${first.message}${more}`,
    {
      hint: 'see docs/cli.md#workflow-files for the fields of a workflow',
      data: { file, issues },
    },
  );
}
