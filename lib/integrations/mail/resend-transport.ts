import "server-only";
import { Resend } from "resend";
import { MailSendError, type MailTransport, type OutgoingMail } from "./mail-transport";

// The request itself is malformed (bad address, missing field): sending it again gives the same answer.
const PERMANENT_STATUS = new Set([400, 422]);

export class ResendTransport implements MailTransport {
  readonly name = "resend";
  readonly deliveredStatus = "sent" as const;
  private client: Resend | undefined;

  constructor(private readonly options: { apiKey: string; baseUrl?: string }) {}

  // `new Resend()` throws without a key, so it is created on first use, not at import.
  private resend(): Resend {
    return (this.client ??= new Resend(this.options.apiKey, this.options.baseUrl ? { baseUrl: this.options.baseUrl } : undefined));
  }

  async send(message: OutgoingMail): Promise<{ providerId: string }> {
    const { data, error } = await this.resend().emails.send(
      { from: message.from, to: message.to, ...(message.replyTo ? { replyTo: message.replyTo } : {}), subject: message.subject, text: message.text, ...(message.html ? { html: message.html } : {}) },
      // Resend remembers the key for 24 hours: a retry after a lost response is not sent twice.
      { idempotencyKey: `email-message/${message.id}` },
    );
    if (error) {
      const statusCode = error.statusCode ?? null;
      throw new MailSendError(`Resend ${statusCode ?? "(no response)"} ${error.name}: ${error.message}`, !PERMANENT_STATUS.has(statusCode ?? 0), statusCode);
    }
    if (!data?.id) throw new MailSendError("Resend: the response carried no message id", true);
    return { providerId: data.id };
  }
}
