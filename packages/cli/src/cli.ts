#!/usr/bin/env node
// The `axon` executable.
import { runCli } from './program.js';

// A reader that stops early (`axon config schema | head -1`) closes the pipe: what is left to print is dropped,
// and the command still finishes its work and cleans up (no EPIPE crash).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
