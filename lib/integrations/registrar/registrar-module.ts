// The registrar interface (issue 6): what Portico asks of a domain registry or a reseller API.
// Calls can be slow and fail, so everything that changes a name runs from a RegistrarJob with
// retries (lib/domains/registrar-jobs.ts); availability checks answer the search page directly.

export type Nameserver = { host: string; addresses?: string[] };

export type ContactData = {
  name: string;
  organization?: string | null;
  email: string;
  phone: string;
  street: string;
  city: string;
  postcode: string;
  country: string;
};

export type ContactSet = { registrant: ContactData; admin: ContactData; tech: ContactData; billing: ContactData };

export type Availability =
  | { name: string; available: true; premium: false }
  | { name: string; available: true; premium: true; /** The registry's yearly price in its own currency (minor units). */ premiumPriceMinor: bigint; currency: string }
  | { name: string; available: false; reason: "taken" | "reserved" | "invalid" | "unsupported" };

export type RegistryInfo = {
  name: string;
  /** "ours": held by this registrar account; "pending_transfer": a transfer to us is waiting; "away": another registrar holds it now. */
  holder: "ours" | "pending_transfer" | "away";
  expiresAt: Date;
  locked: boolean;
  nameservers: Nameserver[];
};

export type TransferState = { state: "pending"; dueAt: Date } | { state: "completed"; expiresAt: Date } | { state: "rejected" };

export type RegistrarErrorCode =
  /** The registry is down or slow; trying again may work. */
  | "unavailable"
  | "not_found"
  | "taken"
  | "reserved"
  | "invalid_input"
  | "wrong_auth_code"
  | "locked"
  | "not_ours";

/** A call the registry refused or could not take; `retryable` says whether trying again may succeed. */
export class RegistrarError extends Error {
  constructor(
    readonly code: RegistrarErrorCode,
    message: string,
    readonly retryable = code === "unavailable",
  ) {
    super(message);
    this.name = "RegistrarError";
  }
}

export interface RegistrarModule {
  /** Short name for logs and the audit log: "builtin", … */
  readonly name: string;
  checkAvailability(names: readonly string[]): Promise<Availability[]>;
  /** Registers a free name for `years`; registering a name this account already holds changes nothing and returns its expiry. */
  register(name: string, input: { years: number; nameservers: Nameserver[]; contacts: ContactSet }): Promise<{ expiresAt: Date; created: boolean }>;
  /** Asks for a name held elsewhere; the answer comes later (transferState). Asking again while pending changes nothing. */
  requestTransfer(name: string, input: { authCode: string; years: number }): Promise<TransferState>;
  transferState(name: string): Promise<TransferState>;
  /** Adds `years` to the expiry; `expectedExpiresAt` guards against renewing twice (EPP's curExpDate). */
  renew(name: string, input: { years: number; expectedExpiresAt: Date }): Promise<{ expiresAt: Date }>;
  setNameservers(name: string, nameservers: Nameserver[]): Promise<void>;
  setContacts(name: string, contacts: ContactSet): Promise<void>;
  setLock(name: string, locked: boolean): Promise<void>;
  /** The EPP/auth code for a transfer away. */
  getAuthCode(name: string): Promise<string>;
  /** Status, expiry, lock and nameservers as the registry sees them; null when the name is not registered. */
  info(name: string): Promise<RegistryInfo | null>;
}
