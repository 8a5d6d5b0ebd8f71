import { advancedDefinition } from "../advanced/advanced.js";
import type { DestinationSyncMode, OperationDefinition } from "../contract/definition.js";
import { deployFlowDefinition } from "../deploy-flow/deploy-flow.js";
import { createFlowDefinition } from "../flows/create-flow.js";
import { deleteFlowDefinition } from "../flows/delete-flow.js";
import { deprecateFlowDefinition } from "../flows/deprecate-flow.js";
import { publishFlowDefinition } from "../flows/publish-flow.js";
import { updateFlowJsonDefinition } from "../flows/update-flow-json.js";
import { updateFlowMetadataDefinition } from "../flows/update-flow-metadata.js";
import { createFlowTemplateDefinition } from "../message-templates/create-flow-template.js";
import { sendDraftFlowDefinition } from "../messages/send-draft-flow.js";
import { sendFlowTemplateDefinition } from "../messages/send-flow-template.js";
import { sendPublishedFlowDefinition } from "../messages/send-published-flow.js";

/**
 * The operations, in the order users see them. The only place the set is written: the spec's
 * endpoint oneOf, the registry, check's sending operations, discover's catalog and the docs
 * tables all derive from this list. Adding an operation: its module, its entry here, its tests and
 * its emulator route.
 */
export const OPERATION_DEFINITIONS = [
  createFlowDefinition,
  updateFlowJsonDefinition,
  updateFlowMetadataDefinition,
  publishFlowDefinition,
  deprecateFlowDefinition,
  deleteFlowDefinition,
  deployFlowDefinition,
  sendPublishedFlowDefinition,
  sendDraftFlowDefinition,
  // Campaigns: message templates with a FLOW button.
  sendFlowTemplateDefinition,
  createFlowTemplateDefinition,
  advancedDefinition,
] as const satisfies readonly OperationDefinition[];

const BY_NAME: ReadonlyMap<string, OperationDefinition> = new Map(
  OPERATION_DEFINITIONS.map((definition) => [definition.name, definition]),
);

export function definitionOf(name: string): OperationDefinition | undefined {
  return BY_NAME.get(name);
}

/** The definitions data activation offers as objects of their own (those with a record schema). */
export function activationDefinitions(): OperationDefinition[] {
  return OPERATION_DEFINITIONS.filter((definition) => definition.record !== undefined);
}

/** Every destination sync mode an operation declares, in protocol order: the SPEC's list. */
export function declaredSyncModes(): DestinationSyncMode[] {
  const order: DestinationSyncMode[] = ["append", "update", "soft_delete"];
  const declared = new Set<string>(OPERATION_DEFINITIONS.flatMap((definition) => definition.syncModes));
  return order.filter((mode) => declared.has(mode));
}
