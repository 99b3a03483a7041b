#!/usr/bin/env node
/**
 * `sealog`: one program, one subcommand per job. Each subcommand lives in its
 * own module and registers itself here. Exit codes: 0 success, 1 integrity
 * violation (verify), 2 usage error or unreadable input/config.
 */
import { Command } from 'commander';
export declare function buildProgram(): Command;
