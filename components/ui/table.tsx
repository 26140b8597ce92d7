import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

type TableProps = ComponentProps<"table"> & {
  /** Describes the table for screen readers; visually hidden unless `showCaption`. */
  caption?: ReactNode;
  showCaption?: boolean;
  wrapperClassName?: string;
};

/** A table in a horizontally scrolling, keyboard-focusable box, so it stays usable on a phone. */
export function Table({ caption, showCaption, className, wrapperClassName, children, ...props }: TableProps) {
  return (
    <div
      className={cn("w-full overflow-x-auto rounded-md border border-border focus-visible:outline-2 focus-visible:outline-ring", wrapperClassName)}
      tabIndex={0}
      role="region"
      aria-label={typeof caption === "string" ? caption : undefined}
    >
      <table {...props} className={cn("w-full min-w-max border-collapse text-left text-sm", className)}>
        {caption ? <caption className={showCaption ? "px-3 py-2 text-left text-sm text-muted" : "sr-only"}>{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}

export function THead({ className, ...props }: ComponentProps<"thead">) {
  return <thead {...props} className={cn("bg-surface-muted text-xs uppercase tracking-wide text-muted", className)} />;
}

export function TBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody {...props} className={cn("divide-y divide-border", className)} />;
}

export function TR({ className, ...props }: ComponentProps<"tr">) {
  return <tr {...props} className={cn("hover:bg-surface-muted/50", className)} />;
}

export function TH({ className, scope = "col", ...props }: ComponentProps<"th">) {
  return <th {...props} scope={scope} className={cn("px-3 py-2 font-medium", className)} />;
}

export function TD({ className, ...props }: ComponentProps<"td">) {
  return <td {...props} className={cn("px-3 py-2 align-middle text-fg", className)} />;
}
