/**
 * One Flow JSON problem, shaped like an entry of Meta's `validation_errors` (Update Flow JSON and
 * Get Flow answers), so that local and remote findings read the same in reports.
 */
export interface FlowJsonPointer {
  readonly path: string;
  readonly line_start?: number;
  readonly line_end?: number;
  readonly column_start?: number;
  readonly column_end?: number;
}

export interface FlowJsonValidationError {
  /** Meta's error code, e.g. MISSING_TERMINAL_SCREEN. */
  readonly error: string;
  readonly error_type: string;
  readonly message: string;
  readonly line_start?: number;
  readonly line_end?: number;
  readonly column_start?: number;
  readonly column_end?: number;
  readonly pointers: readonly FlowJsonPointer[];
}

export interface FlowJsonValidationResult {
  readonly valid: boolean;
  readonly errors: readonly FlowJsonValidationError[];
  /**
   * Findings that do not reject the Flow: constructs Meta accepts in real Flows although its
   * documentation does not say so, reported so the user can check them.
   */
  readonly warnings: readonly FlowJsonValidationError[];
  /** The Flow JSON `version` when it could be read. */
  readonly version?: string;
}

export interface FlowJsonValidationOptions {
  /** The record asks to publish: the version must be one Meta still accepts for publishing. */
  readonly requirePublishable?: boolean;
}
