export interface ListedObject {
  readonly key: string;
  readonly size: number;
}

/**
 * The four bucket calls the connector makes (put, get, delete, list): what the batched writers,
 * the send ledger and check's probe rely on, whatever client stands behind them. Every failure is
 * an ObjectStorageError.
 */
export interface ObjectStore {
  readonly bucket: string;
  put(key: string, body: string, contentType?: string): Promise<void>;
  /** The object's text, or undefined when there is no such key. */
  get(key: string): Promise<string | undefined>;
  /**
   * The object's bytes as they arrive (for objects too large to hold whole), or undefined when
   * there is no such key. A body that breaks off fails the iteration with an ObjectStorageError.
   */
  read(key: string): Promise<AsyncIterable<Uint8Array> | undefined>;
  /** Deleting a key that does not exist succeeds. */
  delete(key: string): Promise<void>;
  /**
   * Every object under `prefix` whose key sorts after `startAfter`, in key order; a listing that
   * does not move on, or is longer than a store's page limit, fails naming the prefix.
   */
  list(prefix: string, startAfter?: string): AsyncIterable<ListedObject>;
  close(): Promise<void>;
}
