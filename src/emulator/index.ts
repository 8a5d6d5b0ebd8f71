// What the other layers, tests and scripts use of the emulator; each file's other exports stay inside.
export { startEmulator } from "./server.js";
export type {
  EmulatorOptions,
  RequestLogEntry,
  RequestLogExchange,
  RouteName,
  RunningEmulator,
  SeedTemplate,
} from "./types.js";
