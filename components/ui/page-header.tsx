import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "./cn";

type PageHeaderProps = {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons at the right (below the title on a phone). */
  actions?: ReactNode;
  /** A link back to the list this page belongs to, shown above the title. */
  back?: { href: string; label: string };
  /** Anything else shown above the title. */
  eyebrow?: ReactNode;
  className?: string;
};

/** The page's h1. Every page has exactly one. */
export function PageHeader({ title, description, actions, back, eyebrow, className }: PageHeaderProps) {
  const above = back ? (
    <Link href={back.href} className="hover:underline">
      ← {back.label}
    </Link>
  ) : (
    eyebrow
  );
  return (
    <div className={cn("mb-6 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between", className)}>
      <div className="min-w-0">
        {above ? <div className="mb-1 text-sm text-muted">{above}</div> : null}
        <h1 className="text-2xl font-semibold tracking-tight text-fg">{title}</h1>
        {description ? <p className="mt-1 text-sm text-muted">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}
