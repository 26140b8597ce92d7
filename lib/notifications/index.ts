import "server-only";

export { notifySecurityEvent, type SecurityEvent } from "./notify-security-event";
export { queueEmail, type EmailCategory, type QueueEmailInput } from "./queue-email";
export { renderSecurityEmail, type RenderedEmail, type SecurityEventKind } from "./render-security-email";
export { MAX_ATTEMPTS, RETRY_BASE_MS, SENDING_LEASE_MS, retryDelayMs, sendDueEmails, type SendDueEmailsResult } from "./send-due-emails";
export { OPTIONAL_EMAIL_CATEGORIES, customerRecipients, type EmailRecipient, type OptionalEmailCategory } from "./recipients";
