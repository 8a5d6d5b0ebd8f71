import { z } from "zod";

/**
 * discover's zod setting, applied by importing this module. By default zod compiles a parser for
 * each object schema (with `new Function`) the first time it parses one: worth it for `write`,
 * which parses records thousands of times, not for a command that parses one config, where the
 * compiling costs more than it saves (~3 ms of each discover on Node 20, measured). zod reads the
 * setting when a schema is built, so it must run before the config schema is: discover.ts imports
 * this module first, and the bundle keeps ES module order.
 */
z.config({ jitless: true });
