"use server";

import { customerAction } from "@/lib/actions/safe-action";
import { createHostingSubdomain, deleteHostingSubdomain } from "@/lib/services/hosting";
import { runHostingAction } from "@/lib/services/hosting-action";
import { createSubdomainSchema, subdomainInputSchema } from "@/lib/services/hosting-schemas";

// Subdomains of a hosting service (services.manage).

export const createSubdomainAction = customerAction(createSubdomainSchema, "services.manage", async (actor, input) =>
  runHostingAction(input.serviceId, "subdomains", (meta) => createHostingSubdomain(actor, input, meta), (subdomain) => ({ id: subdomain.id, fqdn: subdomain.fqdn })),
);

export const deleteSubdomainAction = customerAction(subdomainInputSchema, "services.manage", async (actor, input) =>
  runHostingAction(input.serviceId, "subdomains", (meta) => deleteHostingSubdomain(actor, input, meta), () => undefined),
);
