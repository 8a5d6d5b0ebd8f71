/** The bench is plain .mjs (it runs against dist/ without a build step): its figures typed here by hand. */
export interface Figure {
  name: string;
  measured: number | null;
  unit: string;
  target: { min?: number; max?: number } | null;
  ok: boolean | null;
  detail: string;
}

export const { figuresOf } = (await import(
  new URL("../../../../bench/lib/figures.mjs", import.meta.url).href
)) as {
  figuresOf(sections: object): Figure[];
};
