export * from "./clock.js";
export * from "./pacer.js";
export * from "./pause-meter.js";
export * from "./rate-lane.js";
