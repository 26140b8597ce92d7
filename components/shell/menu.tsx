"use client";

import { type ReactNode, useEffect, useRef } from "react";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui";

type MenuProps = {
  /** What the toggle shows. */
  summary: ReactNode;
  /** Accessible name of the toggle when `summary` is an icon. */
  label?: string;
  children: ReactNode;
  align?: "start" | "end";
  className?: string;
  summaryClassName?: string;
  panelClassName?: string;
};

/**
 * A disclosure menu on <details>/<summary>: keyboard-usable and working without JavaScript. With
 * JavaScript it also closes on Escape (returning focus to the toggle), on a click outside, after
 * navigating and after submitting a form inside it.
 */
export function Menu({ summary, label, children, align = "end", className, summaryClassName, panelClassName }: MenuProps) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();

  useEffect(() => {
    ref.current?.removeAttribute("open");
  }, [pathname]);

  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const onPointerDown = (event: PointerEvent) => {
      if (details.open && !details.contains(event.target as Node)) details.removeAttribute("open");
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape" && details.open) {
        details.removeAttribute("open");
        details.querySelector("summary")?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointerDown);
    details.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      details.removeEventListener("keydown", onKeyDown);
    };
  }, []);

  return (
    // A form inside (language, customer, sign out) closes the menu when submitted.
    <details ref={ref} className={cn("group relative", className)} onSubmit={() => ref.current?.removeAttribute("open")}>
      <summary
        aria-label={label}
        className={cn(
          "flex h-9 items-center gap-1.5 rounded-md px-2 text-sm font-medium text-fg hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
          summaryClassName,
        )}
      >
        {summary}
      </summary>
      <div
        className={cn(
          "absolute z-30 mt-1 min-w-56 rounded-md border border-border bg-surface p-1 shadow-lg",
          align === "end" ? "right-0" : "left-0",
          panelClassName,
        )}
      >
        {children}
      </div>
    </details>
  );
}

/** Class names of one entry (link or button) in a Menu. */
export const menuItemClasses =
  "flex w-full items-center gap-2 rounded px-3 py-2 text-left text-sm text-fg hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-ring aria-[current=true]:font-semibold aria-[current=page]:font-semibold";

export function Chevron() {
  return (
    <svg aria-hidden="true" width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" className="text-muted transition-transform group-open:rotate-180">
      <path d="m6 9 6 6 6-6" />
    </svg>
  );
}
