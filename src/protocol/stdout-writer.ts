import { once } from "node:events";
import type { Writable } from "node:stream";
import { EchoedStateMessage, type OutputMessage } from "./messages/output.js";
import { Redactor } from "./redactor.js";

/**
 * The only writer of stdout: one AirbyteMessage per line, nothing else. Awaiting `write` applies
 * backpressure (the platform reads our stdout as fast as it likes); `flush` resolves once
 * everything handed to the stream has been accepted.
 */
export class MessageWriter {
  private readonly out: Writable;
  readonly redactor: Redactor;
  private pendingDrain: Promise<void> | undefined;

  constructor(out: Writable, redactor = new Redactor()) {
    this.out = out;
    this.redactor = redactor;
  }

  async write(message: OutputMessage): Promise<void> {
    const text = message instanceof EchoedStateMessage ? message.line : JSON.stringify(message);
    const line = `${this.redactor.redact(text)}\n`;
    if (this.pendingDrain) await this.pendingDrain;
    if (!this.out.write(line)) {
      this.pendingDrain ??= once(this.out, "drain").then(() => {
        this.pendingDrain = undefined;
      });
      await this.pendingDrain;
    }
  }

  async flush(): Promise<void> {
    if (this.pendingDrain) await this.pendingDrain;
    if (this.out.writableNeedDrain) await once(this.out, "drain");
  }
}
