import type { Config, GuardrailsConfig } from "../../config/index.js";
import type { GraphClient } from "../../graph/index.js";

/** All operations need of the Graph client: tests pass a fake, the sync passes a GraphClient. */
export type GraphRequester = Pick<GraphClient, "request">;

/** What every compiled operation shares: the client and the connector-level ids. */
export interface OperationEnv {
  readonly client: GraphRequester;
  readonly wabaId: string;
  /** The default sender of the send operations. */
  readonly phoneNumberId: string | undefined;
  readonly apiVersion: string;
  readonly baseUrl: string;
  /** `${baseUrl}/${apiVersion}/`: versioned paths are reported (never sent) with it. */
  readonly urlPrefix: string;
  /** The language of template sends and creates when neither record nor stream gives one. */
  readonly templateLanguage: string;
  /** The campaign guardrails; absent (tests, tools) means every guard is on. */
  readonly guardrails?: GuardrailsConfig;
}

export function createOperationEnv(config: Config, client: GraphRequester): OperationEnv {
  const baseUrl = config.base_url.replace(/\/+$/, "");
  return {
    client,
    wabaId: config.waba_id,
    phoneNumberId: config.phone_number_id === "" ? undefined : config.phone_number_id,
    apiVersion: config.api_version,
    baseUrl,
    urlPrefix: `${baseUrl}/${config.api_version}/`,
    templateLanguage: config.template_language,
    guardrails: config.guardrails,
  };
}
