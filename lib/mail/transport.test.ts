// Real SMTP with TLS: implicit (smtps://) and STARTTLS, over the pooled, no-delay sockets.
import { describe, expect, it } from "vitest";
import { startSmtpSink } from "@/lib/testing/smtp-sink";
import { createMailTransport } from "./transport";

const message = { from: "a@salon.test", to: "owner@salon.test", subject: "Hello", text: "Hi", messageId: "<event-1@t>" };

describe("SMTP transport", () => {
  it.each([
    ["smtps://", { secure: true }],
    ["STARTTLS", { startTls: true }],
  ] as const)("sends over TLS with %s", async (_label, sinkOptions) => {
    const sink = await startSmtpSink(sinkOptions);
    // The sink's certificate is smtp-server's self-signed one; production keeps verification on.
    const transport = createMailTransport({ smtpUrl: `${sink.url}?tls.rejectUnauthorized=false`, mailDir: "/nonexistent" });
    try {
      expect(transport.kind).toBe("smtp");
      await transport.send(message, 1);
      await sink.waitForMessages(1);
      expect(sink.messageIds).toEqual(["<event-1@t>"]);
      expect(sink.overTls).toEqual([true]);
    } finally {
      await transport.close();
      await sink.close();
    }
  });

  it("reports a refused connection instead of hanging", async () => {
    const sink = await startSmtpSink();
    const url = sink.url;
    await sink.close();
    const transport = createMailTransport({ smtpUrl: url, mailDir: "/nonexistent" });
    await expect(transport.send(message, 1)).rejects.toThrow(/ECONNREFUSED/);
    await transport.close();
  });

  it("rejects a URL that is not SMTP", () => {
    expect(() => createMailTransport({ smtpUrl: "http://mail.example", mailDir: "/x" })).toThrow("smtp:// or smtps://");
  });
});
