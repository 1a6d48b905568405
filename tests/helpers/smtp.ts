import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface Received {
  from: string;
  to: string[];
  mail: ParsedMail;
  raw: string;
}

/**
 * A real SMTP server in this process (the `smtp-server` package). Recipients on `permanent` get a
 * 550 and those on `temporary` a 451 at RCPT TO, as a real server refusing them would; everything
 * else is accepted, parsed and kept in `received`.
 */
export async function startSmtp(opts: { permanent?: string[]; temporary?: string[] } = {}) {
  const received: Received[] = [];
  const refuse = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (opts.permanent?.includes(address.address)) return cb(refuse(550, "5.1.1 No such user"));
      if (opts.temporary?.includes(address.address)) return cb(refuse(451, "4.3.0 Try again later"));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          mail: await simpleParser(raw),
          raw,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    clear: () => received.splice(0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
