import { ConfigError } from "../errors/index.js";
import type { Config } from "./schema/index.js";

/**
 * The guardrails that span two config objects, which the spec (one JSON Schema per field) cannot
 * state: the frequency cap is counted from the send ledger in the bucket, so it needs object
 * storage, the ledger, and a ledger read at least as wide as its window. Each refusal names the
 * field to change. The suppression periods need no rule here: without object storage they are
 * not kept, and the sync says so at its start.
 */
export function checkGuardrailRules(config: Config): void {
  const { guardrails } = config;
  const cap = guardrails.max_messages_per_recipient;
  if (cap === undefined) return;
  const storage = config.object_storage_config;
  if (storage.storage_type !== "S3") {
    throw new ConfigError(
      "guardrails.max_messages_per_recipient needs object storage: the cap counts earlier syncs' sends from the send ledger in the bucket, and without one it cannot be kept",
      {
        code: "ERR_GUARDRAIL_NEEDS_STORAGE",
        hint: "Configure object_storage_config (S3), or leave guardrails.max_messages_per_recipient empty",
      },
    );
  }
  if (!storage.send_ledger) {
    throw new ConfigError(
      "guardrails.max_messages_per_recipient needs the send ledger: the cap counts earlier syncs' sends from it, and object_storage_config.send_ledger is off",
      {
        code: "ERR_GUARDRAIL_NEEDS_STORAGE",
        hint: "Turn object_storage_config.send_ledger on, or leave guardrails.max_messages_per_recipient empty",
      },
    );
  }
  if (guardrails.frequency_window_hours > storage.ledger_window_hours) {
    throw new ConfigError(
      `guardrails.frequency_window_hours (${guardrails.frequency_window_hours}) is longer than object_storage_config.ledger_window_hours (${storage.ledger_window_hours}): a sync reads the send ledger only that far back, so the sends before it would not be counted`,
      {
        code: "ERR_GUARDRAIL_WINDOW",
        hint: "Lower guardrails.frequency_window_hours, or raise object_storage_config.ledger_window_hours to at least it",
      },
    );
  }
}
