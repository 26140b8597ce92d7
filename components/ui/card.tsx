import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

type CardProps = Omit<ComponentProps<"section">, "title"> & {
  title?: ReactNode;
  description?: ReactNode;
  /** Shown at the right of the title, e.g. a "View all" link. */
  action?: ReactNode;
  footer?: ReactNode;
  /** Heading level of the title (default h2). */
  headingLevel?: 2 | 3 | 4;
  bodyClassName?: string;
};

/** A panel; with a title it becomes a labelled region. */
export function Card({ title, description, action, footer, headingLevel = 2, className, bodyClassName, children, ...props }: CardProps) {
  const Heading = `h${headingLevel}` as "h2" | "h3" | "h4";
  const headingId = props.id ? `${props.id}-title` : undefined;
  return (
    <section
      {...props}
      aria-labelledby={title && headingId ? headingId : props["aria-labelledby"]}
      className={cn("min-w-0 rounded-lg border border-border bg-surface shadow-sm", className)}
    >
      {title || action ? (
        <header className="flex flex-wrap items-start justify-between gap-2 border-b border-border px-4 py-3 sm:px-5">
          <div className="min-w-0">
            {title ? (
              <Heading id={headingId} className="text-base font-semibold text-fg">
                {title}
              </Heading>
            ) : null}
            {description ? <p className="mt-0.5 text-sm text-muted">{description}</p> : null}
          </div>
          {action ? <div className="shrink-0">{action}</div> : null}
        </header>
      ) : null}
      <div className={cn("px-4 py-4 sm:px-5", bodyClassName)}>{children}</div>
      {footer ? <footer className="border-t border-border px-4 py-3 sm:px-5">{footer}</footer> : null}
    </section>
  );
}
