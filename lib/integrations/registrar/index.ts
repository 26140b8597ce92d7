import "server-only";
import { BuiltinRegistry } from "./builtin-registry";
import { RegistrarError, type RegistrarModule } from "./registrar-module";

export { BuiltinRegistry, SANDBOX_HOLDER, newAuthCode, splitName, type BuiltinRegistryOptions } from "./builtin-registry";
export * from "./registrar-module";

const builtin = new BuiltinRegistry();

/** The registrars Portico knows, by Tld.registrar / Domain.registrar. A real one (an EPP client, a reseller API) is added here. */
const REGISTRARS: Record<string, () => RegistrarModule> = {
  builtin: () => builtin,
};

/** The registrar of a key, or a clear non-retryable error for a key nobody implemented. */
export function registrarByKey(key: string): RegistrarModule {
  const factory = Object.hasOwn(REGISTRARS, key) ? REGISTRARS[key] : undefined;
  if (!factory) throw new RegistrarError("unavailable", `no registrar module "${key}" is installed`, false);
  return factory();
}
