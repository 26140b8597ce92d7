import { redirect } from "next/navigation";
import { getSessionState, landingPathFor } from "@/lib/auth/session";

/** "/" sends everyone where they belong, by session state. */
export default async function Home() {
  redirect(landingPathFor(await getSessionState()));
}
