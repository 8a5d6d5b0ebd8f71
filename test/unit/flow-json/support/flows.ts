/** Small Flow JSON builders shared by the Flow JSON tests (unit and e2e). */
export type Json = Record<string, unknown>;

export const footer = (action: Json) => ({ type: "Footer", label: "Go", "on-click-action": action });
export const complete = footer({ name: "complete", payload: {} });
export const nav = (to: string) =>
  footer({ name: "navigate", next: { type: "screen", name: to }, payload: {} });
export const screen = (id: string, children: unknown[], extra: Json = {}) => ({
  id,
  title: id,
  ...extra,
  layout: { type: "SingleColumnLayout", children },
});

/** One terminal screen per id with a digit: `count` PATTERN_MISMATCH findings in a 7.3 Flow. */
export function manyBadIds(count: number): Json {
  return {
    version: "7.3",
    screens: Array.from({ length: count }, (_, i) => screen(`BAD${i}`, [complete], { terminal: true })),
  };
}

/** A Form whose `init-values` are bound to data the screen does not declare (warns, uploads). */
export const undeclaredInitValues: Json = {
  version: "7.0",
  data_api_version: "3.0",
  routing_model: { A: [] },
  screens: [
    screen(
      "A",
      [
        {
          type: "Form",
          name: "f",
          "init-values": "${data.init_values}",
          children: [{ type: "TextInput", name: "n", label: "Name" }, complete],
        },
      ],
      { terminal: true },
    ),
  ],
};
