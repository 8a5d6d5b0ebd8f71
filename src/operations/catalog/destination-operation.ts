/** One DestinationOperation of the Airbyte protocol (data activation). */
export interface DestinationOperation {
  readonly object_name: string;
  readonly sync_mode: string;
  readonly json_schema: Record<string, unknown>;
  readonly matching_keys?: readonly (readonly string[])[];
}
