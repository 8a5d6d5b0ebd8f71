// The compact summary: one row a figure, its target and whether this run met it.
import { mb } from "./stats.mjs";

const pct = (v) => `${(v * 100).toFixed(1)} %`;
const verdict = (ok) => (ok === undefined ? "" : ok ? "ok" : "MISSED");

export function summaryRows(results) {
  const rows = [];
  const t = results.throughput;
  if (t) {
    rows.push([
      `throughput, ${t.records} records, ${t.concurrency} in flight`,
      `${t.connector.rate.toFixed(0)}/s vs ceiling ${t.ceiling.rate.toFixed(0)}/s = ${t.ratio.toFixed(2)}`,
      ">= 0.60",
      verdict(t.ratio >= 0.6),
    ]);
    rows.push([
      "  same, steady state (journal span)",
      `${t.connector.spanRate.toFixed(0)}/s vs ${t.ceiling.spanRate.toFixed(0)}/s = ${t.spanRatio.toFixed(2)}`,
      "",
      "",
    ]);
    rows.push([
      "  CPU per record, user+sys (connector / bare client)",
      `${t.connector.cpuUsPerRecord.toFixed(0)} µs / ${t.ceiling.cpuUsPerRecord.toFixed(0)} µs`,
      "",
      "",
    ]);
  }
  for (const p of results.pacing?.runs ?? []) {
    rows.push([
      `pacing ${p.configured}/s, ${p.records} sends`,
      `achieved ${p.achieved.toFixed(1)}/s = ${pct(p.accuracy)}`,
      "97-100 %",
      verdict(p.accuracy >= 0.97 && p.accuracy <= 1.0),
    ]);
    rows.push([
      "  busiest 1 s window: sliding (after 1st s) / aligned",
      `${p.busiestSliding} (${p.busiestSlidingAfterFirstSecond}) / ${p.busiestAligned}`,
      `<= ${p.configured}`,
      verdict(p.busiestSliding <= p.configured),
    ]);
  }
  const m = results.memory;
  if (m) {
    rows.push([
      `peak RSS, ${m.small.records} records`,
      `${mb(m.small.peakHwm).toFixed(1)} MB`,
      "< 200 MB",
      verdict(mb(m.small.peakHwm) < 200),
    ]);
    if (m.large) {
      rows.push([
        `peak RSS, ${m.large.records} records`,
        `${mb(m.large.peakHwm).toFixed(1)} MB (${m.large.rate.toFixed(0)}/s)`,
        "< 200 MB",
        verdict(mb(m.large.peakHwm) < 200),
      ]);
      rows.push([
        `  ratio ${m.large.records}/${m.small.records}`,
        m.ratio.toFixed(2),
        "<= 1.20",
        verdict(m.ratio <= 1.2),
      ]);
    }
  }
  const s = results.startup;
  if (s) {
    rows.push([
      `start-up: spec vs node -e 0 (median of ${s.runs})`,
      `${s.specMs.toFixed(0)} ms vs ${s.nodeMs.toFixed(0)} ms = ${s.ratio.toFixed(2)}`,
      "<= 3.00",
      verdict(s.ratio <= 3),
    ]);
  }
  for (const [name, c] of Object.entries(results.cpu?.templates ?? {})) {
    rows.push([`plan() CPU / 10k: ${name}`, `${(c.cpuSecondsPer10k * 1000).toFixed(1)} ms`, "", ""]);
  }
  return rows;
}

export function printTable(rows, write) {
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) =>
    r
      .map((c, i) => String(c).padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  write(line(["figure", "measured", "target", ""]));
  write(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) write(line(r));
}
