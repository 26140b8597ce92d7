import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";
import type { Tone } from "./badge";

const tones: Record<Tone, string> = {
  neutral: "border-border bg-surface-muted text-fg",
  info: "border-info/30 bg-info-soft text-info",
  success: "border-success/30 bg-success-soft text-success",
  warning: "border-warning/30 bg-warning-soft text-warning",
  danger: "border-danger/30 bg-danger-soft text-danger",
};

type AlertProps = Omit<ComponentProps<"div">, "title"> & { tone?: Tone; title?: ReactNode };

/**
 * A message box. Errors and warnings are announced at once (role="alert"); other tones politely
 * (role="status"). Pass `role` to override.
 */
export function Alert({ tone = "info", title, className, children, role, ...props }: AlertProps) {
  return (
    <div
      {...props}
      role={role ?? (tone === "danger" || tone === "warning" ? "alert" : "status")}
      className={cn("rounded-md border px-4 py-3 text-sm", tones[tone], className)}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={cn(title ? "mt-1" : null, "text-fg")}>{children}</div> : null}
    </div>
  );
}
