import "server-only";
import type { MailTransport, OutgoingMail } from "./mail-transport";

/**
 * No network: the message stays in the EmailMessage outbox, where the customer's email log and the
 * staff area show it. Used when RESEND_API_KEY is not set (the demo, development, tests).
 */
export class BuiltinOutboxTransport implements MailTransport {
  readonly name = "builtin";
  readonly deliveredStatus = "delivered_builtin" as const;

  async send(message: OutgoingMail): Promise<{ providerId: string }> {
    return { providerId: `builtin:${message.id}` };
  }
}
