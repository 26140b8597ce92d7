"use client";

import { ErrorView } from "@/components/shell/error-view";

export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView error={error} reset={reset} homeHref="/dashboard" />;
}
