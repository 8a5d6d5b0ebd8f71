// The send ledger's cost: the same send sync through `write` without object storage
// and with it (rejects and the ledger in the tests' S3-protocol server on 127.0.0.1), pacing off:
// CPU per send of the child; then one more with it, paced at 1,000 sends/s: the rate achieved
// (journal arrival times, as the pacing section reads them) and PUTs per 1,000 sends and per
// second, where the ledger's time-batched writes cost the most per send; and a paced sync to four
// senders (records naming their phone_number_id), whose pace is the four senders' together.
import { readFileSync, writeFileSync } from "node:fs";
import { startEmulatorProcess } from "../lib/emulator-process.mjs";
import { PHONE_ID } from "../lib/paths.mjs";
import { S3_ACCESS_KEY_ID, S3_BUCKET, S3_SECRET_ACCESS_KEY, startS3Process } from "../lib/s3-process.mjs";
import { spanRate } from "../lib/stats.mjs";
import { checkRun } from "../lib/verify.mjs";
import { inviteRecord, writeConfig, writeMessages } from "../lib/workload.mjs";
import { runWrite } from "../lib/write-child.mjs";
import { pacingFigures } from "./pacing.mjs";

let syncId = Date.now();
/** The paced run's messages_per_second: the HIGH throughput level's. */
const PACED_RATE = 1000;
/** The several-senders run: this many phone numbers, each at SENDER_RATE. */
const SENDERS = 4;
const SENDER_RATE = 80;
const SENDER_IDS = Array.from({ length: SENDERS }, (_, i) => (i === 0 ? PHONE_ID : `10654012999990${i}`));

/** The workload's config and catalog, with object storage (a fresh bucket_path) and a sync_id. */
function withStorage(files, s3, name) {
  const config = JSON.parse(readFileSync(files.configPath, "utf8"));
  config.object_storage_config = {
    storage_type: "S3",
    access_key_id: S3_ACCESS_KEY_ID,
    secret_access_key: S3_SECRET_ACCESS_KEY,
    s3_bucket_name: S3_BUCKET,
    s3_endpoint: s3.endpoint,
    bucket_path: `bench/${name}`,
    send_ledger: true,
  };
  writeFileSync(files.configPath, JSON.stringify(config));
  const catalog = JSON.parse(readFileSync(files.catalogPath, "utf8"));
  for (const stream of catalog.streams) stream.sync_id = ++syncId;
  writeFileSync(files.catalogPath, JSON.stringify(catalog));
  return files;
}

export async function benchLedger({ emulator, ws, settings, log }) {
  const n = settings.ledgerRecords;
  const input = writeMessages(ws, "ledger", n);
  const s3 = await startS3Process();
  const problems = [];
  const run = async (
    name,
    { storage, messagesPerSecond = 0, records = n, path = input, api = emulator, pace },
  ) => {
    await api.resetWithFlow();
    let files = writeConfig(ws, name, {
      url: api.url,
      messagesPerSecond,
      concurrency: settings.concurrency,
    });
    if (storage) files = withStorage(files, s3, name);
    const before = await s3.requests();
    const result = await runWrite({ ...files, inputPath: path, pollMs: settings.rssPollMs });
    const after = await s3.requests();
    const journal = await api.sends();
    problems.push(...checkRun(result, journal, records).map((p) => `${name} run: ${p}`));
    const puts = (after.PUT ?? 0) - (before.PUT ?? 0);
    const times = journal.sends.map((e) => e.time);
    const figures = {
      records,
      seconds: result.seconds,
      cpuUsPerSend: (result.cpuSeconds * 1e6) / records,
      puts,
      putsPer1000Sends: (puts * 1000) / records,
      putsPerSecond: puts / result.seconds,
      peakRssMb: Math.max(result.peakRss, result.peakHwm) / 2 ** 20,
      /** Sends per second from the emulator's first to last send (no start-up). */
      sendRate: spanRate(times),
      ...(messagesPerSecond > 0 ? { pacing: pacingFigures(pace ?? messagesPerSecond, times) } : {}),
    };
    log(
      `  ${name}: ${records} sends in ${figures.seconds.toFixed(2)} s (${figures.sendRate.toFixed(0)}/s first to last), ${figures.cpuUsPerSend.toFixed(0)} µs CPU/send, ${puts} PUTs, peak RSS ${figures.peakRssMb.toFixed(0)} MB` +
        (figures.pacing
          ? `; achieved ${(figures.pacing.accuracy * 100).toFixed(2)} % of ${pace ?? messagesPerSecond}/s`
          : ""),
    );
    return figures;
  };
  // BENCH_PROFILE=1: where the CPU of a send goes, without object storage and with it.
  const profileBoth = async (records, path) => {
    const { profileWrite } = await import("../lib/cpuprofile.mjs");
    const profiles = {};
    for (const storage of [false, true]) {
      const label = storage ? "profile-with" : "profile-without";
      await emulator.resetWithFlow();
      let files = writeConfig(ws, label, {
        url: emulator.url,
        messagesPerSecond: 0,
        concurrency: settings.concurrency,
      });
      if (storage) files = withStorage(files, s3, label);
      log(`  ${label} (${records} sends):`);
      profiles[label] = await profileWrite({ ws, files, input: path, log, dirName: label });
    }
    return profiles;
  };
  try {
    // CPU per send of a 1-2 s run is noisy: BENCH_ROUNDS runs of each side, alternating who goes
    // first, and the least CPU of each side is kept (its own bucket path: no ledger is shared).
    let without;
    let withLedger;
    const leaner = (best, run) => (best === undefined || run.cpuUsPerSend < best.cpuUsPerSend ? run : best);
    for (let round = 0; round < Math.max(1, settings.rounds); round++) {
      const suffix = round === 0 ? "" : `-${round + 1}`;
      for (const storage of round % 2 === 0 ? [false, true] : [true, false]) {
        const figures = await run(`${storage ? "with" : "without"}${suffix}`, { storage });
        if (storage) withLedger = leaner(withLedger, figures);
        else without = leaner(without, figures);
      }
    }
    const pacedRecords = Math.min(n, settings.ledgerPacedRecords);
    const pacedInput = writeMessages(ws, "ledger-paced", pacedRecords);
    const paced = await run(`paced-${PACED_RATE}`, {
      storage: true,
      messagesPerSecond: PACED_RATE,
      records: pacedRecords,
      path: pacedInput,
    });
    // Several senders: the ledger's lead must cover their paces together, not the first one's.
    const senderRecords = Math.min(n, settings.ledgerSenderRecords);
    const senderInput = writeMessages(ws, "ledger-senders", senderRecords, {
      data: (i) => ({ ...inviteRecord(i), phone_number_id: SENDER_IDS[i % SENDERS] }),
    });
    const senderApi = await startEmulatorProcess({ phoneNumberIds: SENDER_IDS });
    let senders;
    try {
      senders = await run(`senders-${SENDERS}x${SENDER_RATE}`, {
        storage: true,
        messagesPerSecond: SENDER_RATE,
        pace: SENDERS * SENDER_RATE,
        records: senderRecords,
        path: senderInput,
        api: senderApi,
      });
    } finally {
      await senderApi.close();
    }
    let profile;
    if (settings.profile) profile = await profileBoth(n, input);
    return {
      records: n,
      pacedRate: PACED_RATE,
      without,
      with: withLedger,
      paced,
      senders: { ...senders, count: SENDERS, rate: SENDER_RATE },
      profile,
      problems,
    };
  } finally {
    await s3.close();
  }
}
