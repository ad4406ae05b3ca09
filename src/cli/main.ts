#!/usr/bin/env node
import { processIo } from './cli-io';
import { runCli } from './run';

// exitCode rather than process.exit(): stdout is flushed before the process ends.
void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
