import "server-only";

/** Every pg-boss queue of Portico, by name (DESIGN §10). */
export const QUEUES = {
  /** Drains the EmailMessage outbox; ticks every few seconds, a cron schedule is the backstop. */
  emailSendOutbox: "email.send-outbox",
  /** Escalates tickets past their SLA due time (lib/support/ticket-jobs.ts); every minute. */
  supportEscalate: "support.escalate",
  /** Closes tickets left "answered" for their department's autoCloseAfterDays; every 15 minutes. */
  supportAutoClose: "support.auto-close",
  /** Creates renewal invoices ahead of services' due dates (lib/billing/billing-run.ts); hourly. */
  billingRenewals: "billing.renewals",
  /** Reminders, suspension, termination of overdue invoices (lib/billing/dunning.ts); hourly. */
  billingDunning: "billing.dunning",
  /** Marks sent quotes past their validity date expired (lib/billing/quotes.ts); hourly. */
  quotesExpire: "billing.quotes-expire",
  /** Runs due ProvisioningJob rows (lib/services/provisioning-jobs.ts); ticks every few seconds. */
  servicesProvision: "services.provision",
  /** Pulls call records, traffic and disk/bandwidth usage from the modules (lib/services/usage-import.ts); hourly. */
  servicesUsagePull: "services.usage-pull",
  /** Queues termination of services whose approved cancellation date has come (lib/services/cancellation.ts); hourly. */
  servicesCancellations: "services.cancellations-due",
  /** Runs due RegistrarJob rows (lib/domains/registrar-jobs.ts); ticks every few seconds. */
  domainsRegistrar: "domains.registrar",
  /** Expiry notices 30, 7 and 1 days before domains expire (lib/domains/expiry-notices.ts); hourly. */
  domainsExpiryNotices: "domains.expiry-notices",
  /** Renewal invoices for auto-renewing domains ahead of expiry (lib/domains/domain-orders.ts); hourly. */
  domainsAutoRenew: "domains.auto-renew",
  /** Queues a registrar "sync" for domains not synced for a day (lib/domains/registrar-sync.ts); hourly. */
  domainsSync: "domains.sync",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
