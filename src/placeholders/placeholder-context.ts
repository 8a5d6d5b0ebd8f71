/** The config values a placeholder may name: `{config.waba_id}` and friends. */
export const CONFIG_KEYS = ["waba_id", "phone_number_id", "api_version"] as const;
export type PlaceholderConfigKey = (typeof CONFIG_KEYS)[number];

export type PlaceholderConfigValues = { readonly [K in PlaceholderConfigKey]?: string | undefined };

/** What compiled placeholders render from: one record and the connector's config. */
export interface PlaceholderContext {
  readonly message: Readonly<Record<string, unknown>>;
  readonly config: PlaceholderConfigValues;
}
