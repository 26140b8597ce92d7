// The staff note form, shared by the browser and the server (lib/admin/customers.ts). Messages are keys of "staffCustomers".
import { z } from "zod";

export const customerNoteSchema = z.object({
  customerId: z.guid({ message: "errors.notFound" }),
  body: z.string().trim().min(1, "errors.noteRequired").max(4_000, "errors.noteTooLong"),
});
export type CustomerNoteInput = z.input<typeof customerNoteSchema>;
