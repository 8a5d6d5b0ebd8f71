import type { JsonPath } from "./json-path.js";

/** Properties whose object value is a Flow action (`{"name": "navigate", ...}`). */
const ACTION_KEYS: ReadonlySet<string> = new Set([
  "on-click-action",
  "on-select-action",
  "on-unselect-action",
  "on-cta-click-action",
]);

/** Properties walked as nested components rather than scanned as values. */
const NESTED_KEYS: ReadonlySet<string> = new Set(["children", "then", "else", "cases"]);

/** Types that only group other components: they do not count towards the per-screen total. */
const CONTAINERS: ReadonlySet<string> = new Set(["Form", "If", "Switch"]);

/** A Form's defaults for its fields: Meta does not say these references must be declared. */
const FORM_DEFAULT_KEYS: ReadonlySet<string> = new Set(["init-values", "error-messages"]);

const BINDING = /\$\{(?:screen\.([A-Za-z_,]+)\.)?(data|form)\.([A-Za-z0-9_]+)/g;

export interface ActionFact {
  readonly name: string;
  readonly path: JsonPath;
  /** `next.name` of a navigate action when it is a string. */
  readonly next?: string;
}

export interface BindingFact {
  readonly kind: "data" | "form";
  readonly field: string;
  /** The screen of a global reference `${screen.ID.data.x}`; undefined for a local one. */
  readonly screen?: string;
  readonly expression: string;
  readonly path: JsonPath;
  /** Where it sits: an action payload, a Form's init-values / error-messages, or elsewhere. */
  readonly where: BindingPlace;
}

export type BindingPlace = "component" | "payload" | "form-defaults";

export interface DuplicateName {
  readonly name: string;
  readonly path: JsonPath;
}

/** Per-type counts, where alternative branches (If then/else, Switch cases) count their maximum. */
export type Counts = Map<string, { count: number; path: JsonPath }>;

/** What the rules need to know about one screen, gathered in a single walk of its layout. */
export interface ScreenFacts {
  readonly index: number;
  readonly path: JsonPath;
  readonly node: Record<string, unknown>;
  readonly id: string | undefined;
  readonly terminal: boolean;
  readonly dataKeys: ReadonlySet<string> | undefined;
  readonly formFields: Set<string>;
  readonly actions: ActionFact[];
  readonly bindings: BindingFact[];
  readonly duplicateNames: DuplicateName[];
  counts: Counts;
  /** Components excluding pure containers, alternative branches counted at their largest. */
  total: number;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function collectScreenFacts(node: Record<string, unknown>, index: number): ScreenFacts {
  const path: JsonPath = ["screens", index];
  const data = node.data;
  const facts: ScreenFacts = {
    index,
    path,
    node,
    id: typeof node.id === "string" ? node.id : undefined,
    terminal: node.terminal === true,
    dataKeys: isObject(data) ? new Set(Object.keys(data)) : undefined,
    formFields: new Set(),
    actions: [],
    bindings: [],
    duplicateNames: [],
    counts: new Map(),
    total: 0,
  };
  const layout = node.layout;
  if (isObject(layout) && Array.isArray(layout.children)) {
    const walked = walkList(facts, layout.children, [...path, "layout", "children"], new Set());
    facts.counts = walked.counts;
    facts.total = walked.total;
  }
  return facts;
}

interface Walked {
  counts: Counts;
  total: number;
}

function walkList(facts: ScreenFacts, list: readonly unknown[], path: JsonPath, names: Set<string>): Walked {
  const out: Walked = { counts: new Map(), total: 0 };
  list.forEach((child, i) => {
    if (isObject(child)) add(out, walkComponent(facts, child, [...path, i], names));
  });
  return out;
}

function walkComponent(
  facts: ScreenFacts,
  component: Record<string, unknown>,
  path: JsonPath,
  names: Set<string>,
): Walked {
  const type = typeof component.type === "string" ? component.type : "";
  const out: Walked = { counts: new Map([[type, { count: 1, path }]]), total: CONTAINERS.has(type) ? 0 : 1 };
  if (type !== "Form" && typeof component.name === "string") {
    if (names.has(component.name))
      facts.duplicateNames.push({ name: component.name, path: [...path, "name"] });
    names.add(component.name);
    facts.formFields.add(component.name);
  }
  if (Array.isArray(component.children)) {
    add(out, walkList(facts, component.children, [...path, "children"], names));
  }
  const branches: Walked[] = [];
  for (const key of ["then", "else"] as const) {
    const branch = component[key];
    if (Array.isArray(branch)) branches.push(walkList(facts, branch, [...path, key], new Set(names)));
  }
  if (isObject(component.cases)) {
    for (const [key, branch] of Object.entries(component.cases)) {
      if (Array.isArray(branch))
        branches.push(walkList(facts, branch, [...path, "cases", key], new Set(names)));
    }
  }
  if (branches.length > 0) add(out, maxOf(branches));
  for (const [key, value] of Object.entries(component)) {
    if (NESTED_KEYS.has(key)) continue;
    const where = type === "Form" && FORM_DEFAULT_KEYS.has(key) ? "form-defaults" : "component";
    scanValue(facts, value, [...path, key], key, where);
  }
  return out;
}

function scanValue(
  facts: ScreenFacts,
  value: unknown,
  path: JsonPath,
  key: string,
  where: BindingPlace,
): void {
  if (typeof value === "string") {
    if (value.includes("${")) scanBindings(facts, value, path, where);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      scanValue(facts, item, [...path, i], key, where);
    });
    return;
  }
  if (!isObject(value)) return;
  if (ACTION_KEYS.has(key) && typeof value.name === "string") {
    const next = isObject(value.next) && typeof value.next.name === "string" ? value.next.name : undefined;
    facts.actions.push(next === undefined ? { name: value.name, path } : { name: value.name, path, next });
  }
  for (const [k, v] of Object.entries(value)) {
    scanValue(facts, v, [...path, k], k, ACTION_KEYS.has(key) && k === "payload" ? "payload" : where);
  }
}

function scanBindings(facts: ScreenFacts, text: string, path: JsonPath, where: BindingPlace): void {
  BINDING.lastIndex = 0;
  for (let m = BINDING.exec(text); m !== null; m = BINDING.exec(text)) {
    const [expression, screen, kind, field] = m;
    if (field === undefined || (kind !== "data" && kind !== "form")) continue;
    facts.bindings.push(
      screen === undefined
        ? { kind, field, expression: `${expression}}`, path, where }
        : { kind, field, screen, expression: `${expression}}`, path, where },
    );
  }
}

function add(into: Walked, from: Walked): void {
  into.total += from.total;
  for (const [type, c] of from.counts) {
    const prev = into.counts.get(type);
    into.counts.set(type, prev === undefined ? { ...c } : { count: prev.count + c.count, path: prev.path });
  }
}

function maxOf(branches: readonly Walked[]): Walked {
  const out: Walked = { counts: new Map(), total: 0 };
  for (const b of branches) {
    out.total = Math.max(out.total, b.total);
    for (const [type, c] of b.counts) {
      const prev = out.counts.get(type);
      if (prev === undefined || c.count > prev.count) out.counts.set(type, c);
    }
  }
  return out;
}
