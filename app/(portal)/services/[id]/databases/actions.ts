"use server";

import { customerAction } from "@/lib/actions/safe-action";
import { changeHostingDatabasePassword, createHostingDatabase, deleteHostingDatabase } from "@/lib/services/hosting";
import { runHostingAction } from "@/lib/services/hosting-action";
import { createDatabaseSchema, databaseInputSchema, databasePasswordSchema } from "@/lib/services/hosting-schemas";

// Databases of a hosting service (services.manage); the password goes to the panel only.

export const createDatabaseAction = customerAction(createDatabaseSchema, "services.manage", async (actor, input) =>
  runHostingAction(input.serviceId, "databases", (meta) => createHostingDatabase(actor, input, meta), (database) => ({ id: database.id, name: database.name })),
);

export const changeDatabasePasswordAction = customerAction(databasePasswordSchema, "services.manage", async (actor, input) =>
  runHostingAction(input.serviceId, "databases", (meta) => changeHostingDatabasePassword(actor, input, meta), () => undefined),
);

export const deleteDatabaseAction = customerAction(databaseInputSchema, "services.manage", async (actor, input) =>
  runHostingAction(input.serviceId, "databases", (meta) => deleteHostingDatabase(actor, input, meta), () => undefined),
);
