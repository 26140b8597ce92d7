import "server-only";
import { BuiltinProvisioningModule } from "./builtin-module";
import type { ProvisionedService, ProvisioningModule } from "./provisioning-module";

export { BuiltinProvisioningModule, type BuiltinProvisioningOptions } from "./builtin-module";
export {
  ProvisioningError,
  type ProvisionedService,
  type ProvisioningContext,
  type ProvisioningErrorCode,
  type ProvisioningModule,
  type ProvisioningOutcome,
} from "./provisioning-module";

const builtin = new BuiltinProvisioningModule();

/**
 * The module that runs `service`: for now always the built-in simulated control panel. Issue 5
 * chooses by the service's server (Server.module) and adds the real ones; those call an outside
 * system that can be slow or down, so they run from a provisioning job with retries, never inside
 * a database transaction — the built-in one only writes Postgres, so it joins the caller's.
 */
export function moduleFor(_service: ProvisionedService): ProvisioningModule {
  return builtin;
}
