import "server-only";

/** One message as handed to a transport; `id` is the EmailMessage id (used as the idempotency key). */
export type OutgoingMail = {
  id: string;
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
};

export interface MailTransport {
  /** Short name for logs: "resend", "builtin". */
  readonly name: string;
  /** Outbox status of a message this transport accepted. */
  readonly deliveredStatus: "sent" | "delivered_builtin";
  send(message: OutgoingMail): Promise<{ providerId: string }>;
}

/** A send that did not go through; `retryable` is false when sending the same message again cannot succeed. */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly statusCode?: number | null,
  ) {
    super(message);
    this.name = "MailSendError";
  }
}
