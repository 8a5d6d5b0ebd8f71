import type { EndpointConfig } from "../../config/index.js";

/**
 * A catalog stream as the sync runs it: its names, the endpoint it maps to and where that came
 * from. The catalog layer builds it (../catalog/resolve-streams.ts); records carry it in their context.
 */
export interface ResolvedStream {
  readonly name: string;
  readonly namespace: string | undefined;
  /** Stable key for maps (see `streamKey`). */
  readonly key: string;
  readonly endpoint: EndpointConfig;
  /** Where the endpoint came from, for errors: "streams[2].endpoint" or "catalog streams[0]". */
  readonly configPath: string;
  /** The catalog's destination_sync_mode, one the operation declares (or append, classic). */
  readonly syncMode: string;
  /** The catalog's primary_key (field paths) when it names one: sends say it in their callback data. */
  readonly primaryKey?: readonly (readonly string[])[];
  /** Set with data activation: the catalog's destination_object_name. */
  readonly objectName?: string;
  /** The catalog's sync_id / generation_id when the platform sent them (Airbyte 1.x does). */
  readonly syncId?: number;
  readonly generationId?: number;
}
