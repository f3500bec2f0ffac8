import type { DurationInput } from '@axon/agent';
import { parseDelegation } from './parse.js';
import type { TaskDelegation, TaskDelegationInput } from './schema.js';

interface Draft {
  taskId?: string;
  objective?: string;
  formatType?: string;
  requiredSections: string[];
  optionalSections: string[];
  schema?: Record<string, unknown>;
  allowedTools: string[];
  scope: string[];
  constraints: string[];
  maxToolCalls?: number;
  timeout?: DurationInput;
  priority?: number;
  requiredCapabilities: string[];
  context: Record<string, unknown>;
}

/**
 * Fluent construction of a {@link TaskDelegation}; `build()` validates.
 *
 * @example
 * const task = TaskDelegation.builder().objective('Review auth').addScope('src/auth').maxToolCalls(20).timeout('120s').build();
 */
export class TaskDelegationBuilder {
  readonly #d: Draft = {
    requiredSections: [],
    optionalSections: [],
    allowedTools: [],
    scope: [],
    constraints: [],
    requiredCapabilities: [],
    context: {},
  };

  /** Sets the task id (default: a generated UUID). */
  taskId(id: string): this {
    this.#d.taskId = id;
    return this;
  }
  /** Sets what the agent must achieve (required). */
  objective(text: string): this {
    this.#d.objective = text;
    return this;
  }
  /** Sets the output kind, e.g. `markdown` or `json` (default `markdown`), and optionally a JSON Schema. */
  outputFormat(formatType: string, schema?: Record<string, unknown>): this {
    this.#d.formatType = formatType;
    if (schema !== undefined) this.#d.schema = schema;
    return this;
  }
  /** Adds sections the output must contain. */
  requireSection(...names: string[]): this {
    this.#d.requiredSections.push(...names);
    return this;
  }
  /** Adds sections the output may contain. */
  optionalSection(...names: string[]): this {
    this.#d.optionalSections.push(...names);
    return this;
  }
  /** Adds tools to the allowlist (none added = every tool the runtime's policy allows). */
  allowTool(...names: string[]): this {
    this.#d.allowedTools.push(...names);
    return this;
  }
  /** Adds items to the scope (at least one is required). */
  addScope(...items: string[]): this {
    this.#d.scope.push(...items);
    return this;
  }
  /** Adds constraints the agent must keep. */
  addConstraint(...rules: string[]): this {
    this.#d.constraints.push(...rules);
    return this;
  }
  /** Sets the tool-call budget (> 0; default 50). */
  maxToolCalls(n: number): this {
    this.#d.maxToolCalls = n;
    return this;
  }
  /** Sets the deadline: ms, or `"120s"`-style text (default 300 s). */
  timeout(duration: DurationInput): this {
    this.#d.timeout = duration;
    return this;
  }
  /** Sets the priority, 1 (lowest) to 10 (highest) (default 5). */
  priority(p: number): this {
    this.#d.priority = p;
    return this;
  }
  /** Adds capabilities the agent must have. */
  requireCapability(...caps: string[]): this {
    this.#d.requiredCapabilities.push(...caps);
    return this;
  }
  /** Merges entries into the context handed to the agent. */
  context(entries: Record<string, unknown>): this {
    Object.assign(this.#d.context, entries);
    return this;
  }

  /** The delegation as plain input, unvalidated. */
  toInput(): TaskDelegationInput {
    const d = this.#d;
    return {
      ...(d.taskId !== undefined && { taskId: d.taskId }),
      objective: d.objective as string,
      outputFormat: {
        ...(d.formatType !== undefined && { formatType: d.formatType }),
        requiredSections: [...d.requiredSections],
        optionalSections: [...d.optionalSections],
        ...(d.schema !== undefined && { schema: d.schema }),
      },
      allowedTools: [...d.allowedTools],
      boundaries: {
        scope: [...d.scope],
        constraints: [...d.constraints],
        ...(d.maxToolCalls !== undefined && { maxToolCalls: d.maxToolCalls }),
        ...(d.timeout !== undefined && { timeout: d.timeout }),
      },
      ...(d.priority !== undefined && { priority: d.priority }),
      requiredCapabilities: [...d.requiredCapabilities],
      context: { ...d.context },
    };
  }

  /**
   * Validates and returns the delegation.
   * @throws ExecutorError `INVALID_DELEGATION` with `data.path` naming the bad field.
   */
  build(): TaskDelegation {
    return parseDelegation(this.toInput());
  }
}
