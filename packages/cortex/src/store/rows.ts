import type { Memory } from '../schemas/common.js';

/** A `memories` row as SQLite returns it. */
export interface MemoryRow {
  seq: number;
  id: string;
  content: string;
  content_hash: string;
  kind: string;
  tags: string;
  importance: number;
  workspace_id: string;
  session_id: string | null;
  agent_id: string | null;
  metadata: string;
  created_at: number;
  updated_at: number;
  accessed_at: number | null;
  access_count: number;
  decayed_at: number | null;
  archived_at: number | null;
  merged_into: string | null;
}

/** ISO 8601 of epoch milliseconds. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The public shape of a row; `absorbed` are the ids it absorbed in consolidation. */
export function toMemory(row: MemoryRow, absorbed: string[]): Memory {
  return {
    id: row.id,
    content: row.content,
    kind: row.kind,
    tags: JSON.parse(row.tags) as string[],
    importance: row.importance,
    workspaceId: row.workspace_id === '' ? null : row.workspace_id,
    sessionId: row.session_id,
    agentId: row.agent_id,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    accessedAt: row.accessed_at === null ? null : iso(row.accessed_at),
    accessCount: row.access_count,
    archived: row.archived_at !== null,
    mergedInto: row.merged_into,
    absorbed,
  };
}
