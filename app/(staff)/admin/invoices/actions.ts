"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, fail, ok } from "@/lib/actions/result";
import { staffAction } from "@/lib/actions/staff-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { AdminBillingError } from "@/lib/billing/admin-access";
import { bookBankImport, previewBankImport } from "@/lib/billing/admin-bank-import";
import { adjustCustomerCredit, cancelInvoice, createDraft, deleteDraft, issueDraft, recordPayment, refundPaymentForStaff, resendInvoice, saveDraft } from "@/lib/billing/admin-invoices";
import { adjustCreditSchema, bankImportSchema, draftSchema, invoiceIdInputSchema, recordPaymentSchema, refundSchema } from "@/lib/billing/admin-schemas";
import { InvoiceStateError } from "@/lib/billing/issue";
import { PaymentError } from "@/lib/billing/payments";

// Staff billing writes (staff.billing). Each action: staffAction (actor → permission → schema) →
// one lib/billing function (which checks the permission again) → revalidate → a typed result.

const LIST = "/admin/invoices";
const invoicePath = (id: string) => `${LIST}/${id}`;

/** Known refusals become a message (next to the field when there is one); anything else is a bug and propagates. */
function refusal(error: unknown): ActionResult<never> {
  if (error instanceof AdminBillingError) return fail(error.key, error.field ? { [error.field]: error.key } : undefined);
  if (error instanceof PaymentError || error instanceof InvoiceStateError) return fail(error.key);
  throw error;
}

async function attempt<T>(run: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch (error) {
    return refusal(error);
  }
}

export const createDraftAction = staffAction(draftSchema, "staff.billing", (actor, input) =>
  attempt(async () => {
    const { id } = await createDraft(actor, input, await currentRequestInfo());
    revalidatePath(LIST);
    return ok({ id });
  }),
);

export const saveDraftAction = staffAction(draftSchema, "staff.billing", (actor, input) =>
  attempt(async () => {
    const { id } = await saveDraft(actor, input, await currentRequestInfo());
    revalidatePath(LIST);
    revalidatePath(invoicePath(id));
    return ok({ id });
  }),
);

export const deleteDraftAction = staffAction(invoiceIdInputSchema, "staff.billing", (actor, { invoiceId }) =>
  attempt(async () => {
    await deleteDraft(actor, invoiceId, await currentRequestInfo());
    revalidatePath(LIST);
    return ok(undefined);
  }),
);

export const issueDraftAction = staffAction(invoiceIdInputSchema, "staff.billing", (actor, { invoiceId }) =>
  attempt(async () => {
    const issued = await issueDraft(actor, invoiceId, await currentRequestInfo());
    revalidatePath(LIST);
    revalidatePath(invoicePath(invoiceId));
    return ok({ number: issued.number, emailed: issued.emailed });
  }),
);

export const cancelInvoiceAction = staffAction(invoiceIdInputSchema, "staff.billing", (actor, { invoiceId }) =>
  attempt(async () => {
    await cancelInvoice(actor, invoiceId, await currentRequestInfo());
    revalidatePath(LIST);
    revalidatePath(invoicePath(invoiceId));
    return ok(undefined);
  }),
);

export const resendInvoiceAction = staffAction(invoiceIdInputSchema, "staff.billing", (actor, { invoiceId }) =>
  attempt(async () => {
    const result = await resendInvoice(actor, invoiceId, await currentRequestInfo());
    revalidatePath(invoicePath(invoiceId));
    return ok(result);
  }),
);

export const recordPaymentAction = staffAction(recordPaymentSchema, "staff.billing", (actor, input) =>
  attempt(async () => {
    const result = await recordPayment(actor, input);
    revalidatePath(LIST);
    revalidatePath(invoicePath(input.invoiceId));
    return ok({ duplicate: result.duplicate, appliedMinor: result.appliedMinor, creditedMinor: result.creditedMinor, invoicePaid: result.invoicePaid, taxInvoiceId: result.taxInvoiceId });
  }),
);

export const refundPaymentAction = staffAction(refundSchema, "staff.billing", (actor, input) =>
  attempt(async () => {
    const result = await refundPaymentForStaff(actor, input);
    revalidatePath(LIST, "layout");
    return ok({ duplicate: result.duplicate, creditNoteId: result.creditNoteId });
  }),
);

export const adjustCreditAction = staffAction(adjustCreditSchema, "staff.billing", (actor, input) =>
  attempt(async () => {
    const result = await adjustCustomerCredit(actor, input, await currentRequestInfo());
    revalidatePath(`${LIST}/credit`);
    return ok(result);
  }),
);

export const previewBankImportAction = staffAction(bankImportSchema, "staff.billing", (actor, { csv }) => attempt(async () => ok(await previewBankImport(actor, csv))));

export const bookBankImportAction = staffAction(bankImportSchema, "staff.billing", (actor, { csv }) =>
  attempt(async () => {
    const result = await bookBankImport(actor, csv, await currentRequestInfo());
    revalidatePath(LIST, "layout");
    return ok(result);
  }),
);
