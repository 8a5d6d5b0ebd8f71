import type { FlowJsonTextOrigin } from "../../flow-json/index.js";
import type { GraphPlan } from "../contract/graph-plan.js";
import type { DesiredFlow, PublishedFlowChanges } from "./deploy-flow-decision.js";

/** A deploy_flow record planned: the create a first deploy makes, and the Flow as it should end up. */
export interface DeployFlowPlan extends GraphPlan {
  readonly desired: DesiredFlow;
  /** The validated text, uploaded as is (create's flow_json part, or the asset file). */
  readonly flowJsonText: string;
  readonly flowJsonOrigin: FlowJsonTextOrigin;
  /** The stream's endpoint option: whether a PUBLISHED Flow may be changed in place. */
  readonly publishedChanges: PublishedFlowChanges;
}
