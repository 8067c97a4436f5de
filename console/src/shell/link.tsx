import type { ReactNode } from "react";
import { linkProps } from "./navigation";

export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  return (
    <a {...linkProps(to)} className={className}>
      {children}
    </a>
  );
}
