import { z } from 'zod';

/** A non-empty identifier string (agent id, task id, topic, subscription id). */
export const IdSchema = z.string().min(1);

/** Milliseconds since the Unix epoch. */
export const TimestampSchema = z.number().int().nonnegative();

/** An object with string keys and any values (free-form config, tool arguments, JSON Schema). */
export const RecordSchema = z.record(z.string(), z.unknown());

/** Params of methods that take none: `{}` (omitted params are treated as `{}`). */
export const EmptyParamsSchema = z.object({});
/** Params of methods that take none. */
export type EmptyParams = z.infer<typeof EmptyParamsSchema>;

/** Result of methods that return nothing: `{}`. */
export const EmptyResultSchema = z.object({});
/** Result of methods that return nothing. */
export type EmptyResult = z.infer<typeof EmptyResultSchema>;
