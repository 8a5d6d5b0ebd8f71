// What a `kill -9` leaves ambiguous: a 3,000-record send sync (send ledger on, concurrency 16,
// a STATE every 100 records) killed again and again while it sends, each next attempt resuming
// from the last STATE the killed one echoed with the same sync_id, as Airbyte retries a job; then
// a last attempt runs to the end. Per pace: records reported ambiguous per kill, how many of those
// the emulator never received (they could have been sent), recipients messaged twice (must be 0),
// and the ledger's PUTs per second while it sends.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { IMAGE_NODE_ARGS, IMAGE_NODE_ENV } from "../lib/image-runtime.mjs";
import { MAIN } from "../lib/paths.mjs";
import { S3_ACCESS_KEY_ID, S3_BUCKET, S3_SECRET_ACCESS_KEY, startS3Process } from "../lib/s3-process.mjs";
import { inviteRecord, STREAM, writeConfig } from "../lib/workload.mjs";

const STATE_EVERY = 100;

/** A small seeded generator: a run's kill points can be repeated with its seed. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function inputFrom(from, records) {
  const lines = [];
  const emitted = Date.now();
  for (let i = from; i < records; i++) {
    lines.push(
      JSON.stringify({
        type: "RECORD",
        record: { stream: STREAM, data: inviteRecord(i), emitted_at: emitted },
      }),
    );
    if ((i + 1) % STATE_EVERY === 0) {
      const state = {
        type: "STREAM",
        stream: { stream_descriptor: { name: STREAM }, stream_state: { next: i + 1 } },
      };
      lines.push(JSON.stringify({ type: "STATE", state }));
    }
  }
  return `${lines.join("\n")}\n`;
}

async function journalSince(emulator, since) {
  const res = await fetch(`${emulator.url}/__emulator/journal?since=${since}`);
  return (await res.json()).entries;
}

async function lastSeq(emulator) {
  const entries = await journalSince(emulator, 0);
  return entries.reduce((max, e) => Math.max(max, e.seq), 0);
}

/** One attempt; `killAfter` sends seen by the emulator (polled), or never. */
function attempt(files, input, emulator, killAfter) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...IMAGE_NODE_ARGS, MAIN, "write", "--config", files.configPath, "--catalog", files.catalogPath],
      { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...IMAGE_NODE_ENV } },
    );
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.resume();
    child.stdin.on("error", () => {});
    child.stdin.end(input);
    let killed = false;
    let polling = killAfter !== undefined;
    const poll = async () => {
      // Only the entries since the last poll: the whole journal each time would load the machine.
      let since = await lastSeq(emulator);
      let seen = 0;
      while (polling) {
        const entries = await journalSince(emulator, since);
        for (const e of entries) {
          since = Math.max(since, e.seq);
          if (e.route === "send") seen++;
        }
        if (seen >= killAfter) {
          killed = child.kill("SIGKILL");
          return;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    if (polling) void poll();
    child.on("error", reject);
    child.on("close", (code) => {
      polling = false;
      const complete = stdout.slice(0, stdout.lastIndexOf("\n") + 1);
      const messages = complete
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l));
      resolve({ code, killed, messages });
    });
  });
}

async function killRun({ emulator, ws, s3, rate, records, kills, concurrency, seed, log }) {
  await emulator.resetWithFlow();
  const name = `crash-${rate}`;
  const files = writeConfig(ws, name, { url: emulator.url, messagesPerSecond: rate, concurrency });
  const config = JSON.parse((await import("node:fs")).readFileSync(files.configPath, "utf8"));
  config.object_storage_config = {
    storage_type: "S3",
    access_key_id: S3_ACCESS_KEY_ID,
    secret_access_key: S3_SECRET_ACCESS_KEY,
    s3_bucket_name: S3_BUCKET,
    s3_endpoint: s3.endpoint,
    bucket_path: `bench/${name}-${seed}`,
    send_ledger: true,
  };
  writeFileSync(files.configPath, JSON.stringify(config));
  const catalog = JSON.parse((await import("node:fs")).readFileSync(files.catalogPath, "utf8"));
  for (const stream of catalog.streams) stream.sync_id = seed;
  writeFileSync(files.catalogPath, JSON.stringify(catalog));

  const next = random(seed);
  // Kills land after a random number of sends, up to twice the sync's share per kill.
  const maxSends = Math.max(2, Math.floor((2 * records) / (kills + 1)));
  const ambiguous = new Set();
  const perKill = [];
  let from = 0;
  let landed = 0;
  /** Attempts that ended by themselves with an error, with the error's message: not a kill. */
  const failed = [];
  const putsBefore = (await s3.requests()).PUT ?? 0;
  const started = performance.now();
  for (let i = 0; i <= kills && from < records; i++) {
    const last = i === kills;
    const run = await attempt(
      files,
      inputFrom(from, records),
      emulator,
      last ? undefined : 1 + Math.floor(next() * maxSends),
    );
    let count = 0;
    for (const m of run.messages) {
      if (m.type === "LOG") {
        const line = /\(input line (\d+)[,)].*? may or may not have been delivered/.exec(m.log.message)?.[1];
        if (line !== undefined) {
          // Input lines: a STATE after every 100 records.
          const l = Number(line) - 1;
          const index = from + l - Math.floor(l / (STATE_EVERY + 1));
          ambiguous.add(index);
          count++;
        }
      }
      if (m.type === "STATE") from = m.state.stream.stream_state.next;
    }
    if (i > 0) perKill.push(count);
    if (run.killed) landed++;
    else if (run.code !== 0) {
      const trace = run.messages.find((m) => m.type === "TRACE" && m.trace.type === "ERROR");
      failed.push(`attempt ${i + 1} exited ${run.code}: ${trace?.trace.error.message ?? "no error message"}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const puts = ((await s3.requests()).PUT ?? 0) - putsBefore;
  const { sends } = await emulator.sends();
  const received = new Map();
  for (const e of sends)
    if (e.wamid !== undefined) received.set(e.recipient, (received.get(e.recipient) ?? 0) + 1);
  const twice = [...received.values()].filter((c) => c > 1).length;
  const neverSent = [...ambiguous].filter((i) => !received.has(inviteRecord(i).to)).length;
  const figures = {
    rate,
    records,
    kills: landed,
    seed,
    ambiguous: ambiguous.size,
    ambiguousPerKill: landed === 0 ? 0 : ambiguous.size / landed,
    worstKill: Math.max(0, ...perKill),
    neverSent,
    neverSentShare: ambiguous.size === 0 ? 0 : neverSent / ambiguous.size,
    sentTwice: twice,
    finished: from >= records,
    seconds,
    puts,
    putsPerSecond: puts / seconds,
    failed,
  };
  log(
    `  ${rate}/s: ${landed} kills, ${figures.ambiguousPerKill.toFixed(1)} ambiguous per kill (worst ${figures.worstKill}), ${neverSent} of ${ambiguous.size} never sent (${(figures.neverSentShare * 100).toFixed(0)} %), ${twice} sent twice, ${figures.putsPerSecond.toFixed(1)} PUTs/s over ${seconds.toFixed(0)} s`,
  );
  return figures;
}

export async function benchCrash({ emulator, ws, settings, log }) {
  const s3 = await startS3Process();
  const problems = [];
  const runs = {};
  try {
    for (const rate of settings.crashRates) {
      const seed = settings.crashSeed ?? (Date.now() % 100_000) + rate;
      const figures = await killRun({
        emulator,
        ws,
        s3,
        rate,
        records: settings.crashRecords,
        kills: settings.crashKills,
        concurrency: settings.concurrency,
        seed,
        log,
      });
      if (figures.sentTwice > 0)
        problems.push(`${rate}/s: ${figures.sentTwice} recipients messaged twice (seed ${seed})`);
      if (!figures.finished)
        problems.push(`${rate}/s: the last attempt did not reach the end (seed ${seed})`);
      for (const f of figures.failed.slice(0, 3)) problems.push(`${rate}/s: ${f} (seed ${seed})`);
      runs[rate] = figures;
    }
    return { kills: settings.crashKills, records: settings.crashRecords, runs, problems };
  } finally {
    await s3.close();
  }
}
