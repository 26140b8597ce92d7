"use server";

import { customerAction } from "@/lib/actions/safe-action";
import { changeHostingFtpPassword, createHostingFtpAccount, deleteHostingFtpAccount } from "@/lib/services/hosting";
import { runHostingAction } from "@/lib/services/hosting-action";
import { createFtpSchema, ftpInputSchema, ftpPasswordSchema } from "@/lib/services/hosting-schemas";

// FTP accounts of a hosting service (services.manage); the password goes to the panel only.

export const createFtpAccountAction = customerAction(createFtpSchema, "services.manage", async (actor, input) =>
  runHostingAction(input.serviceId, "ftp", (meta) => createHostingFtpAccount(actor, input, meta), (ftp) => ({ id: ftp.id, login: ftp.login })),
);

export const changeFtpPasswordAction = customerAction(ftpPasswordSchema, "services.manage", async (actor, input) =>
  runHostingAction(input.serviceId, "ftp", (meta) => changeHostingFtpPassword(actor, input, meta), () => undefined),
);

export const deleteFtpAccountAction = customerAction(ftpInputSchema, "services.manage", async (actor, input) =>
  runHostingAction(input.serviceId, "ftp", (meta) => deleteHostingFtpAccount(actor, input, meta), () => undefined),
);
