/** Meta's limits for template components (message templates guide). */
export const TEMPLATE_LIMITS = { body: 1024, header: 60, footer: 60, button: 25 } as const;

/** The HEADER formats create_flow_template builds: a text, or a media sample Meta's review shows. */
export const HEADER_FORMATS = ["TEXT", "IMAGE", "VIDEO", "DOCUMENT"] as const;
export type HeaderFormat = (typeof HEADER_FORMATS)[number];
