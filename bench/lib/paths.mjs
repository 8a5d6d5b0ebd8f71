import { fileURLToPath } from "node:url";

/** The project root, the built CLI the bench drives and the emulator it drives it against. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const MAIN = `${ROOT}dist/main.js`;
export const EMULATOR = `${ROOT}dist/emulator.js`;
export const DIST = `${ROOT}dist/`;
export const TOKEN = "EAAG-bench-token-not-real";
export const WABA_ID = "102290129340398";
export const PHONE_ID = "106540352242922";
