/** Unique message ids shaped like Meta's (`wamid.` + base64), unique across resets. */
export class Wamids {
  private readonly prefix = Math.random().toString(36).slice(2, 10);
  private counter = 0;

  next(): string {
    this.counter += 1;
    const raw = `${this.prefix}:${this.counter.toString(36)}`;
    return `wamid.HBgL${Buffer.from(raw).toString("base64url")}`;
  }
}
