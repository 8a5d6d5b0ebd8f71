/** The smallest Flow JSON that passes validation and can be published: one terminal screen. */
export const MINIMAL_FLOW_JSON = {
  version: "7.2",
  screens: [
    {
      id: "WELCOME",
      title: "Welcome",
      terminal: true,
      success: true,
      data: {},
      layout: {
        type: "SingleColumnLayout",
        children: [{ type: "Footer", label: "Done", "on-click-action": { name: "complete", payload: {} } }],
      },
    },
  ],
};
