import { DELEGATION_TEMPLATES } from '@axon/executor';

/** One worker's part of a strategy. */
export interface StrategyFacet {
  /** Short name, e.g. `correctness`. */
  name: string;
  /** The objective given to the worker; `{query}` is replaced by the user's query. */
  objective: string;
  /** Capabilities the worker must have. */
  capabilities: string[];
}

/** A built-in way of splitting a kind of query into delegations. */
export interface Strategy {
  /** Name, e.g. `code-review`. */
  name: string;
  /** What it is for. */
  description: string;
  /** Words that point to this strategy (case-insensitive). */
  keywords: RegExp;
  /** Priority 1–10 of its delegations. */
  priority: number;
  /** Tool-call budget per delegation. */
  maxToolCalls: number;
  /** Deadline per delegation, ms. */
  timeoutMs: number;
  /** Sections each worker's output must contain. */
  requiredSections: string[];
  /** Facets in order of importance; a plan takes as many as the complexity suggests. */
  facets: StrategyFacet[];
}

/** The built-in strategy library; code review, bug investigation and research take the executor's template numbers. */
export const BUILTIN_STRATEGIES: readonly Strategy[] = [
  {
    name: 'bug-investigation',
    description: 'Find the root cause of a failure and propose a fix.',
    keywords:
      /\b(bug|crash\w*|error|exception|fail\w*|broken|regression|stack ?trace|hang\w*|leak\w*|flaky|wrong|incorrect|debug\w*)\b/gi,
    ...DELEGATION_TEMPLATES.bugInvestigation,
    requiredSections: [...DELEGATION_TEMPLATES.bugInvestigation.requiredSections],
    facets: [
      { name: 'root-cause', objective: 'Reproduce and find the root cause of: {query}', capabilities: ['Debugging'] },
      {
        name: 'history',
        objective: 'Search prior incidents, findings and changes related to: {query}',
        capabilities: ['Research'],
      },
      { name: 'fix', objective: 'Propose a fix and a regression test for: {query}', capabilities: ['CodeGeneration'] },
      {
        name: 'impact',
        objective: 'Assess what else is affected by the defect behind: {query}',
        capabilities: ['CodeReview'],
      },
    ],
  },
  {
    name: 'code-review',
    description: 'Review code for defects, risks and maintainability.',
    keywords:
      /\b(review\w*|audit\w*|inspect\w*|code quality|smell\w*|lint\w*|pull request|PR|diff|vulnerab\w*|security)\b/gi,
    ...DELEGATION_TEMPLATES.codeReview,
    requiredSections: [...DELEGATION_TEMPLATES.codeReview.requiredSections],
    facets: [
      {
        name: 'correctness',
        objective: 'Review for correctness and error handling: {query}',
        capabilities: ['CodeReview'],
      },
      { name: 'security', objective: 'Review for security and resource risks: {query}', capabilities: ['CodeReview'] },
      {
        name: 'design',
        objective: 'Review design, readability and maintainability: {query}',
        capabilities: ['CodeReview'],
      },
      { name: 'tests', objective: 'Review test coverage and missing tests: {query}', capabilities: ['Testing'] },
    ],
  },
  {
    name: 'implementation',
    description: 'Plan and produce a change.',
    keywords: /\b(implement\w*|add|build|create|write|feature|refactor\w*|migrat\w*|change|support)\b/gi,
    priority: 8,
    maxToolCalls: 20,
    timeoutMs: 120_000,
    requiredSections: ['Plan', 'Changes'],
    facets: [
      { name: 'change', objective: 'Produce a concrete change plan for: {query}', capabilities: ['Planning'] },
      {
        name: 'tests',
        objective: 'Write the tests that the change for this needs: {query}',
        capabilities: ['Testing'],
      },
      { name: 'review', objective: 'Review the risks of the change for: {query}', capabilities: ['CodeReview'] },
    ],
  },
  {
    name: 'testing',
    description: 'Run and assess tests.',
    keywords: /\b(tests?|testing|coverage|spec|assert\w*|ci)\b/gi,
    priority: 6,
    maxToolCalls: 25,
    timeoutMs: 150_000,
    requiredSections: ['Results'],
    facets: [
      { name: 'run', objective: 'Run the tests and report the results for: {query}', capabilities: ['Testing'] },
      { name: 'gaps', objective: 'Find untested behaviour for: {query}', capabilities: ['CodeReview'] },
    ],
  },
  {
    name: 'research',
    description: 'Gather and summarise knowledge (the fallback strategy).',
    keywords:
      /\b(what|why|how|explain\w*|research\w*|compare\w*|find|overview|summar\w*|learn|understand|document\w*)\b/gi,
    ...DELEGATION_TEMPLATES.research,
    requiredSections: [...DELEGATION_TEMPLATES.research.requiredSections],
    facets: [
      { name: 'survey', objective: 'Research and summarise: {query}', capabilities: ['Research'] },
      {
        name: 'prior-knowledge',
        objective: 'Search stored knowledge and past episodes about: {query}',
        capabilities: ['Research'],
      },
      {
        name: 'alternatives',
        objective: 'Compare alternatives and trade-offs for: {query}',
        capabilities: ['Research'],
      },
    ],
  },
];
