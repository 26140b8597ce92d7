import "server-only";
import { BuiltinOutboxTransport } from "./builtin-outbox-transport";
import type { MailTransport } from "./mail-transport";
import { ResendTransport } from "./resend-transport";

export { BuiltinOutboxTransport } from "./builtin-outbox-transport";
export { MailSendError, type MailTransport, type OutgoingMail } from "./mail-transport";
export { ResendTransport } from "./resend-transport";

/** Resend when RESEND_API_KEY is set, otherwise the built-in outbox. */
export function mailTransportFor(config: { RESEND_API_KEY?: string; RESEND_BASE_URL?: string }): MailTransport {
  if (config.RESEND_API_KEY) return new ResendTransport({ apiKey: config.RESEND_API_KEY, baseUrl: config.RESEND_BASE_URL });
  return new BuiltinOutboxTransport();
}
