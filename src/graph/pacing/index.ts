export { pacedDispatch } from "./paced-dispatch.js";
export { Pacer } from "./pacer.js";
export { PauseMeter } from "./pause-meter.js";
export { RateLane } from "./rate-lane.js";
