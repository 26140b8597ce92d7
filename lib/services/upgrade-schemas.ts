// The package-change form, shared by react-hook-form on the client and the server action. Messages
// are keys of the "serviceChanges" namespace. Only ids travel: the price and the proration are
// computed again on the server.
import { z } from "zod";

export const requestUpgradeSchema = z.object({
  serviceId: z.guid({ message: "upgrade.errors.notFound" }),
  productId: z.guid({ message: "upgrade.errors.choosePackage" }),
});
export type RequestUpgradeInput = z.infer<typeof requestUpgradeSchema>;
