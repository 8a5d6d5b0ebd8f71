// Runs the built CLI's `write` as a child process, with the image's node options and a file piped
// to its real stdin, as Airbyte does, and watches it from outside: wall time, peak memory and CPU
// from /proc.
import { spawn } from "node:child_process";
import { createReadStream, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { IMAGE_NODE_ARGS, IMAGE_NODE_ENV } from "./image-runtime.mjs";
import { MAIN } from "./paths.mjs";

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** VmRSS and VmHWM (kB → bytes) and user+sys CPU seconds of a live pid, or undefined once gone. */
function sample(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "latin1");
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
    // Fields after the ")" of comm: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const cpu = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    return { rss: kb("VmRSS"), hwm: kb("VmHWM"), cpu };
  } catch {
    return undefined;
  }
}

/**
 * Resolves with {code, seconds, peakRss, peakHwm, cpuSeconds, states, traces, summary, logs, stderr}.
 * peakRss is the largest VmRSS seen by polling every `pollMs`; peakHwm the kernel's own
 * high-water mark as of the last poll (misses only growth in the final < pollMs).
 */
export function runWrite({ configPath, catalogPath, inputPath, nodeArgs = [], pollMs = 50, env }) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [...IMAGE_NODE_ARGS, ...nodeArgs, MAIN, "write", "--config", configPath, "--catalog", catalogPath],
      { stdio: ["pipe", "pipe", "pipe"], env: { ...(env ?? process.env), ...IMAGE_NODE_ENV } },
    );
    let peakRss = 0;
    let peakHwm = 0;
    let cpuSeconds = 0;
    const poll = () => {
      const s = sample(child.pid);
      if (s === undefined) return;
      peakRss = Math.max(peakRss, s.rss);
      peakHwm = Math.max(peakHwm, s.hwm);
      cpuSeconds = Math.max(cpuSeconds, s.cpu);
    };
    const timer = setInterval(poll, pollMs);
    let states = 0;
    const traces = [];
    let summary = "";
    // The first LOG lines (how the sync chose its pace, say); a sync logs little per record.
    const logs = [];
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (line.startsWith('{"type":"STATE"')) {
        states++;
        return;
      }
      const message = JSON.parse(line);
      if (message.type === "TRACE") traces.push(message.trace);
      else if (message.type === "LOG") {
        if (message.log.message.startsWith("Summary")) summary += `${message.log.message}\n`;
        if (logs.length < 100) logs.push(message.log.message);
      }
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      if (stderr.length < 10_000) stderr += d;
    });
    child.stdin.on("error", () => {});
    createReadStream(inputPath).pipe(child.stdin);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      resolve({ code, seconds, peakRss, peakHwm, cpuSeconds, states, traces, summary, logs, stderr });
    });
    child.on("exit", poll);
  });
}
