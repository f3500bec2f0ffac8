import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './api-error.js';

/** What a route handler gets. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** Path parameters by name (`:id`). */
  params: Record<string, string>;
  url: URL;
}

/** A route handler: answers through `res`, or returns a value answered as JSON 200. */
export type Handler = (ctx: RouteContext) => unknown;

interface Route {
  method: string;
  parts: string[];
  handler: Handler;
}

/** A small method + path router (`/api/agents/:id`); unknown paths are 404, known paths with another method 405. */
export class Router {
  private readonly routes: Route[] = [];

  /** Adds a route. */
  on(method: string, path: string, handler: Handler): this {
    this.routes.push({ method, parts: path.split('/').filter(Boolean), handler });
    return this;
  }

  /** Finds the handler of a request, or throws 404/405. */
  match(method: string, pathname: string): { handler: Handler; params: Record<string, string> } {
    const parts = pathname.split('/').filter(Boolean);
    let pathMatched = false;
    for (const r of this.routes) {
      const params = matchParts(r.parts, parts);
      if (!params) continue;
      pathMatched = true;
      if (r.method === method) return { handler: r.handler, params };
    }
    if (pathMatched) throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${pathname}`);
    throw new ApiError(404, 'NOT_FOUND', `no route for ${method} ${pathname}`);
  }
}

function matchParts(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const v = parts[i]!;
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(v);
      } catch {
        return undefined;
      }
    } else if (p !== v) return undefined;
  }
  return params;
}
