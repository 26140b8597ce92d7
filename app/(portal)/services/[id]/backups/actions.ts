"use server";

import { customerAction } from "@/lib/actions/safe-action";
import { createHostingBackup, hostingBackupDownloadLink, restoreHostingBackup } from "@/lib/services/hosting";
import { runHostingAction } from "@/lib/services/hosting-action";
import { backupInputSchema, serviceInputSchema } from "@/lib/services/hosting-schemas";

// Backups of a hosting service (services.manage); lib/services/hosting scopes the service to the
// actor's customer, so another customer's id is "not found".

export const createBackupAction = customerAction(serviceInputSchema, "services.manage", async (actor, input) =>
  runHostingAction(input.serviceId, "backups", (meta) => createHostingBackup(actor, input, meta), (backup) => ({ id: backup.id })),
);

export const restoreBackupAction = customerAction(backupInputSchema, "services.manage", async (actor, input) =>
  runHostingAction(input.serviceId, "backups", (meta) => restoreHostingBackup(actor, input, meta), (backup) => ({ id: backup.id })),
);

/** A short-lived link; the browser opens it at once. */
export const backupDownloadLinkAction = customerAction(backupInputSchema, "services.manage", async (actor, input) =>
  runHostingAction(input.serviceId, "backups", (meta) => hostingBackupDownloadLink(actor, input, meta), (link) => ({ url: link.url })),
);
