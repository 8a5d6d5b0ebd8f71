/** The config values a template may name: `{config.waba_id}` and friends. */
export const CONFIG_KEYS = ["waba_id", "phone_number_id", "api_version"] as const;
export type TemplateConfigKey = (typeof CONFIG_KEYS)[number];

export type TemplateConfigValues = { readonly [K in TemplateConfigKey]?: string | undefined };

/** What a compiled template renders from: one record and the connector's config. */
export interface TemplateContext {
  readonly message: Readonly<Record<string, unknown>>;
  readonly config: TemplateConfigValues;
}
