import { NotFoundView } from "@/components/shell/not-found-view";

/** notFound() in a portal page: shown inside the portal's header. */
export default function PortalNotFound() {
  return <NotFoundView homeHref="/dashboard" />;
}
