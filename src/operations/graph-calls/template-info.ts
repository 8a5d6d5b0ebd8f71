/** A message template as the WABA's template list describes it: what a send is checked against. */
export interface TemplateInfo {
  readonly id: string;
  readonly name: string;
  readonly language: string;
  readonly status: string;
  readonly category: string | undefined;
  readonly rejectedReason: string | undefined;
  readonly bodyParams: number;
  readonly headerParams: number;
  /**
   * A template with named placeholders (`{{first_name}}`, Meta's parameter_format NAMED): the
   * names in the order they first appear, which records' parameters are matched to.
   */
  readonly bodyNames?: readonly string[];
  readonly headerNames?: readonly string[];
  /** A media or location header's parameter type; undefined for a text header or none. */
  readonly headerMedia?: HeaderMedia;
  /** Indexes of the template's FLOW buttons (sends address a button by its index). */
  readonly flowButtons: readonly number[];
  /**
   * The Flow each FLOW button opens, by button index, as the list gives it (`flow_id`); a button
   * the list names no usable Flow id for has none here.
   */
  readonly flowIds?: ReadonlyMap<number, string>;
}

/** Header formats whose one parameter is a media object (or a location), by their parameter type. */
export type HeaderMedia = "image" | "video" | "document" | "location";
