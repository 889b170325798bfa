#!/usr/bin/env node
import { main } from './lib/cli.js';
import { processIo } from './lib/io.js';

process.exitCode = await main(process.argv.slice(2), processIo());
