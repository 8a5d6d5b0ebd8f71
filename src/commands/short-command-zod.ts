import { z } from "zod";

/**
 * zod settings for `discover` and `check`. By default zod compiles a parser for each object schema
 * (with `new Function`) the first time it parses one: worth it for `write`, which parses a record
 * schema thousands of times, not for a command that parses one config and a few answers, where
 * the compiling costs more than it saves (~3 ms of each discover on Node 20, measured).
 */
export function parseWithoutJit(): void {
  z.config({ jitless: true });
}
