import type { Metadata } from "next";
import { Alert, Card } from "@/components/ui";
import { panelViewFor } from "@/lib/integrations/provisioning/builtin-links";

export const metadata: Metadata = { title: "Simulated control panel", robots: { index: false, follow: false } };

// The landing page of the built-in simulated control panel, opened by a single sign-on from the
// portal. It stands in for a third-party product (cPanel, Plesk, …) whose screens are not Portico's,
// so its few words are in English like the real panels' defaults. The view token in the URL is
// the only key: the panel sets no cookie and reads no Portico session.

function Quota({ label, used, max }: { label: string; used: number; max: number | null }) {
  return (
    <div className="flex items-baseline justify-between gap-4 border-b border-border py-2 last:border-b-0">
      <dt className="text-fg-muted">{label}</dt>
      <dd className="font-medium tabular-nums">{max === null ? `${used} (unlimited)` : `${used} of ${max}`}</dd>
    </div>
  );
}

export default async function SimulatedPanelPage({ searchParams }: { searchParams: Promise<{ view?: string | string[] }> }) {
  const { view } = await searchParams;
  const account = await panelViewFor(typeof view === "string" ? view : null);
  return (
    <main className="mx-auto max-w-2xl px-4 py-8">
      <p className="text-sm text-fg-muted">Simulated control panel</p>
      {account ? (
        <>
          <h1 className="mt-1 text-2xl font-semibold">Simulated control panel — signed in as {account.username}</h1>
          <p className="mt-2 text-fg-muted">
            {account.domain} · package {account.packageName} · server {account.serverHostname}
          </p>
          {account.suspended ? (
            <div className="mt-4">
              <Alert tone="warning">This account is suspended.</Alert>
            </div>
          ) : null}
          <Card title="Resources" className="mt-6">
            <dl className="text-sm">
              <Quota label="Disk (MB)" used={account.diskMb} max={account.diskQuotaMb} />
              <Quota label="FTP accounts" used={account.counts.ftp} max={account.maxima.ftp} />
              <Quota label="Databases" used={account.counts.databases} max={account.maxima.databases} />
              <Quota label="Mailboxes" used={account.counts.mailboxes} max={account.maxima.mailboxes} />
              <Quota label="Mail aliases" used={account.counts.aliases} max={null} />
              <Quota label="Subdomains" used={account.counts.subdomains} max={account.maxima.subdomains} />
              <Quota label="Backups" used={account.counts.backups} max={null} />
            </dl>
          </Card>
          <p className="mt-4 text-xs text-fg-muted">This view closes at {account.expiresAt.toISOString().slice(11, 16)} UTC. Manage the resources from the portal&apos;s service page.</p>
        </>
      ) : (
        <>
          <h1 className="mt-1 text-2xl font-semibold">Session expired</h1>
          <p className="mt-2 text-fg-muted">This control-panel session is not valid or has expired. Open the control panel again from the portal.</p>
        </>
      )}
    </main>
  );
}
