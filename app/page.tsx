import { redirect } from "next/navigation";
import { getSessionState } from "@/lib/auth/session";

/** "/" sends everyone where they belong, by session state. */
export default async function Home() {
  const state = await getSessionState();
  switch (state.status) {
    case "two_factor_required":
      redirect("/login/2fa");
    case "two_factor_enrolment_required":
      redirect("/login/2fa/setup");
    case "no_access":
      redirect("/login?error=no_access");
    case "active":
      redirect(state.actor.kind === "staff" ? "/admin" : "/dashboard");
    default:
      redirect("/login");
  }
}
