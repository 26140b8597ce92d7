import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";
export type ButtonSize = "sm" | "md";

const base =
  "inline-flex items-center justify-center gap-2 rounded-md font-medium transition-colors " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring " +
  "disabled:pointer-events-none disabled:opacity-50 aria-disabled:pointer-events-none aria-disabled:opacity-50";

const variants: Record<ButtonVariant, string> = {
  primary: "bg-accent text-accent-fg hover:bg-accent-hover shadow-sm",
  secondary: "border border-border bg-surface text-fg hover:bg-surface-muted shadow-sm",
  danger: "bg-danger text-white hover:bg-danger-hover shadow-sm",
  ghost: "text-fg hover:bg-surface-muted",
};

const sizes: Record<ButtonSize, string> = {
  sm: "h-8 px-3 text-sm",
  md: "h-10 px-4 text-sm",
};

/** Class names of a button, for the rare element that must look like one (e.g. a <summary>). */
export function buttonClasses(variant: ButtonVariant = "primary", size: ButtonSize = "md", className?: string) {
  return cn(base, variants[variant], sizes[size], className);
}

type Common = { variant?: ButtonVariant; size?: ButtonSize; className?: string; children?: ReactNode };
type AsButton = Common & Omit<ComponentProps<"button">, keyof Common> & { href?: undefined };
type AsLink = Common & Omit<ComponentProps<typeof Link>, keyof Common> & { href: string };
export type ButtonProps = AsButton | AsLink;

/** A button, or a link that looks like one when `href` is given. Buttons default to type="button". */
export function Button(props: ButtonProps) {
  const { variant = "primary", size = "md", className, children, ...rest } = props;
  const classes = buttonClasses(variant, size, className);
  if (typeof rest.href === "string") {
    const linkProps = rest as Omit<AsLink, keyof Common>;
    return (
      <Link {...linkProps} className={classes}>
        {children}
      </Link>
    );
  }
  const { type = "button", ...buttonProps } = rest as Omit<AsButton, keyof Common>;
  return (
    <button {...buttonProps} type={type} className={classes}>
      {children}
    </button>
  );
}
