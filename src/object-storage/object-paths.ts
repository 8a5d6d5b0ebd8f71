/**
 * Object keys, laid out as Airbyte's load-dlq toolkit lays them: `{bucket_path}/{sync_id}/
 * {namespace}/{stream_name}/` and files named `{date}_{timestamp}_{part_number}.jsonl`. The
 * toolkit joins the segments as file-system paths, so an absent namespace (or an empty
 * bucket_path) leaves no empty segment: `{bucket_path}/{sync_id}/{stream_name}/`.
 */
export function joinKey(...segments: ReadonlyArray<string | null | undefined>): string {
  return segments
    .flatMap((segment) => (segment ?? "").split("/"))
    .filter((part) => part !== "" && part !== ".")
    .join("/");
}

/** The folder of one stream's rejected records in one sync, with its trailing slash. */
export function rejectsFolder(
  bucketPath: string,
  syncId: string,
  namespace: string | null | undefined,
  streamName: string,
): string {
  return `${joinKey(bucketPath, syncId, namespace, streamName)}/`;
}

/** `2026-12-01_2026-12-01T10:02:03.123Z_0.jsonl`: the toolkit's default file name for JSON Lines. */
export function partFileName(time: Date, part: number): string {
  const iso = time.toISOString();
  return `${iso.slice(0, 10)}_${iso}_${part}.jsonl`;
}

/** Where the send ledger lives: beside the sync folders, under a name no sync_id can take. */
export function ledgerFolder(bucketPath: string): string {
  return `${joinKey(bucketPath, "_whatsapp_flows_send_ledger")}/`;
}

/** check's probe object: written, then deleted. */
export function probeKey(bucketPath: string, nonce: string): string {
  return joinKey(bucketPath, `_check_test_${nonce}`);
}
