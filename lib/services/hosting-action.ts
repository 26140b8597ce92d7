import "server-only";
import { revalidatePath } from "next/cache";
import { type ActionResult, fail, ok } from "@/lib/actions/result";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { HostingError, type RequestMeta } from "./hosting-access";

/**
 * The tail of every hosting server action (after customerAction has checked the actor, the
 * permission and the form): one lib call with the request's address, the page revalidated, and a
 * refusal as the form shows it — on its field when it is about one, above the form otherwise.
 */
export async function runHostingAction<T, R>(serviceId: string, page: string, run: (meta: RequestMeta) => Promise<T>, shape: (result: T) => R): Promise<ActionResult<R>> {
  try {
    const result = await run(await currentRequestInfo());
    revalidatePath(`/services/${serviceId}/${page}`);
    return ok(shape(result));
  } catch (error) {
    if (error instanceof HostingError) return error.field ? fail("errors.invalidForm", { [error.field]: error.key }) : fail(error.key);
    throw error;
  }
}
