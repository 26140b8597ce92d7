"use client";

import { ErrorView } from "@/components/shell/error-view";

export default function StaffError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView error={error} reset={reset} homeHref="/admin" />;
}
