import "server-only";

/** Every pg-boss queue of Portico, by name (DESIGN §10). */
export const QUEUES = {
  /** Drains the EmailMessage outbox; ticks every few seconds, a cron schedule is the backstop. */
  emailSendOutbox: "email.send-outbox",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
